import { randomUUID } from 'node:crypto';
import { sqlCampaignStore } from '../../../src/adapters/storage/sql-campaign-store';
import { SqlNudgeStore } from '../../../src/adapters/storage/sql-nudge-store';
import { inMemoryCampaignStore } from '../../fakes/in-memory-campaign-store';
import { databaseTargets } from '../../support/test-database';
import { emptiedCampaignDatabase } from './campaign-databases';
import { reserveCampaignNudge } from './campaign-fixtures';
import { campaignRunsContract } from './campaign-runs.contract';

// The fake keeps no nudges: any id will do. The SQL store refers to the nudge's row, so one is reserved there.
campaignRunsContract('the in-memory fake', async () => ({ store: inMemoryCampaignStore().store, nudgeFor: async () => randomUUID() }));

for (const target of databaseTargets()) {
  const database = emptiedCampaignDatabase(target);
  campaignRunsContract(target.name, async () => {
    const db = await database();
    const nudges = new SqlNudgeStore(db);
    return {
      store: sqlCampaignStore(db, { leaseClock: 'caller' }),
      nudgeFor: async (delivery) => (await reserveCampaignNudge(nudges, delivery, delivery.dueAt)).nudgeId,
    };
  });
}

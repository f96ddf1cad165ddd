import { randomUUID } from 'node:crypto';
import { sqlCampaignStore } from '../../../src/adapters/storage/sql-campaign-store';
import type { CampaignDelivery } from '../../../src/domain/campaigns/campaign-run';
import { SqlNudgeStore } from '../../../src/adapters/storage/sql-nudge-store';
import { inMemoryCampaignStore } from '../../fakes/in-memory-campaign-store';
import { withoutCampaigns } from './campaign-databases';
import { reserveCampaignNudge } from './campaign-fixtures';
import { campaignRunsContract } from './campaign-runs.contract';
import { onFakeAndDatabases } from './on-fake-and-databases';

onFakeAndDatabases(campaignRunsContract, {
  // The fake keeps no nudges: any id will do. The SQL store refers to the nudge's row, so one is reserved there.
  fake: () => ({ store: inMemoryCampaignStore().store, nudgeFor: async () => randomUUID() }),
  sql: async (db) => {
    const nudges = new SqlNudgeStore(await withoutCampaigns(db));
    return {
      store: sqlCampaignStore(db, { leaseClock: 'caller' }),
      nudgeFor: async (delivery: CampaignDelivery) => (await reserveCampaignNudge(nudges, delivery, delivery.dueAt)).nudgeId,
    };
  },
});

import { sqlCampaignStore } from '../../../src/adapters/storage/sql-campaign-store';
import { inMemoryCampaignStore } from '../../fakes/in-memory-campaign-store';
import { databaseTargets } from '../../support/test-database';
import { emptiedCampaignDatabase } from './campaign-databases';
import { escalationLedgerContract } from './escalation-ledger.contract';

escalationLedgerContract('the in-memory fake', async () => inMemoryCampaignStore().store);

for (const target of databaseTargets()) {
  const database = emptiedCampaignDatabase(target);
  escalationLedgerContract(target.name, async () => sqlCampaignStore(await database()));
}

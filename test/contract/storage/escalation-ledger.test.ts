import { sqlCampaignStore } from '../../../src/adapters/storage/sql-campaign-store';
import { inMemoryCampaignStore } from '../../fakes/in-memory-campaign-store';
import { withoutCampaigns } from './campaign-databases';
import { escalationLedgerContract } from './escalation-ledger.contract';
import { onFakeAndDatabases } from './on-fake-and-databases';

onFakeAndDatabases(escalationLedgerContract, {
  fake: () => inMemoryCampaignStore().store,
  sql: async (db) => sqlCampaignStore(await withoutCampaigns(db)),
});

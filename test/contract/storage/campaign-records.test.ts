import { sqlCampaignStore } from '../../../src/adapters/storage/sql-campaign-store';
import { InMemoryCampaignRecords } from '../../fakes/in-memory-campaign-records';
import { withoutCampaigns } from './campaign-databases';
import { campaignRecordsContract } from './campaign-records.contract';
import { onFakeAndDatabases } from './on-fake-and-databases';

onFakeAndDatabases(campaignRecordsContract, {
  fake: () => new InMemoryCampaignRecords(),
  sql: async (db) => sqlCampaignStore(await withoutCampaigns(db)),
});

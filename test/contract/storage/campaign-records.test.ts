import { sqlCampaignStore } from '../../../src/adapters/storage/sql-campaign-store';
import { InMemoryCampaignRecords } from '../../fakes/in-memory-campaign-records';
import { databaseTargets } from '../../support/test-database';
import { emptiedCampaignDatabase } from './campaign-databases';
import { campaignRecordsContract } from './campaign-records.contract';

campaignRecordsContract('the in-memory fake', async () => new InMemoryCampaignRecords());

for (const target of databaseTargets()) {
  const database = emptiedCampaignDatabase(target);
  campaignRecordsContract(target.name, async () => sqlCampaignStore(await database()));
}

import type { Database } from '../../../src/adapters/storage/database';
import { migratedOnFirstUse, type DatabaseTarget } from '../../support/test-database';

/** The database emptied of every campaign (their runs, deliveries and escalations with them): a test starts as the fakes do, with none. */
export async function withoutCampaigns(db: Database): Promise<Database> {
  await db.exec('TRUNCATE campaigns CASCADE');
  return db;
}

/**
 * One migrated database of `target` for a file's SQL-only campaign suites, emptied of every campaign each time a
 * test asks for it. Call it while jest collects the tests.
 */
export function emptiedCampaignDatabase(target: DatabaseTarget): () => Promise<Database> {
  const database = migratedOnFirstUse(target);
  return async () => withoutCampaigns(await database());
}

import type { Database } from '../../../src/adapters/storage/database';
import { migratedOnFirstUse, type DatabaseTarget } from '../../support/test-database';

/**
 * One migrated database of `target` for a file's campaign suites, emptied of every campaign (their runs,
 * deliveries and escalations with them) each time a test asks for it, so that each test starts as the fakes do:
 * with none. Call it while jest collects the tests.
 */
export function emptiedCampaignDatabase(target: DatabaseTarget): () => Promise<Database> {
  const database = migratedOnFirstUse(target);
  return async () => {
    const db = await database();
    await db.exec('TRUNCATE campaigns CASCADE');
    return db;
  };
}

import type { SqlExecutor } from '../../src/adapters/storage/database';

/** Empties every table a posture scan writes, each scan's partition of the people included, so each test starts from "no scan yet". */
export async function emptyPostureTables(db: SqlExecutor): Promise<void> {
  await db.exec(`
    DO $$
    DECLARE partition regclass;
    BEGIN
      FOR partition IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = 'mfa_users'::regclass LOOP
        EXECUTE format('DROP TABLE %s', partition);
      END LOOP;
    END $$;
    TRUNCATE scan_runs, posture_snapshots RESTART IDENTITY CASCADE;
  `);
}

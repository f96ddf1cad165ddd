import type { SqlExecutor } from '../../src/adapters/storage/database';

/** Empties every table a posture scan writes, so each test starts from "no scan yet". */
export async function emptyPostureTables(db: SqlExecutor): Promise<void> {
  await db.exec('TRUNCATE scan_runs, scan_people, scan_registrations, mfa_users, posture_snapshots RESTART IDENTITY CASCADE');
}

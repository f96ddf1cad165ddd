import type { SqlExecutor } from '../../src/adapters/storage/database';
import { dropScanPartitions, scanPartitionIds } from '../../src/adapters/storage/scan-partitions';

/** Empties every table a posture scan writes, each scan's partition of the people included, so each test starts from "no scan yet". */
export async function emptyPostureTables(db: SqlExecutor): Promise<void> {
  await dropScanPartitions(db, await scanPartitionIds(db));
  await db.exec('TRUNCATE scan_runs, posture_snapshots RESTART IDENTITY CASCADE');
}

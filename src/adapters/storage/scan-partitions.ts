import type { Database, SqlExecutor } from './database';

/**
 * The partitions of `mfa_users`, one per scan (see migration 004). Table names carry the scan id, so it is
 * checked to be digits before it goes into the statement.
 */
function partitionOf(scanId: string): string {
  if (!/^[0-9]{1,19}$/.test(scanId)) throw new Error(`not a scan id: ${JSON.stringify(scanId)}`);
  return `mfa_users_scan_${scanId}`;
}

/**
 * Where a new scan's pages go. Most people are written twice (directory entry, then registration): room
 * left on each page lets the second write stay there, without touching the indexes.
 */
export async function createScanPartition(tx: SqlExecutor, scanId: string): Promise<void> {
  // partitionOf has checked that scanId is digits only.
  await tx.exec(
    `CREATE TABLE IF NOT EXISTS ${partitionOf(scanId)} PARTITION OF mfa_users FOR VALUES IN (${scanId}) WITH (fillfactor = 60)`,
  );
}

/** A failed scan's pages, gone whole. */
export async function dropScanPartitions(tx: SqlExecutor, scanIds: readonly string[]): Promise<void> {
  if (scanIds.length === 0) return;
  await tx.exec(`DROP TABLE IF EXISTS ${scanIds.map(partitionOf).join(', ')}`);
}

/** The scans that have a partition now (the current one, and one running), in id order. */
export async function scanPartitionIds(db: SqlExecutor): Promise<string[]> {
  const rows = await db.query<{ scan_id: string }>(
    `SELECT substr(c.relname, length('mfa_users_scan_') + 1) AS scan_id
     FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = 'mfa_users'::regclass AND c.relname LIKE 'mfa\\_users\\_scan\\_%'
     ORDER BY substr(c.relname, length('mfa_users_scan_') + 1)::bigint`,
  );
  return rows.map((row) => row.scan_id);
}

/** Every partition but `keep`'s: the previous state, once a scan has succeeded. */
export async function dropScanPartitionsExcept(tx: SqlExecutor, keep: string): Promise<void> {
  await dropScanPartitions(
    tx,
    (await scanPartitionIds(tx)).filter((id) => id !== keep),
  );
}

/**
 * Fresh statistics for the planner on the partition that just became current (PGlite has no autovacuum).
 * A small sample is plenty for these simple queries, and a tenth of the default's time.
 */
export async function analyzeScanPartition(db: Database, scanId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.exec('SET LOCAL default_statistics_target = 10');
    await tx.exec(`ANALYZE ${partitionOf(scanId)}`);
  });
}

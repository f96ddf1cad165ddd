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

/**
 * Taken first by a transaction that changes a scan's row and then adds or drops a partition. A page being saved
 * locks mfa_users before it touches its scan's row (it marks the scan alive); dropping or adding a partition
 * locks mfa_users too, so a transaction that took the scan's row first and mfa_users second could wait on a page
 * that waits on it: PostgreSQL ends one of the two as a deadlock, and a failure left unrecorded kept the scan
 * "running" until the stale limit. The partition change takes this lock anyway; taking it first costs nothing.
 */
export async function lockScanPages(tx: SqlExecutor): Promise<void> {
  await tx.exec('LOCK TABLE mfa_users IN ACCESS EXCLUSIVE MODE');
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
 * The indexes the lists read, built on a scan's partition once its pages are all written (built earlier, each
 * registration arriving after its person's directory entry would have had to update them, where now it stays on its
 * page). Ordered as the lists are, by strength (and department), then name and id, and holding every column a list
 * filters on, so counting a department's unenrolled at a million people reads the index alone: about 15 ms, where
 * reading the table took seconds.
 */
export async function indexScanPartition(tx: SqlExecutor, scanId: string): Promise<void> {
  const partition = partitionOf(scanId);
  const covering =
    'INCLUDE (scan_id, display_name, department, user_type, account_enabled, is_admin, methods) WHERE user_principal_name IS NOT NULL';
  await tx.exec(
    `CREATE INDEX IF NOT EXISTS ${partition}_by_department ON ${partition}
       (strength, (lower(COALESCE(department, ''))), (lower(display_name) COLLATE "C"), id) ${covering};
     CREATE INDEX IF NOT EXISTS ${partition}_by_strength ON ${partition} (strength, (lower(display_name) COLLATE "C"), id) ${covering}`,
  );
}

/**
 * Housekeeping once a partition became current (PGlite has no autovacuum): a vacuum marks its pages all-visible, which
 * the index-only reads above need, and fresh statistics guide the planner. A small sample is plenty for these simple
 * queries, and a tenth of the default's time.
 */
export async function tidyScanPartition(db: Database, scanId: string): Promise<void> {
  await db.exec(`VACUUM ${partitionOf(scanId)}`);
  await db.transaction(async (tx) => {
    await tx.exec('SET LOCAL default_statistics_target = 10');
    await tx.exec(`ANALYZE ${partitionOf(scanId)}`);
  });
}

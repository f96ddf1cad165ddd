import type { AuditLog } from '../domain/ports/audit-log';

/** How long audit entries are kept when AUDIT_RETENTION_DAYS is not set. */
export const DEFAULT_AUDIT_RETENTION_DAYS = 365;

const DAY_MS = 24 * 3600_000;

/**
 * Deletes the audit entries older than the retention, counted back from `now` (the caller's clock, so that a test
 * or a moved clock decides what is old). The only delete the audit log knows: entries are otherwise kept as written.
 */
export async function purgeAuditLog(
  deps: { auditLog: Pick<AuditLog, 'deleteBefore'>; retentionDays: number },
  now: Date,
): Promise<{ deleted: number; cutoff: Date }> {
  // A retention of 0 or less would empty the log, the very record of who did what: refuse it rather than purge.
  if (!(deps.retentionDays >= 1)) throw new Error(`An audit retention of ${deps.retentionDays} days is not a retention`);
  const cutoff = new Date(now.getTime() - deps.retentionDays * DAY_MS);
  return { deleted: await deps.auditLog.deleteBefore(cutoff), cutoff };
}

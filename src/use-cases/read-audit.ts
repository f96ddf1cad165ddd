import type { AuditEntry, AuditLog } from '../domain/ports/audit-log';

/** How many entries the "audit" command shows. */
export const AUDIT_ENTRIES_SHOWN = 15;

/** An admin's "audit": the latest admin and campaign commands, newest first. */
export async function readAudit(deps: { auditLog: Pick<AuditLog, 'latest'> }): Promise<AuditEntry[]> {
  return deps.auditLog.latest(AUDIT_ENTRIES_SHOWN);
}

import type { AuditFilter } from '../domain/admin/admin-command';
import type { AuditEntry, AuditLog, AuditSelection } from '../domain/ports/audit-log';

/** How many entries the "audit" command shows. */
export const AUDIT_ENTRIES_SHOWN = 15;

const DAY_MS = 24 * 3600_000;

export interface AuditReading {
  /** Newest first, at most AUDIT_ENTRIES_SHOWN. */
  entries: AuditEntry[];
  /** Whether more entries match than are shown (the export has them all). */
  more: boolean;
}

/** An admin's "audit": the latest admin and campaign commands, newest first, those the filter picks when given. */
export async function readAudit(
  deps: { auditLog: Pick<AuditLog, 'latest'>; now: () => Date },
  filter?: AuditFilter,
): Promise<AuditReading> {
  // One more than shown tells whether there are more, without counting the whole log.
  const found = await deps.auditLog.latest(AUDIT_ENTRIES_SHOWN + 1, filter && auditSelectionOf(filter, deps.now()));
  return { entries: found.slice(0, AUDIT_ENTRIES_SHOWN), more: found.length > AUDIT_ENTRIES_SHOWN };
}

/** What the store reads for a filter: "the last N days" are the N × 24 hours up to `now`. */
export function auditSelectionOf(filter: AuditFilter, now: Date): AuditSelection {
  switch (filter.kind) {
    case 'person':
      return { kind: 'about', text: filter.text };
    case 'campaign':
      return { kind: 'campaign', number: filter.number };
    case 'days':
      return { kind: 'since', at: new Date(now.getTime() - filter.days * DAY_MS) };
  }
}

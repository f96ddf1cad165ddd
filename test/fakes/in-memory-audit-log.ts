import { AUDIT_SUBJECT_MAX, type AuditEntry, type AuditLog, type AuditPlace } from '../../src/domain/ports/audit-log';

const PLACES: readonly AuditPlace[] = ['personal', 'channel', 'groupChat'];
const OUTCOMES: readonly AuditEntry['outcome'][] = ['allowed', 'refused', 'failed'];

/** `AuditLog` in memory, held to the same contract as the SQL log: append-only, newest first. */
export class InMemoryAuditLog implements AuditLog {
  /** In the order they were recorded. */
  private readonly entries: AuditEntry[] = [];

  async record(entry: AuditEntry): Promise<void> {
    // The SQL table refuses what its checks do not know; so does this log.
    if (!PLACES.includes(entry.where)) throw new Error(`Unknown place for an audit entry: ${entry.where}`);
    if (!OUTCOMES.includes(entry.outcome)) throw new Error(`Unknown outcome for an audit entry: ${entry.outcome}`);
    this.entries.push(copy(entry));
  }

  async latest(limit: number): Promise<AuditEntry[]> {
    const recorded = this.entries.map((entry, order) => ({ entry, order }));
    recorded.sort((a, b) => b.entry.at.getTime() - a.entry.at.getTime() || b.order - a.order);
    return recorded.slice(0, limit).map(({ entry }) => copy(entry));
  }
}

function copy(entry: AuditEntry): AuditEntry {
  const { actorName, subject, ...rest } = entry;
  return {
    ...rest,
    at: new Date(entry.at),
    ...(actorName === undefined ? {} : { actorName }),
    ...(subject === undefined ? {} : { subject: subject.slice(0, AUDIT_SUBJECT_MAX) }),
  };
}

import { AUDIT_SUBJECT_MAX, type AuditEntry, type AuditLog, type AuditPlace, type AuditSelection } from '../../src/domain/ports/audit-log';

const PLACES: readonly AuditPlace[] = ['personal', 'channel', 'groupChat'];
const OUTCOMES: readonly AuditEntry['outcome'][] = ['allowed', 'refused', 'failed'];

/** `AuditLog` in memory, held to the same contract as the SQL log: append-only, newest first. */
export class InMemoryAuditLog implements AuditLog {
  /** In the order they were recorded. */
  private entries: AuditEntry[] = [];

  async record(entry: AuditEntry): Promise<void> {
    // The SQL table refuses what its checks do not know; so does this log.
    if (!PLACES.includes(entry.where)) throw new Error(`Unknown place for an audit entry: ${entry.where}`);
    if (!OUTCOMES.includes(entry.outcome)) throw new Error(`Unknown outcome for an audit entry: ${entry.outcome}`);
    this.entries.push(copy(entry));
  }

  async latest(limit: number, selection?: AuditSelection): Promise<AuditEntry[]> {
    const recorded = this.entries.map((entry, order) => ({ entry, order })).filter(({ entry }) => !selection || picks(selection, entry));
    recorded.sort((a, b) => b.entry.at.getTime() - a.entry.at.getTime() || b.order - a.order);
    return recorded.slice(0, limit).map(({ entry }) => copy(entry));
  }

  async inOrder(offset: number, limit: number): Promise<AuditEntry[]> {
    const recorded = this.entries.map((entry, order) => ({ entry, order }));
    recorded.sort((a, b) => a.entry.at.getTime() - b.entry.at.getTime() || a.order - b.order);
    return recorded.slice(offset, offset + limit).map(({ entry }) => copy(entry));
  }

  async deleteBefore(cutoff: Date): Promise<number> {
    const before = this.entries.length;
    this.entries = this.entries.filter((entry) => entry.at >= cutoff);
    return before - this.entries.length;
  }
}

function picks(selection: AuditSelection, entry: AuditEntry): boolean {
  switch (selection.kind) {
    case 'about': {
      const text = selection.text.toLowerCase();
      return [entry.actorId, entry.actorName ?? '', entry.subject ?? ''].some((field) => field.toLowerCase().includes(text));
    }
    case 'campaign':
      return new RegExp(`^campaign( [a-z]+)? ${selection.number}$`).test(entry.action);
    case 'since':
      return entry.at >= selection.at;
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

import { AUDIT_SUBJECT_MAX, type AuditEntry, type AuditLog, type AuditPlace, type AuditSelection } from '../../domain/ports/audit-log';
import type { SqlExecutor } from './database';

interface AuditRow {
  at: Date;
  actor_id: string;
  actor_name: string | null;
  action: string;
  place: AuditPlace;
  conversation_id: string;
  outcome: AuditEntry['outcome'];
  subject: string | null;
}

const COLUMNS = 'at, actor_id, actor_name, action, place, conversation_id, outcome, subject';

/**
 * The condition a selection puts on the rows, on parameter $2. The text is compared with strpos, not LIKE, so that
 * a "%" or "_" someone types is matched as itself. Campaign commands record their campaign in the action only
 * ("campaign pause 3"), so a campaign is found there, as a whole number after one optional word.
 */
function conditionOf(selection: AuditSelection): { condition: string; value: string | Date } {
  switch (selection.kind) {
    case 'about':
      return {
        condition: `(strpos(lower(actor_id), lower($2)) > 0 OR strpos(lower(coalesce(actor_name, '')), lower($2)) > 0
                     OR strpos(lower(coalesce(subject, '')), lower($2)) > 0)`,
        value: selection.text,
      };
    case 'campaign':
      return { condition: 'action ~ $2', value: `^campaign( [a-z]+)? ${Math.trunc(selection.number)}$` };
    case 'since':
      return { condition: 'at >= $2', value: selection.at };
  }
}

/** `AuditLog` on the `audit_log` table: append-only (migration 021 refuses UPDATE), purged only past its retention. */
export class SqlAuditLog implements AuditLog {
  constructor(private readonly db: SqlExecutor) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.db.query(`INSERT INTO audit_log (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [
      entry.at,
      entry.actorId,
      entry.actorName ?? null,
      entry.action,
      entry.where,
      entry.conversationId,
      entry.outcome,
      entry.subject?.slice(0, AUDIT_SUBJECT_MAX) ?? null,
    ]);
  }

  async latest(limit: number, selection?: AuditSelection): Promise<AuditEntry[]> {
    const where = selection ? conditionOf(selection) : undefined;
    // Ties on `at` (two commands in one millisecond) fall back to insertion order.
    const rows = await this.db.query<AuditRow>(
      `SELECT ${COLUMNS} FROM audit_log ${where ? `WHERE ${where.condition}` : ''} ORDER BY at DESC, id DESC LIMIT $1`,
      where ? [limit, where.value] : [limit],
    );
    return rows.map(entryOf);
  }

  async inOrder(offset: number, limit: number): Promise<AuditEntry[]> {
    const rows = await this.db.query<AuditRow>(`SELECT ${COLUMNS} FROM audit_log ORDER BY at, id OFFSET $1 LIMIT $2`, [offset, limit]);
    return rows.map(entryOf);
  }

  async deleteBefore(cutoff: Date): Promise<number> {
    const [row] = await this.db.query<{ deleted: number | string }>(
      'WITH gone AS (DELETE FROM audit_log WHERE at < $1 RETURNING 1) SELECT count(*) AS deleted FROM gone',
      [cutoff],
    );
    return Number(row?.deleted ?? 0);
  }
}

function entryOf(row: AuditRow): AuditEntry {
  return {
    at: new Date(row.at),
    actorId: row.actor_id,
    ...(row.actor_name === null ? {} : { actorName: row.actor_name }),
    action: row.action,
    where: row.place,
    conversationId: row.conversation_id,
    outcome: row.outcome,
    ...(row.subject === null ? {} : { subject: row.subject }),
  };
}

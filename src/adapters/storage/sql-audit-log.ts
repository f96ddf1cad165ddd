import { AUDIT_SUBJECT_MAX, type AuditEntry, type AuditLog, type AuditPlace } from '../../domain/ports/audit-log';
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

/** `AuditLog` on the `audit_log` table; append-only. */
export class SqlAuditLog implements AuditLog {
  constructor(private readonly db: SqlExecutor) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.db.query(
      `INSERT INTO audit_log (at, actor_id, actor_name, action, place, conversation_id, outcome, subject)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        entry.at,
        entry.actorId,
        entry.actorName ?? null,
        entry.action,
        entry.where,
        entry.conversationId,
        entry.outcome,
        entry.subject?.slice(0, AUDIT_SUBJECT_MAX) ?? null,
      ],
    );
  }

  async latest(limit: number): Promise<AuditEntry[]> {
    // Ties on `at` (two commands in one millisecond) fall back to insertion order.
    const rows = await this.db.query<AuditRow>(
      `SELECT at, actor_id, actor_name, action, place, conversation_id, outcome, subject
       FROM audit_log ORDER BY at DESC, id DESC LIMIT $1`,
      [limit],
    );
    return rows.map((row) => ({
      at: new Date(row.at),
      actorId: row.actor_id,
      ...(row.actor_name === null ? {} : { actorName: row.actor_name }),
      action: row.action,
      where: row.place,
      conversationId: row.conversation_id,
      outcome: row.outcome,
      ...(row.subject === null ? {} : { subject: row.subject }),
    }));
  }
}

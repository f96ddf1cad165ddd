import type { PostureReportStore, StoredPostureReport } from '../../domain/ports/posture-report-store';
import type { SqlExecutor } from './database';

interface ReportRow {
  conversation_id: string;
  reference: unknown;
  weekday: number;
  at_time: string;
  time_zone: string;
  created_by: string;
  created_at: Date;
  last_period: string | null;
}

const COLUMNS = 'conversation_id, reference, weekday, at_time, time_zone, created_by, created_at, last_period';

function toReport(row: ReportRow): StoredPostureReport {
  return {
    conversationId: row.conversation_id,
    reference: typeof row.reference === 'string' ? (JSON.parse(row.reference) as unknown) : row.reference,
    weekday: Number(row.weekday),
    time: row.at_time,
    timeZone: row.time_zone,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
    ...(row.last_period === null ? {} : { lastPeriod: row.last_period }),
  };
}

/** `PostureReportStore` on the `posture_reports` table (migration 022). */
export class SqlPostureReportStore implements PostureReportStore {
  constructor(private readonly db: SqlExecutor) {}

  async save(report: Omit<StoredPostureReport, 'lastPeriod'>): Promise<void> {
    // A replaced report keeps the week it last posted: asking again the same week does not post that week twice.
    await this.db.query(
      `INSERT INTO posture_reports (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, NULL)
       ON CONFLICT (conversation_id) DO UPDATE SET reference = $2, weekday = $3, at_time = $4, time_zone = $5,
         created_by = $6, created_at = $7`,
      [
        report.conversationId,
        JSON.stringify(report.reference ?? null),
        report.weekday,
        report.time,
        report.timeZone,
        report.createdBy,
        report.createdAt,
      ],
    );
  }

  async remove(conversationId: string): Promise<boolean> {
    const rows = await this.db.query('DELETE FROM posture_reports WHERE conversation_id = $1 RETURNING conversation_id', [conversationId]);
    return rows.length > 0;
  }

  async find(conversationId: string): Promise<StoredPostureReport | undefined> {
    const [row] = await this.db.query<ReportRow>(`SELECT ${COLUMNS} FROM posture_reports WHERE conversation_id = $1`, [conversationId]);
    return row ? toReport(row) : undefined;
  }

  async all(): Promise<StoredPostureReport[]> {
    const rows = await this.db.query<ReportRow>(`SELECT ${COLUMNS} FROM posture_reports ORDER BY conversation_id`);
    return rows.map(toReport);
  }

  async claim(conversationId: string, period: string): Promise<boolean> {
    // One statement: whichever instance's UPDATE comes first moves the period; the other's finds it moved already.
    // Periods are ISO dates, so a later one compares greater: an instance behind the others never takes an older week.
    const rows = await this.db.query(
      `UPDATE posture_reports SET last_period = $2
       WHERE conversation_id = $1 AND (last_period IS NULL OR last_period < $2) RETURNING conversation_id`,
      [conversationId, period],
    );
    return rows.length > 0;
  }

  async release(conversationId: string, period: string, previous: string | undefined): Promise<void> {
    await this.db.query('UPDATE posture_reports SET last_period = $3 WHERE conversation_id = $1 AND last_period = $2', [
      conversationId,
      period,
      previous ?? null,
    ]);
  }
}

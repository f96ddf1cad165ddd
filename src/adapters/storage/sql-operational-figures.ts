import type { Database } from './database';

/**
 * What /metrics reads from the database when it is scraped: cheap counts on the partial indexes the delivery engine
 * uses itself (pending by due time, sending by lease), and the latest completed scan.
 */
export class SqlOperationalFigures {
  constructor(private readonly db: Database) {}

  async deliveries(now: Date): Promise<{ due: number; sending: number }> {
    const [row] = await this.db.query<{ due: number; sending: number }>(
      `SELECT (SELECT count(*) FROM campaign_deliveries WHERE status = 'pending' AND due_at <= $1)::int AS due,
              (SELECT count(*) FROM campaign_deliveries WHERE status = 'sending')::int AS sending`,
      [now],
    );
    return { due: row?.due ?? 0, sending: row?.sending ?? 0 };
  }

  async latestCompletedScanAt(): Promise<Date | undefined> {
    const [row] = await this.db.query<{ finished_at: Date | null }>(
      `SELECT max(finished_at) AS finished_at FROM scan_runs WHERE status = 'succeeded'`,
    );
    return row?.finished_at ?? undefined;
  }
}

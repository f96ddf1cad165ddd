import type { SendRate } from '../../domain/ports/send-rate';
import type { Database } from './database';

/**
 * A fixed one-second window in one row, updated under its row lock, so that every instance on the database
 * draws from the same budget. The engine takes one send at a time, just before it goes (a transaction each).
 */
export class SqlSendRate implements SendRate {
  constructor(private readonly db: Database, private readonly perSecond: number, private readonly name = 'teams') {
    if (!Number.isInteger(perSecond) || perSecond < 1) throw new Error(`The send rate must be a whole number of sends per second, at least 1 (got ${perSecond}).`);
  }

  async take(wanted: number, now: () => Date): Promise<number> {
    if (wanted <= 0) return 0;
    return this.db.transaction(async (tx) => {
      await tx.query('INSERT INTO send_rate_windows (name, window_start, used) VALUES ($1, to_timestamp(0), 0) ON CONFLICT (name) DO NOTHING', [this.name]);
      const [row] = await tx.query<{ window_start: Date | string; used: number }>('SELECT window_start, used FROM send_rate_windows WHERE name = $1 FOR UPDATE', [this.name]);
      const second = new Date(Math.floor(now().getTime() / 1000) * 1000);
      const sameSecond = new Date(row!.window_start).getTime() === second.getTime();
      // A window older than now starts afresh; a newer one (another instance's clock runs ahead) is shared as it is.
      const newer = new Date(row!.window_start).getTime() > second.getTime();
      const used = sameSecond || newer ? row!.used : 0;
      const granted = Math.max(0, Math.min(wanted, this.perSecond - used));
      if (granted > 0) {
        await tx.query('UPDATE send_rate_windows SET window_start = $2, used = $3 WHERE name = $1', [this.name, newer ? row!.window_start : second, used + granted]);
      }
      return granted;
    });
  }
}

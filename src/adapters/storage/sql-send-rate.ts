import type { SendRate } from '../../domain/ports/send-rate';
import type { Database } from './database';

/**
 * The next free send time in one row (window_start holds it), moved on by 1/rate seconds per send under its row
 * lock, so that every instance on the database draws from the same evenly spaced budget.
 */
export class SqlSendRate implements SendRate {
  private readonly spacingMs: number;

  constructor(private readonly db: Database, perSecond: number, private readonly name = 'teams') {
    if (!Number.isInteger(perSecond) || perSecond < 1) throw new Error(`The send rate must be a whole number of sends per second, at least 1 (got ${perSecond}).`);
    this.spacingMs = 1000 / perSecond;
  }

  async nextSlot(now: () => Date): Promise<Date> {
    return this.db.transaction(async (tx) => {
      await tx.query('INSERT INTO send_rate_windows (name, window_start, used) VALUES ($1, to_timestamp(0), 0) ON CONFLICT (name) DO NOTHING', [this.name]);
      const [row] = await tx.query<{ window_start: Date | string }>('SELECT window_start FROM send_rate_windows WHERE name = $1 FOR UPDATE', [this.name]);
      // Idle for a while: the next free time is in the past, and this send goes now.
      const slot = Math.max(new Date(row!.window_start).getTime(), now().getTime());
      // Kept to the microsecond the database stores: fractional milliseconds would drift the spacing.
      const next = new Date(Math.round((slot + this.spacingMs) * 1000) / 1000);
      await tx.query('UPDATE send_rate_windows SET window_start = $2, used = 0 WHERE name = $1', [this.name, next]);
      return new Date(slot);
    });
  }
}

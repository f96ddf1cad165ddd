import type { SendRate } from '../../domain/ports/send-rate';
import type { Database } from './database';

/**
 * The next free send time in one row (window_start holds it), moved on by 1/rate seconds per send, so that every
 * instance on the database draws from the same evenly spaced budget. One statement: the row is locked only while
 * it runs, and each send costs one round trip to the database, not a transaction of five.
 */
const NEXT_SLOT = `
  INSERT INTO send_rate_windows AS w (name, window_start, used) VALUES ($1, $2::timestamptz + $3 * interval '1 microsecond', 0)
  ON CONFLICT (name) DO UPDATE SET window_start = GREATEST(w.window_start, $2::timestamptz) + $3 * interval '1 microsecond', used = 0
  RETURNING window_start - $3 * interval '1 microsecond' AS slot`;

export class SqlSendRate implements SendRate {
  /** Whole microseconds (what the database keeps), rounded up: rounding down would let a second hold one send too many. */
  private readonly spacingMicros: number;

  constructor(private readonly db: Database, perSecond: number, private readonly name = 'teams') {
    if (!Number.isInteger(perSecond) || perSecond < 1) throw new Error(`The send rate must be a whole number of sends per second, at least 1 (got ${perSecond}).`);
    this.spacingMicros = Math.ceil(1_000_000 / perSecond);
  }

  async nextSlot(now: () => Date): Promise<Date> {
    // Idle for a while: the next free time is in the past, and this send goes now.
    const [row] = await this.db.query<{ slot: Date | string }>(NEXT_SLOT, [this.name, now(), this.spacingMicros]);
    return new Date(row!.slot);
  }
}

import type { SendRate, SendSlot } from '../../domain/ports/send-rate';
import type { Database } from './database';

/**
 * The next free send time in one row (window_start holds it), moved on by 1/rate seconds per send, so that every
 * instance on the database draws from the same evenly spaced budget; the row is locked from this statement to
 * the commit that follows it. The same statement notes this sender (at most twice a second) and counts the others
 * seen in the last few seconds.
 */
const NEXT_SLOT = `
  WITH slot AS (
    INSERT INTO send_rate_windows AS w (name, window_start, used) VALUES ($1, $2::timestamptz + $3 * interval '1 microsecond', 0)
    ON CONFLICT (name) DO UPDATE SET window_start = GREATEST(w.window_start, $2::timestamptz) + $3 * interval '1 microsecond', used = 0
    RETURNING window_start - $3 * interval '1 microsecond' AS at
  ), seen AS (
    INSERT INTO send_rate_senders AS s (name, sender, last_at) VALUES ($1, $4, $2)
    ON CONFLICT (name, sender) DO UPDATE SET last_at = $2 WHERE s.last_at < $2::timestamptz - interval '500 milliseconds'
  )
  SELECT slot.at, 1 + (
    SELECT count(*) FROM send_rate_senders WHERE name = $1 AND sender <> $4 AND last_at > $2::timestamptz - $5 * interval '1 millisecond'
  ) AS senders
  FROM slot`;

/** An instance that has not asked for a place for this long no longer counts as sending. */
export const SENDER_QUIET_MS = 3000;

export class SqlSendRate implements SendRate {
  /** Whole microseconds (what the database keeps), rounded up: rounding down would let a second hold one send too many. */
  private readonly spacingMicros: number;

  constructor(private readonly db: Database, perSecond: number, private readonly name = 'teams') {
    if (!Number.isInteger(perSecond) || perSecond < 1) throw new Error(`The send rate must be a whole number of sends per second, at least 1 (got ${perSecond}).`);
    this.spacingMicros = Math.ceil(1_000_000 / perSecond);
  }

  async nextSlot(now: () => Date, sender = 'unnamed'): Promise<SendSlot> {
    // A transaction so that the clock is read once the connection is this request's (a request that waited for
    // one behind busy queries is placed from when it got it), with the row locked only until the commit.
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ at: Date | string; senders: number | string }>(NEXT_SLOT, [this.name, now(), this.spacingMicros, sender, SENDER_QUIET_MS]);
      // Idle for a while: the next free time is in the past, and this send goes now.
      return { at: new Date(row!.at), senders: Number(row!.senders) };
    });
  }
}

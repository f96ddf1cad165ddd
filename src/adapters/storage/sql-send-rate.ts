import type { SendRate, SendSlot } from '../../domain/ports/send-rate';
import type { Database } from './database';
import { sendSpacingMicros } from '../../domain/nudges/send-spacing';

/**
 * The next free send time in one row (window_start holds it), moved on by 1/rate seconds per send, so that every
 * instance on the database draws from the same evenly spaced budget. The statement reads the database's clock
 * once it holds the row (so a request that waited for a connection or for another's place is placed from when it
 * got them), and says how long this send waits. The same statement notes this sender (at most twice a second) and
 * counts the others seen in the last few seconds.
 */
const NEXT_SLOT = `
  WITH slot AS (
    INSERT INTO send_rate_windows AS w (name, window_start, used) VALUES ($1, clock_timestamp() + $2 * interval '1 microsecond', 0)
    ON CONFLICT (name) DO UPDATE SET window_start = GREATEST(w.window_start, clock_timestamp()) + $2 * interval '1 microsecond', used = 0
    RETURNING window_start - $2 * interval '1 microsecond' AS at
  ), seen AS (
    INSERT INTO send_rate_senders AS s (name, sender, last_at) VALUES ($1, $3, clock_timestamp())
    ON CONFLICT (name, sender) DO UPDATE SET last_at = EXCLUDED.last_at WHERE s.last_at < EXCLUDED.last_at - interval '500 milliseconds'
  )
  SELECT slot.at, GREATEST(0, EXTRACT(EPOCH FROM slot.at - clock_timestamp()) * 1000)::float8 AS wait_ms, 1 + (
    SELECT count(*) FROM send_rate_senders WHERE name = $1 AND sender <> $3 AND last_at > clock_timestamp() - $4 * interval '1 millisecond'
  ) AS senders
  FROM slot`;

/** An instance that has not asked for a place for this long no longer counts as sending. */
export const SENDER_QUIET_MS = 3000;

export class SqlSendRate implements SendRate {
  private readonly spacingMicros: number;

  constructor(
    private readonly db: Database,
    perSecond: number,
    private readonly name = 'teams',
    private readonly quietMs = SENDER_QUIET_MS,
  ) {
    this.spacingMicros = sendSpacingMicros(perSecond);
  }

  async nextSlot(sender = 'unnamed'): Promise<SendSlot> {
    // The database's clock, not the bot's: instances whose clocks disagree, or a clock set back, would otherwise
    // push the shared next free time ahead of everyone else's now, and their sends would wait that long.
    const [row] = await this.db.query<{ at: Date | string; wait_ms: number | string; senders: number | string }>(NEXT_SLOT, [
      this.name,
      this.spacingMicros,
      sender,
      this.quietMs,
    ]);
    return { at: new Date(row!.at), waitMs: Number(row!.wait_ms), senders: Number(row!.senders) };
  }
}

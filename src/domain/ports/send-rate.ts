/**
 * The tenant's send budget, shared by every bot instance: Teams limits an app per tenant, not per process,
 * so two instances each sending at the full rate would together be throttled.
 */
export interface SendRate {
  /**
   * The next free place in the budget: the sends of every instance are spaced evenly, one every 1/rate seconds,
   * so no stretch of one second, wherever it starts, holds more than the rate (Teams counts any such stretch, not
   * clock seconds). Answers how long this send waits for its place (`waitMs`: 0 when it may go now), and how many
   * instances have been sending lately, this one included (`senders`), so that each can keep to its share. Places
   * are kept by one clock for all instances (the database's), read once the request has its connection, so a
   * request that waited for one is placed from when it got it.
   */
  nextSlot(sender?: string): Promise<SendSlot>;
}

export interface SendSlot {
  /** The place, by the budget's own clock: for comparing places with each other, not with the bot's clock. */
  at: Date;
  waitMs: number;
  senders: number;
}

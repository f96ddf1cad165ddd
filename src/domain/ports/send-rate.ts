/**
 * The tenant's send budget, shared by every bot instance: Teams limits an app per tenant, not per process,
 * so two instances each sending at the full rate would together be throttled.
 */
export interface SendRate {
  /**
   * The next free place in the budget: the sends of every instance are spaced evenly, one every 1/rate seconds,
   * so no stretch of one second, wherever it starts, holds more than the rate (Teams counts any such stretch, not
   * clock seconds). Answers when this send may go (`at`: now, or a moment later; the caller waits until then), and
   * how many instances have been sending lately, this one included (`senders`), so that each can keep to its share.
   * The clock is read once the database connection is this request's, so a request that waited for one is placed
   * from when it got it.
   */
  nextSlot(now: () => Date, sender?: string): Promise<SendSlot>;
}

export interface SendSlot {
  at: Date;
  senders: number;
}

/**
 * The tenant's send budget, shared by every bot instance: Teams limits an app per tenant, not per process,
 * so two instances each sending at the full rate would together be throttled.
 */
export interface SendRate {
  /**
   * The next free place in the budget: the sends of every instance are spaced evenly, one every 1/rate seconds,
   * so no stretch of one second, wherever it starts, holds more than the rate (Teams counts any such stretch, not
   * clock seconds). Answers when this send may go: now, or a moment later (the caller waits until then). The clock
   * is read once the budget is locked, so a request that waited for the lock is placed from when it got it.
   */
  nextSlot(now: () => Date): Promise<Date>;
}

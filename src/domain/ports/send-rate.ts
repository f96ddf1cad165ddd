/**
 * The tenant's send budget, shared by every bot instance: Teams limits an app per tenant, not per process,
 * so two instances each sending at the full rate would together be throttled.
 */
export interface SendRate {
  /**
   * Takes up to `wanted` sends from the budget of the current second; returns how many were granted (0 to
   * `wanted`). The clock is read once the budget is locked: a request that waited for the lock is counted in
   * the second it is granted in, not the one it asked in.
   */
  take(wanted: number, now: () => Date): Promise<number>;
}

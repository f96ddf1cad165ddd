/**
 * The tenant's send budget, shared by every bot instance: Teams limits an app per tenant, not per process,
 * so two instances each sending at the full rate would together be throttled.
 */
export interface SendRate {
  /** Takes up to `wanted` sends from the budget of the second `now` falls in; returns how many were granted (0 to `wanted`). */
  take(wanted: number, now: Date): Promise<number>;
}

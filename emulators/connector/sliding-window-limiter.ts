/** At most `max` operations in any `windowMs` span. */
export interface WindowLimit {
  readonly windowMs: number;
  readonly max: number;
}

/**
 * Sliding-log rate limiter: remembers when each accepted operation happened, per key, for the longest window.
 * Checking and recording are separate so that a request limited by one limiter (say, the global one) does not use up
 * quota in another; rejected requests consume nothing, so a client that honours Retry-After gets through.
 */
export class SlidingWindowLimiter {
  private readonly log = new Map<string, number[]>();
  private readonly longestMs: number;

  constructor(private readonly limits: readonly WindowLimit[]) {
    this.longestMs = Math.max(0, ...limits.map((l) => l.windowMs));
  }

  /** How long until one more operation on `key` fits every window, in ms; 0 if it fits now. */
  waitMs(key: string, now: number): number {
    const times = this.prune(key, now);
    let wait = 0;
    for (const { windowMs, max } of this.limits) {
      const first = firstAfter(times, now - windowMs);
      const inWindow = times.length - first;
      if (inWindow < max) continue;
      // The operation that has to leave the window before one more fits.
      const blocker = times[first + inWindow - max] ?? now;
      wait = Math.max(wait, blocker + windowMs - now);
    }
    return wait;
  }

  record(key: string, now: number): void {
    const times = this.prune(key, now);
    times.push(now);
    this.log.set(key, times);
  }

  reset(): void {
    this.log.clear();
  }

  private prune(key: string, now: number): number[] {
    const times = this.log.get(key) ?? [];
    const first = firstAfter(times, now - this.longestMs);
    if (first > 0) times.splice(0, first);
    return times;
  }
}

/** Index of the first time strictly after `cutoff` (times are ascending). */
function firstAfter(times: readonly number[], cutoff: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((times[mid] ?? 0) > cutoff) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

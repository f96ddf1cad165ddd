/** At most `max` live checks of one person's methods in any rolling `windowMs`. */
export interface LiveCheckWindow {
  max: number;
  windowMs: number;
}

/**
 * Three in a minute: enough for "status", "Check again" and one more while someone finishes setting up, since a new
 * method can take a minute to show. A fourth press a moment later would only read the same answer again.
 */
export const LIVE_CHECKS_PER_MINUTE: LiveCheckWindow = { max: 3, windowMs: 60_000 };

/**
 * Twenty in an hour: far more than anyone setting up needs, and low enough that one person pressing again and again
 * cannot spend the tenant's reports budget (about 5 requests in 10 s for everyone, scans included).
 */
export const LIVE_CHECKS_PER_HOUR: LiveCheckWindow = { max: 20, windowMs: 3_600_000 };

/**
 * How often one person may have their methods read live, by "status" (and its "Check again") and by "I've done it"
 * on a nudge together: both read the same thing and spend the same tenant-wide budget.
 */
export const LIVE_CHECK_LIMITS: readonly LiveCheckWindow[] = [LIVE_CHECKS_PER_MINUTE, LIVE_CHECKS_PER_HOUR];

/** The longest window: checks older than this no longer count for anything, and can be forgotten. */
export function longestLiveCheckWindowMs(limits: readonly LiveCheckWindow[]): number {
  return Math.max(0, ...limits.map((limit) => limit.windowMs));
}

/**
 * When this person may next be checked live, given when their earlier checks were made: undefined when they may be
 * checked now. A check made exactly `windowMs` before no longer counts in that window. Times after `now` (a clock
 * set back) count as recent: the rule errs towards fewer calls.
 */
export function nextLiveCheckAt(
  checkedAt: readonly Date[],
  now: Date,
  limits: readonly LiveCheckWindow[] = LIVE_CHECK_LIMITS,
): Date | undefined {
  const nowMs = now.getTime();
  const sorted = checkedAt.map((at) => at.getTime()).sort((a, b) => a - b);
  let freeAt = -Infinity;
  for (const limit of limits) {
    checkWindow(limit);
    const inWindow = sorted.filter((at) => nowMs - at < limit.windowMs);
    if (inWindow.length < limit.max) continue;
    // Once the max-th most recent check leaves the window, fewer than max are left in it.
    const leaves = inWindow[inWindow.length - limit.max]! + limit.windowMs;
    freeAt = Math.max(freeAt, leaves);
  }
  return freeAt > nowMs ? new Date(freeAt) : undefined;
}

function checkWindow(limit: LiveCheckWindow): void {
  if (!Number.isInteger(limit.max) || limit.max < 1 || !(limit.windowMs > 0) || !Number.isFinite(limit.windowMs)) {
    throw new RangeError(`Live check limit ${limit.max} per ${limit.windowMs} ms: need at least 1 check in a positive window.`);
  }
}

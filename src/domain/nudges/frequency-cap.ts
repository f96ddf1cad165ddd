/** At most `maxNudges` nudges to one person in any rolling `perDays` × 24 hours. */
export interface FrequencyCap {
  maxNudges: number;
  perDays: number;
}

/** One nudge every two days: often enough to keep MFA on someone's list, rare enough not to be muted. */
export const DEFAULT_FREQUENCY_CAP: FrequencyCap = { maxNudges: 1, perDays: 2 };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Given the send times of the person's earlier nudges (any source), when the next may go: `now`, or later.
 * A nudge sent exactly `perDays` × 24 h before no longer counts. Send times after `now` (another worker's
 * clock, a nudge being sent) count too: the cap errs towards fewer messages.
 */
export function nextAllowedByCap(now: Date, sentAt: Date[], cap: FrequencyCap): Date {
  checkCap(cap);
  const times = sentAt.map((sent) => sent.getTime());
  if (Number.isNaN(now.getTime()) || times.some(Number.isNaN)) {
    throw new RangeError('Frequency cap: a send time or "now" is not a valid date.');
  }
  if (times.length < cap.maxNudges) return now;
  // Once the maxNudges-th most recent send leaves the window, fewer than maxNudges are left in it.
  const sorted = [...times].sort((a, b) => a - b);
  const freesUpAt = (sorted[sorted.length - cap.maxNudges] ?? -Infinity) + cap.perDays * DAY_MS;
  return freesUpAt > now.getTime() ? new Date(freesUpAt) : now;
}

/** Since when sends count towards the cap at `now`: the store is asked for those, no older. */
export function capWindowStart(now: Date, cap: FrequencyCap): Date {
  return new Date(now.getTime() - cap.perDays * DAY_MS);
}

function checkCap(cap: FrequencyCap): void {
  if (!Number.isInteger(cap.maxNudges) || cap.maxNudges < 1 || !(cap.perDays > 0) || !Number.isFinite(cap.perDays)) {
    throw new RangeError(`Frequency cap ${cap.maxNudges} per ${cap.perDays} days: need at least 1 nudge per a positive number of days.`);
  }
}

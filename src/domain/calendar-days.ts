/**
 * Dates Microsoft announces are calendar days, the same everywhere; countdowns to them count whole UTC calendar
 * days, so the wording turns at midnight UTC and never on the hour of the day it is read.
 */
const DAY_MS = 86_400_000;

/** Whole UTC calendar days from `now`'s day to `day` (YYYY-MM-DD): 0 on the day itself, negative after it. */
export function utcDaysUntil(day: string, now: Date): number {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.round((Date.parse(`${day}T00:00:00Z`) - today) / DAY_MS);
}

/** The calendar day before `day` (YYYY-MM-DD). */
export function utcDayBefore(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
}

import { DateTime } from 'luxon';
import type { ReadinessLine } from './readiness-lines';

/** What the tenant aims for: this share of people with strong MFA by the end of this day (UTC). */
export interface StrongTarget {
  percent: number;
  /** YYYY-MM-DD. */
  by: string;
  /** The admin who set it (Entra object id), and when. */
  setBy: string;
  setAt: Date;
}

const WEEK_MS = 7 * 24 * 3600_000;

/** The instant the target falls due: the end of its day, UTC (admins in every zone read one date). */
export function targetDeadline(target: Pick<StrongTarget, 'by'>): Date {
  return DateTime.fromISO(target.by, { zone: 'utc' }).endOf('day').toJSDate();
}

/** Why a target cannot be set, in words an admin can act on; undefined when it can. */
export function targetProblem(percent: number, by: string, now: Date): string | undefined {
  if (!Number.isFinite(percent) || percent <= 0 || percent > 100)
    return 'Give the target as a share from 1% to 100%, e.g. "target 95% by 2027-03-31".';
  const day = DateTime.fromISO(by, { zone: 'utc' });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(by) || !day.isValid) return `"${by}" is not a date: write it as YYYY-MM-DD.`;
  if (targetDeadline({ by }).getTime() <= now.getTime()) return `${by} has passed: choose a date still to come.`;
  return undefined;
}

export type TargetProgress =
  | { kind: 'met' }
  /** The date passed without it. */
  | { kind: 'missed' }
  /** Still to go: how many points, in how many weeks, so how many a week. */
  | { kind: 'toGo'; points: number; weeks: number; pointsPerWeek: number };

export function targetProgress(target: Pick<StrongTarget, 'percent' | 'by'>, strongPercent: number, now: Date): TargetProgress {
  if (strongPercent >= target.percent) return { kind: 'met' };
  const left = targetDeadline(target).getTime() - now.getTime();
  if (left <= 0) return { kind: 'missed' };
  const points = target.percent - strongPercent;
  const weeks = Math.max(left / WEEK_MS, 1 / 7);
  return { kind: 'toGo', points, weeks, pointsPerWeek: points / weeks };
}

const round1 = (n: number) => (Math.round(n * 10) / 10).toFixed(1).replace(/\.0$/, '');

/** "Target 95% strong by 31 Mar 2027: 12.4 points to go in 16 weeks, about 0.8 a week." */
export function targetLine(target: Pick<StrongTarget, 'percent' | 'by'>, strongPercent: number, now: Date): ReadinessLine {
  const goal = `Target ${round1(target.percent)}% strong by ${DateTime.fromISO(target.by, { zone: 'utc' }).toFormat('d LLL yyyy')}`;
  const progress = targetProgress(target, strongPercent, now);
  switch (progress.kind) {
    case 'met':
      return { text: `${goal}: met (${round1(strongPercent)}% now)`, tone: 'good' };
    case 'missed':
      return { text: `${goal}: missed, ${round1(strongPercent)}% at the last scan. Say "target" with a new date`, tone: 'attention' };
    case 'toGo': {
      const weeks =
        progress.weeks < 1 ? 'under a week' : `${Math.floor(progress.weeks)} week${Math.floor(progress.weeks) === 1 ? '' : 's'}`;
      return {
        text: `${goal}: ${round1(progress.points)} point${round1(progress.points) === '1' ? '' : 's'} to go in ${weeks}, about ${round1(progress.pointsPerWeek)} a week`,
        tone: progress.pointsPerWeek > 5 ? 'attention' : 'warning',
      };
    }
  }
}

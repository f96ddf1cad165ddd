import { countedPeople, type PostureSnapshot } from './posture-counts';
import { percentOf } from './posture-figures';

export interface TrendPoint {
  at: Date;
  strongPercent: number;
  /** People counted in rates at that scan, so a jump from a changed denominator can be told apart. */
  counted: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The start of a trend window of `days` days ending at `now`. */
export function trendStart(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

/** % strong per snapshot taken at or after `since`, oldest first. */
export function trendPoints(snapshots: readonly Pick<PostureSnapshot, 'takenAt' | 'overall'>[], since: Date): TrendPoint[] {
  return snapshots
    .filter((snapshot) => snapshot.takenAt.getTime() >= since.getTime())
    .sort((a, b) => a.takenAt.getTime() - b.takenAt.getTime())
    .map((snapshot) => {
      const counted = countedPeople(snapshot.overall);
      return { at: snapshot.takenAt, strongPercent: percentOf(snapshot.overall.strong, counted), counted };
    });
}

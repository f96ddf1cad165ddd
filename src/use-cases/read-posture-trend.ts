import { trendPoints, trendStart, type TrendPoint } from '../domain/mfa/posture-trend';
import type { PostureStore } from '../domain/ports/posture-store';

export const DEFAULT_TREND_DAYS = 30;
/** A year of daily scans is as much as a chart in a card can show legibly. */
export const MAX_TREND_DAYS = 366;

export type TrendAnswer = { kind: 'invalidDays'; maxDays: number } | { kind: 'trend'; days: number; since: Date; points: TrendPoint[] };

/** % strong per completed scan over the last `days` days, oldest first. */
export async function readPostureTrend(
  deps: { store: PostureStore; now: () => Date },
  days: number = DEFAULT_TREND_DAYS,
): Promise<TrendAnswer> {
  if (!Number.isInteger(days) || days < 1 || days > MAX_TREND_DAYS) return { kind: 'invalidDays', maxDays: MAX_TREND_DAYS };
  const since = trendStart(deps.now(), days);
  return { kind: 'trend', days, since, points: trendPoints(await deps.store.snapshotTotals(since), since) };
}

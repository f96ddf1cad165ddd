import type { TrendPoint } from '../../../domain/mfa/posture-trend';
import { targetDeadline, targetLine, targetProgress, type StrongTarget } from '../../../domain/mfa/strong-target';
import { renderCard, type AdaptiveCard } from './card-template';
import { directoryText, TEXT_LIMITS } from './directory-text';
import { changeText, countText, percentText } from './figure-text';
import { freshnessLine, utcDateText, type Freshness } from './freshness-line';

/** A point as the domain's trendPoints makes it (extra fields are ignored). */
export type TrendPointView = Pick<TrendPoint, 'at' | 'strongPercent'>;

export interface PostureTrendView {
  /** The span asked for, in days. */
  days: number;
  /** Absent for the whole tenant. */
  department?: string;
  /** One per stored snapshot in the span, any order; the card keeps the last of each day. */
  points: readonly TrendPointView[];
  /** Of the latest scan; absent when there is none. */
  freshness?: Freshness;
  /** The tenant's target for strong MFA (the tenant's trend only): drawn as the pace needed from the last scan. */
  target?: Pick<StrongTarget, 'percent' | 'by'>;
  /** For the target's pace: when the card is drawn. */
  now?: Date;
}

/** Days drawn at most (a year of daily scans is thinned evenly); about 3 KB of chart data. */
export const MAX_TREND_POINTS = 90;
/** Rows in the fallback table: a table is for reading, not for plotting. */
export const MAX_TREND_TABLE_ROWS = 8;

/** `count` items spread evenly from first to last, both kept. */
function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  if (count <= 1) return items.slice(-1);
  return Array.from({ length: count }, (_, i) => items[Math.round((i * (items.length - 1)) / (count - 1))] as T);
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The last scan of each UTC day, oldest first: the chart's x axis is a date axis, and two points on one day would draw a vertical jump. */
function dailyPoints(points: readonly TrendPointView[]): TrendPointView[] {
  const byDay = new Map<string, TrendPointView>();
  for (const p of [...points].sort((a, b) => a.at.getTime() - b.at.getTime())) byDay.set(isoDay(p.at), p);
  return [...byDay.values()];
}

const isoDay = (at: Date) => at.toISOString().slice(0, 10);

export function postureTrendCard(view: PostureTrendView): AdaptiveCard {
  const points = dailyPoints(view.points);
  const drawn = spread(points, MAX_TREND_POINTS);
  const table = spread(points, MAX_TREND_TABLE_ROWS);
  const first = points[0];
  const last = points[points.length - 1];
  const scope = view.department === undefined ? 'whole tenant' : directoryText(view.department || 'No department', TEXT_LIMITS.department);
  const span = `${countText(view.days)} ${view.days === 1 ? 'day' : 'days'}`;
  const change = first && last && points.length > 1 ? changeText(last.strongPercent - first.strongPercent, true) : undefined;

  return renderCard('posture-trend', {
    title: `Strong MFA over ${span} · ${scope}`,
    summary: last
      ? `${percentText(last.strongPercent)} of people had strong MFA at the last scan (${utcDateText(last.at)}).`
      : `No scans in the last ${span}: run "scan" to take the first one.`,
    changeText: change && first ? `${change.text} since ${utcDateText(first.at)} (${percentText(first.strongPercent)})` : '',
    changeColor: change?.color ?? 'Default',
    // "YYYY-MM-DD" exactly: the chart renderer reads only that form as a date (a full ISO timestamp becomes a category).
    points: drawn.map((p) => ({ x: isoDay(p.at), y: round1(p.strongPercent) })),
    tableRows: table.map((p) => ({ date: utcDateText(p.at), percent: percentText(p.strongPercent) })),
    tableNote: table.length < points.length ? `${countText(table.length)} of ${countText(points.length)} days, evenly spread.` : '',
    note: [
      // A day is one point (its last scan): two scans on one day are one point, while posture compares them.
      points.length === 1
        ? view.points.length > 1
          ? `${countText(view.points.length)} scans, all on one day: the line starts with the next day's scan.`
          : 'One scan so far: the line starts with the next one.'
        : '',
      drawn.length < points.length ? `${countText(drawn.length)} of ${countText(points.length)} days drawn, evenly spread.` : '',
    ]
      .filter(Boolean)
      .join(' '),
    freshness: view.freshness ? freshnessLine(view.freshness) : '',
    ...targetOf(view, last),
  });
}

/**
 * The target as the chart draws it: a second line from the last scan to the target on its day, the pace needed
 * (only while it is still to reach), and the target's line in words. Nothing for a department's trend.
 */
function targetOf(
  view: PostureTrendView,
  last: TrendPointView | undefined,
): { needed: { x: string; y: number }[]; neededLegend: string; targetText: string } {
  const none = { needed: [], neededLegend: '', targetText: '' };
  if (!view.target || view.department !== undefined || !last) return none;
  const now = view.now ?? last.at;
  const line = targetLine(view.target, last.strongPercent, now);
  const progress = targetProgress(view.target, last.strongPercent, now);
  return {
    needed:
      progress.kind === 'toGo'
        ? [
            { x: isoDay(last.at), y: round1(last.strongPercent) },
            { x: view.target.by, y: round1(view.target.percent) },
          ]
        : [],
    neededLegend: `Needed for ${percentText(view.target.percent)} by ${utcDateText(targetDeadline(view.target))}`,
    targetText: line.text + '.',
  };
}

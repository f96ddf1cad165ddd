import { trendPoints } from '../../../../../src/domain/mfa/posture-trend';
import {
  MAX_TREND_POINTS,
  MAX_TREND_TABLE_ROWS,
  postureTrendCard,
  type TrendPointView,
} from '../../../../../src/adapters/bot/cards/posture-trend-card';
import { allText, expectSoundCard, ofType, texts, worstText, type CardNode } from './card-inspect';

const freshness = { takenAt: new Date('2025-11-23T10:02:00Z'), reportUpdatedAt: new Date('2025-11-23T08:40:00Z') };

function daily(count: number, start = Date.UTC(2025, 9, 25, 10, 2)): TrendPointView[] {
  return Array.from({ length: count }, (_, i) => ({ at: new Date(start + i * 86_400_000), strongPercent: 50 + i * 0.25 }));
}

function line(card: unknown): { x: string; y: number }[] {
  const [chart] = ofType(card, 'Chart.Line');
  return ((chart?.data as CardNode[])?.[0]?.values as { x: string; y: number }[]) ?? [];
}

describe('postureTrendCard', () => {
  it('is a sound 1.5 card with a line of % strong by date (YYYY-MM-DD, the form the chart reads as a date)', () => {
    const card = postureTrendCard({ days: 30, points: daily(30), freshness });
    expectSoundCard(card, 6_000);
    expect(texts(card)[0]).toBe('Strong MFA over 30 days · whole tenant');
    const values = line(card);
    expect(values).toHaveLength(30);
    expect(values[0]).toEqual({ x: '2025-10-25', y: 50 });
    expect(values[29]).toEqual({ x: '2025-11-23', y: 57.3 });
    const [chart] = ofType(card, 'Chart.Line');
    expect(chart).toEqual(expect.objectContaining({ yMin: 0, yMax: 100, xAxisTitle: 'Scan date' }));
    expect(allText(card)).toContain('57.3% of people had strong MFA at the last scan (23 Nov 2025).');
    expect(allText(card)).toContain('▲ 7.3 pts since 25 Oct 2025 (50%)');
  });

  it('falls back to a small table of date → % for clients without charts', () => {
    const card = postureTrendCard({ days: 30, points: daily(30), freshness });
    const fallback = ofType(card, 'Chart.Line')[0]!.fallback as CardNode;
    const [table] = ofType(fallback, 'Table');
    const rows = (table!.rows as CardNode[]).map((r) => texts(r).join(' → '));
    expect(rows[0]).toBe('Scan → Strong');
    expect(rows).toHaveLength(1 + MAX_TREND_TABLE_ROWS);
    expect(rows[1]).toBe('25 Oct 2025 → 50%');
    expect(rows[rows.length - 1]).toBe('23 Nov 2025 → 57.3%');
    expect(allText(fallback)).toContain('8 of 30 days, evenly spread.');
  });

  it('keeps the last scan of each day, in date order, whatever order the snapshots came in', () => {
    const points = [
      { at: new Date('2025-11-23T18:00:00Z'), strongPercent: 62 },
      { at: new Date('2025-11-22T10:00:00Z'), strongPercent: 58 },
      { at: new Date('2025-11-23T10:00:00Z'), strongPercent: 60 },
    ];
    expect(line(postureTrendCard({ days: 7, points, freshness }))).toEqual([
      { x: '2025-11-22', y: 58 },
      { x: '2025-11-23', y: 62 },
    ]);
  });

  it('thins a long span evenly, keeping the first and last day', () => {
    const card = postureTrendCard({ days: 400, points: daily(400), freshness });
    const values = line(card);
    expect(values).toHaveLength(MAX_TREND_POINTS);
    expect(values[0]!.x).toBe('2025-10-25');
    expect(values[values.length - 1]!.x).toBe(new Date(Date.UTC(2025, 9, 25) + 399 * 86_400_000).toISOString().slice(0, 10));
    expect(allText(card)).toContain(`${MAX_TREND_POINTS} of 400 days drawn`);
    expectSoundCard(card, 8_000);
  });

  it('explains a single scan, and draws nothing without scans', () => {
    const one = postureTrendCard({ days: 7, department: 'Finance', points: daily(1), freshness });
    expect(texts(one)[0]).toBe('Strong MFA over 7 days · Finance');
    expect(allText(one)).toContain('One scan so far');
    // Two scans on one day are one point on a date axis: said as such, not as "one scan" (posture compares them).
    const sameDay = [
      { at: new Date('2025-11-23T03:00:00Z'), strongPercent: 40 },
      { at: new Date('2025-11-23T10:00:00Z'), strongPercent: 41 },
    ];
    const twice = postureTrendCard({ days: 7, points: sameDay, freshness });
    expect(allText(twice)).toContain("2 scans, all on one day: the line starts with the next day's scan.");
    expect(allText(twice)).not.toContain('One scan so far');
    const none = postureTrendCard({ days: 7, points: [] });
    expectSoundCard(none);
    expect(ofType(none, 'Chart.Line')).toHaveLength(0);
    expect(allText(none)).toContain('No scans in the last 7 days');
  });

  it("renders the domain's own trend points", () => {
    const overall = (strong: number) => ({ strong, acceptable: 0, weak: 0, none: 100 - strong, criticalAdmins: 0, excluded: 0 });
    const snapshots = [
      { takenAt: new Date('2025-11-22T10:00:00Z'), overall: overall(40) },
      { takenAt: new Date('2025-11-23T10:00:00Z'), overall: overall(45) },
    ];
    const card = postureTrendCard({ days: 7, points: trendPoints(snapshots, new Date('2025-11-16T00:00:00Z')) });
    expect(line(card)).toEqual([
      { x: '2025-11-22', y: 40 },
      { x: '2025-11-23', y: 45 },
    ]);
  });

  it('stays small at the longest span with the longest department name', () => {
    expectSoundCard(postureTrendCard({ days: 3650, department: worstText(256), points: daily(3650), freshness }), 8_000);
  });
});

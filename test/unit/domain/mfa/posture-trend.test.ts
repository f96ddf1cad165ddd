import { NO_COUNTS, type PostureSnapshot } from '../../../../src/domain/mfa/posture-counts';
import { trendPoints, trendStart } from '../../../../src/domain/mfa/posture-trend';

function snapshot(scanId: string, takenAt: string, strong: number, notStrong: number, excluded = 0): PostureSnapshot {
  return {
    scanId,
    takenAt: new Date(takenAt),
    overall: { ...NO_COUNTS, strong, none: notStrong, excluded },
    byDepartment: {},
    byMethod: {},
  };
}

describe('trendPoints', () => {
  const snapshots = [
    snapshot('3', '2025-05-03T02:00:00Z', 60, 40),
    snapshot('1', '2025-04-01T02:00:00Z', 10, 90),
    snapshot('2', '2025-05-01T02:00:00Z', 1, 2, 50),
  ];

  it('gives % strong per snapshot, oldest first, with the people counted', () => {
    expect(trendPoints(snapshots, new Date('2025-01-01T00:00:00Z'))).toEqual([
      { at: new Date('2025-04-01T02:00:00Z'), strongPercent: 10, counted: 100 },
      { at: new Date('2025-05-01T02:00:00Z'), strongPercent: 33.3, counted: 3 },
      { at: new Date('2025-05-03T02:00:00Z'), strongPercent: 60, counted: 100 },
    ]);
  });

  it('keeps only the snapshots in the window, its start included', () => {
    const points = trendPoints(snapshots, new Date('2025-05-01T02:00:00Z'));

    expect(points.map((point) => point.strongPercent)).toEqual([33.3, 60]);
  });

  it('is empty without snapshots', () => {
    expect(trendPoints([], new Date(0))).toEqual([]);
  });

  it('does not reorder the caller’s list', () => {
    trendPoints(snapshots, new Date(0));

    expect(snapshots.map((s) => s.scanId)).toEqual(['3', '1', '2']);
  });
});

describe('trendStart', () => {
  it('goes back whole days of 24 hours', () => {
    expect(trendStart(new Date('2025-05-31T12:00:00Z'), 30)).toEqual(new Date('2025-05-01T12:00:00Z'));
    expect(trendStart(new Date('2025-05-31T12:00:00Z'), 1)).toEqual(new Date('2025-05-30T12:00:00Z'));
  });
});

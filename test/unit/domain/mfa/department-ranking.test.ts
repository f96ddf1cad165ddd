import { DEFAULT_MINIMUM_DEPARTMENT_SIZE, rankDepartments } from '../../../../src/domain/mfa/department-ranking';
import { NO_COUNTS, type PostureCounts } from '../../../../src/domain/mfa/posture-counts';

/** A department of `strong` + `notStrong` people counted (the not-strong split as weak / none). */
function dept(strong: number, notStrong: number, extra: Partial<PostureCounts> = {}): PostureCounts {
  // Without the readiness figures (absent in older snapshots), which the ranking does not use.
  const { phoneOnly: _p, phishingResistant: _r, admins: _a, adminsPhishingResistant: _ar, ...base } = NO_COUNTS;
  return { ...base, strong, weak: Math.ceil(notStrong / 2), none: Math.floor(notStrong / 2), ...extra };
}

const summary = (ranking: ReturnType<typeof rankDepartments>) =>
  ranking.rows.map((row) => [row.kind, row.name, row.gapPercent, row.figures.counted]);

describe('rankDepartments', () => {
  it('ranks by gap (the share without strong MFA), largest first, with exact figures', () => {
    const ranking = rankDepartments({
      Sales: dept(2, 8), // 80 % gap
      IT: dept(9, 1), // 10 %
      Finance: dept(3, 3), // 50 %
    });

    expect(summary(ranking)).toEqual([
      ['department', 'Sales', 80, 10],
      ['department', 'Finance', 50, 6],
      ['department', 'IT', 10, 10],
    ]);
    expect(ranking.withheld).toBeUndefined();
    expect(ranking.rows[0]!.figures).toEqual({
      counted: 10,
      excluded: 0,
      strongPercent: 20,
      anyMfaPercent: 60,
      weakOnlyPercent: 40,
      withNothing: 4,
      criticalAdmins: 0,
    });
  });

  it('breaks a tie on gap by size (the bigger department first), then by name', () => {
    const ranking = rankDepartments({
      Small: dept(5, 5), // 50 % of 10
      Big: dept(10, 10), // 50 % of 20
      Alpha: dept(5, 5), // 50 % of 10
    });

    expect(ranking.rows.map((row) => row.name)).toEqual(['Big', 'Alpha', 'Small']);
  });

  it('compares exact shares, not rounded ones', () => {
    // 2/3 = 66.67 % and 667/1000 = 66.7 %: both show 66.7, but the second is the larger gap.
    const ranking = rankDepartments({ Thirds: dept(1, 2), Mille: dept(333, 667) }, 1);

    expect(ranking.rows.map((row) => [row.name, row.gapPercent])).toEqual([
      ['Mille', 66.7],
      ['Thirds', 66.7],
    ]);
  });

  it('merges departments under the minimum size into one "Other" bucket, shown last', () => {
    const ranking = rankDepartments({
      Sales: dept(5, 5), // 10: shown
      Legal: dept(0, 3), // 3: merged
      Board: dept(1, 1), // 2: merged
      Design: dept(4, 0), // 4: merged
    });

    expect(summary(ranking)).toEqual([
      ['department', 'Sales', 50, 10],
      // 9 people, 5 strong: 44.4 % gap, a smaller gap than Sales's, but "Other" is never ranked among departments.
      ['other', 'Other', 44.4, 9],
    ]);
    expect(ranking.rows[1]!.departments).toBe(3);
    expect(ranking.rows[1]!.counts).toEqual({ strong: 5, acceptable: 0, weak: 3, none: 1, criticalAdmins: 0, excluded: 0 });
  });

  it('puts "Other" last even when its gap is the largest', () => {
    const ranking = rankDepartments({ Sales: dept(9, 1), Legal: dept(0, 3), Board: dept(0, 3) });

    expect(ranking.rows.map((row) => row.kind)).toEqual(['department', 'other']);
  });

  it('withholds the merged bucket when it would still be under the minimum', () => {
    const ranking = rankDepartments({ Sales: dept(5, 5), Legal: dept(1, 1), Board: dept(0, 2) });

    // 4 people in two small departments: showing them as "Other" would single them out.
    expect(summary(ranking)).toEqual([['department', 'Sales', 50, 10]]);
    expect(ranking.withheld).toEqual({ departments: 2, people: 4 });
  });

  it('withholds a single small department on its own (a bucket of one department is that department)', () => {
    const ranking = rankDepartments({ Sales: dept(5, 5), Legal: dept(1, 3) });

    expect(ranking.rows.map((row) => row.name)).toEqual(['Sales']);
    expect(ranking.withheld).toEqual({ departments: 1, people: 4 });
  });

  it('counts size as the people counted in rates, not the excluded', () => {
    // 4 counted + 10 guests: still too small to show on its own.
    const ranking = rankDepartments({ Sales: dept(5, 5), Partners: dept(2, 2, { excluded: 10 }) });

    expect(ranking.withheld).toEqual({ departments: 1, people: 4 });
  });

  it('shows a department of exactly the minimum size on its own', () => {
    const ranking = rankDepartments({ Five: dept(1, 4) });

    expect(DEFAULT_MINIMUM_DEPARTMENT_SIZE).toBe(5);
    expect(summary(ranking)).toEqual([['department', 'Five', 80, 5]]);
  });

  it('takes the minimum size from the caller', () => {
    const departments = { Sales: dept(10, 10), Legal: dept(3, 5), Board: dept(1, 3) };

    expect(rankDepartments(departments, 10).rows.map((row) => [row.name, row.figures.counted])).toEqual([
      ['Sales', 20],
      ['Other', 12],
    ]);
    expect(rankDepartments(departments, 1).rows.map((row) => row.name)).toEqual(['Board', 'Legal', 'Sales']);
  });

  it('ranks people without a department as their own row, or merges them when few', () => {
    const many = rankDepartments({ '': dept(0, 6), Sales: dept(5, 5) });
    const few = rankDepartments({ '': dept(0, 2), Legal: dept(0, 3), Sales: dept(5, 5) });

    expect(summary(many)).toEqual([
      ['unassigned', '', 100, 6],
      ['department', 'Sales', 50, 10],
    ]);
    expect(summary(few)).toEqual([
      ['department', 'Sales', 50, 10],
      ['other', 'Other', 100, 5],
    ]);
  });

  it('leaves out departments with nobody counted', () => {
    const ranking = rankDepartments({ Sales: dept(5, 5), Partners: dept(0, 0, { excluded: 3 }) });

    expect(ranking.rows.map((row) => row.name)).toEqual(['Sales']);
    expect(ranking.withheld).toBeUndefined();
  });

  it('keeps a real department called "Other" apart from the merged bucket', () => {
    const ranking = rankDepartments({ Other: dept(1, 9), Legal: dept(0, 3), Board: dept(0, 3) });

    expect(ranking.rows.map((row) => [row.kind, row.name, row.figures.counted])).toEqual([
      ['department', 'Other', 10],
      ['other', 'Other', 6],
    ]);
  });

  it('accepts a Map as the store returns it', () => {
    const ranking = rankDepartments(
      new Map([
        ['Sales', dept(2, 8)],
        ['IT', dept(9, 1)],
      ]),
    );

    expect(ranking.rows.map((row) => row.name)).toEqual(['Sales', 'IT']);
  });

  it('ranks nothing when there are no departments', () => {
    expect(rankDepartments({})).toEqual({ rows: [] });
  });
});

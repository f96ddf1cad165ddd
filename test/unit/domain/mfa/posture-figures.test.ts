import { NO_COUNTS, type PostureCounts } from '../../../../src/domain/mfa/posture-counts';
import { percentOf, postureChange, postureFigures } from '../../../../src/domain/mfa/posture-figures';

/** Counts as a scan from before the readiness figures had them: the figures and changes below leave them out. */
const OLDER: PostureCounts = { strong: 0, acceptable: 0, weak: 0, none: 0, criticalAdmins: 0, excluded: 0 };
const counts = (overrides: Partial<PostureCounts>): PostureCounts => ({ ...OLDER, ...overrides });

describe('postureFigures', () => {
  it('computes every figure of the posture card from the counts', () => {
    // 200 counted: 90 strong, 40 acceptable, 50 weak-only, 20 with nothing; 7 excluded.
    const figures = postureFigures(counts({ strong: 90, acceptable: 40, weak: 50, none: 20, criticalAdmins: 3, excluded: 7 }));

    expect(figures).toEqual({
      counted: 200,
      excluded: 7,
      strongPercent: 45,
      anyMfaPercent: 90,
      weakOnlyPercent: 25,
      withNothing: 20,
      criticalAdmins: 3,
    });
  });

  it('leaves the excluded out of every rate', () => {
    const withoutExcluded = postureFigures(counts({ strong: 1, none: 1 }));
    const withExcluded = postureFigures(counts({ strong: 1, none: 1, excluded: 98 }));

    expect(withExcluded.strongPercent).toBe(50);
    expect({ ...withExcluded, excluded: 0 }).toEqual(withoutExcluded);
  });

  it('rounds to one decimal', () => {
    const figures = postureFigures(counts({ strong: 1, acceptable: 1, none: 1 }));

    expect(figures.strongPercent).toBe(33.3);
    expect(figures.anyMfaPercent).toBe(66.7);
  });

  it('answers zeros, not NaN, when nobody is counted', () => {
    const figures = postureFigures(counts({ excluded: 4, criticalAdmins: 1 }));

    expect(figures).toEqual({
      counted: 0,
      excluded: 4,
      strongPercent: 0,
      anyMfaPercent: 0,
      weakOnlyPercent: 0,
      withNothing: 0,
      criticalAdmins: 1,
    });
  });
});

describe('readiness figures', () => {
  it('gives phone-only people, phishing-resistant coverage and admins when the scan counted them', () => {
    const now = { ...NO_COUNTS, strong: 150, weak: 50, phoneOnly: 30, phishingResistant: 25, admins: 8, adminsPhishingResistant: 2 };

    expect(postureFigures(now)).toMatchObject({
      phoneOnly: 30,
      phishingResistant: 25,
      phishingResistantPercent: 12.5,
      admins: 8,
      adminsPhishingResistant: 2,
    });
  });

  it('compares them only with a scan that counted them too', () => {
    const before = { ...NO_COUNTS, strong: 150, weak: 50, phoneOnly: 40, phishingResistant: 20 };
    const now = { ...before, phoneOnly: 30, phishingResistant: 25 };

    expect(postureChange(now, before)).toMatchObject({ phoneOnly: -10, phishingResistantPoints: 2.5 });
    const againstOlder = postureChange(now, counts({ strong: 150, weak: 50 }));
    expect(againstOlder).not.toHaveProperty('phoneOnly');
    expect(againstOlder).not.toHaveProperty('phishingResistantPoints');
  });
});

describe('percentOf', () => {
  it.each([
    [1, 8, 12.5],
    [1, 3, 33.3],
    [2, 3, 66.7],
    // Exactly half a tenth rounds up: 12.25 % and 0.05 %.
    [49, 400, 12.3],
    [1, 2000, 0.1],
    [1, 2001, 0],
    [7, 7, 100],
    [0, 5, 0],
    [3, 0, 0],
  ])('%d of %d is %d %', (part, whole, percent) => {
    expect(percentOf(part, whole)).toBe(percent);
  });
});

describe('postureChange', () => {
  it('gives percentage points for rates and people for counts', () => {
    const before = counts({ strong: 30, acceptable: 10, weak: 40, none: 20, criticalAdmins: 4 });
    const now = counts({ strong: 45, acceptable: 10, weak: 30, none: 15, criticalAdmins: 1 });

    expect(postureChange(now, before)).toEqual({
      strongPoints: 15,
      anyMfaPoints: 5,
      weakOnlyPoints: -10,
      withNothing: -5,
      criticalAdmins: -3,
      counted: 0,
    });
  });

  it('subtracts the rounded rates, so the card adds up', () => {
    // 1 of 3 (33.3 %) then 11 of 30 (36.7 %): +3.4 points, not the +3.33 of the exact rates.
    const change = postureChange(counts({ strong: 11, none: 19 }), counts({ strong: 1, none: 2 }));

    expect(change.strongPoints).toBe(3.4);
    expect(change.counted).toBe(27);
  });

  it('is all zeros between identical scans', () => {
    const same = counts({ strong: 3, weak: 4, none: 5, criticalAdmins: 1 });

    expect(postureChange(same, same)).toEqual({
      strongPoints: 0,
      anyMfaPoints: 0,
      weakOnlyPoints: 0,
      withNothing: 0,
      criticalAdmins: 0,
      counted: 0,
    });
  });
});

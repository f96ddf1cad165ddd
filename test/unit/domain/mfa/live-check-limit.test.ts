import {
  LIVE_CHECK_LIMITS,
  LIVE_CHECKS_PER_HOUR,
  LIVE_CHECKS_PER_MINUTE,
  longestLiveCheckWindowMs,
  nextLiveCheckAt,
} from '../../../../src/domain/mfa/live-check-limit';

const now = new Date('2026-11-24T10:00:00Z');
const secondsAgo = (s: number) => new Date(now.getTime() - s * 1000);

describe('nextLiveCheckAt', () => {
  it('allows three checks a minute and twenty an hour, per person', () => {
    expect(LIVE_CHECKS_PER_MINUTE).toEqual({ max: 3, windowMs: 60_000 });
    expect(LIVE_CHECKS_PER_HOUR).toEqual({ max: 20, windowMs: 3_600_000 });
    expect(LIVE_CHECK_LIMITS).toEqual([LIVE_CHECKS_PER_MINUTE, LIVE_CHECKS_PER_HOUR]);
    expect(longestLiveCheckWindowMs(LIVE_CHECK_LIMITS)).toBe(3_600_000);
  });

  it('allows a check now while fewer than three were made in the last minute', () => {
    expect(nextLiveCheckAt([], now)).toBeUndefined();
    expect(nextLiveCheckAt([secondsAgo(10), secondsAgo(5)], now)).toBeUndefined();
  });

  it('refuses a fourth check within a minute, until the oldest of the three is a minute old', () => {
    expect(nextLiveCheckAt([secondsAgo(5), secondsAgo(40), secondsAgo(20)], now)).toEqual(new Date(now.getTime() + 20_000));
  });

  it('no longer counts a check made exactly a minute ago', () => {
    expect(nextLiveCheckAt([secondsAgo(60), secondsAgo(30), secondsAgo(1)], now)).toBeUndefined();
  });

  it('refuses the twenty-first check within an hour, even when spread over minutes', () => {
    // One check every 2.5 minutes: never three in a minute, twenty in 50 minutes.
    const spread = Array.from({ length: 20 }, (_, i) => secondsAgo(150 * i + 1));
    expect(nextLiveCheckAt(spread.slice(0, 19), now)).toBeUndefined();
    expect(nextLiveCheckAt(spread, now)).toEqual(new Date(spread[19]!.getTime() + 3_600_000));
  });

  it('counts a check stamped after now (a clock set back) rather than allow more', () => {
    const ahead = new Date(now.getTime() + 30_000);
    expect(nextLiveCheckAt([ahead, ahead, ahead], now)).toEqual(new Date(ahead.getTime() + 60_000));
  });

  it('refuses a limit that allows nothing', () => {
    expect(() => nextLiveCheckAt([], now, [{ max: 0, windowMs: 60_000 }])).toThrow(RangeError);
    expect(() => nextLiveCheckAt([], now, [{ max: 1, windowMs: 0 }])).toThrow(RangeError);
  });
});

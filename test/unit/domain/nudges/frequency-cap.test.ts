import { DEFAULT_FREQUENCY_CAP, nextAllowedByCap } from '../../../../src/domain/nudges/frequency-cap';

const at = (iso: string): Date => new Date(iso);

describe('nextAllowedByCap', () => {
  const now = at('2026-02-10T12:00:00Z');

  it('lets the first nudge go now', () => {
    expect(nextAllowedByCap(now, [], DEFAULT_FREQUENCY_CAP)).toBe(now);
  });

  describe('with the default of 1 per 2 days', () => {
    it('waits until 48 hours after the last nudge', () => {
      expect(nextAllowedByCap(now, [at('2026-02-09T12:00:00Z')], DEFAULT_FREQUENCY_CAP)).toEqual(at('2026-02-11T12:00:00Z'));
    });

    it('allows a nudge exactly 48 hours later, but not a millisecond sooner', () => {
      expect(nextAllowedByCap(now, [at('2026-02-08T12:00:00Z')], DEFAULT_FREQUENCY_CAP)).toBe(now);
      expect(nextAllowedByCap(now, [at('2026-02-08T12:00:00.001Z')], DEFAULT_FREQUENCY_CAP)).toEqual(at('2026-02-10T12:00:00.001Z'));
    });

    it('lets an old nudge no longer count', () => {
      expect(nextAllowedByCap(now, [at('2026-01-01T09:00:00Z')], DEFAULT_FREQUENCY_CAP)).toBe(now);
    });

    it('counts on from the most recent nudge, whatever the order of the history', () => {
      const history = [at('2026-02-09T20:00:00Z'), at('2026-01-20T08:00:00Z'), at('2026-02-08T13:00:00Z')];

      expect(nextAllowedByCap(now, history, DEFAULT_FREQUENCY_CAP)).toEqual(at('2026-02-11T20:00:00Z'));
    });

    it('counts a send time ahead of now (another worker’s clock) rather than nudging twice', () => {
      expect(nextAllowedByCap(now, [at('2026-02-10T12:05:00Z')], DEFAULT_FREQUENCY_CAP)).toEqual(at('2026-02-12T12:05:00Z'));
    });
  });

  describe('with 2 per 7 days', () => {
    const cap = { maxNudges: 2, perDays: 7 };

    it('allows a second nudge in the week at once', () => {
      expect(nextAllowedByCap(now, [at('2026-02-09T12:00:00Z')], cap)).toBe(now);
    });

    it('waits for the older of the last two to leave the week', () => {
      const history = [at('2026-02-09T12:00:00Z'), at('2026-02-05T10:00:00Z')];

      expect(nextAllowedByCap(now, history, cap)).toEqual(at('2026-02-12T10:00:00Z'));
    });

    it('looks only at the two most recent, in any order', () => {
      const history = [at('2026-02-06T10:00:00Z'), at('2026-02-09T12:00:00Z'), at('2026-02-04T09:00:00Z'), at('2026-02-01T00:00:00Z')];

      expect(nextAllowedByCap(now, history, cap)).toEqual(at('2026-02-13T10:00:00Z'));
    });

    it('allows a nudge exactly 7 × 24 hours after the older one', () => {
      const history = [at('2026-02-03T12:00:00Z'), at('2026-02-09T12:00:00Z')];

      expect(nextAllowedByCap(now, history, cap)).toBe(now);
    });
  });

  it('does not reorder the caller’s history', () => {
    const history = [at('2026-02-09T12:00:00Z'), at('2026-02-01T12:00:00Z')];
    nextAllowedByCap(now, history, DEFAULT_FREQUENCY_CAP);

    expect(history).toEqual([at('2026-02-09T12:00:00Z'), at('2026-02-01T12:00:00Z')]);
  });

  it('rejects a cap that would never allow a nudge, and invalid dates', () => {
    expect(() => nextAllowedByCap(now, [], { maxNudges: 0, perDays: 2 })).toThrow(RangeError);
    expect(() => nextAllowedByCap(now, [], { maxNudges: 1, perDays: 0 })).toThrow(RangeError);
    expect(() => nextAllowedByCap(now, [new Date('nope')], DEFAULT_FREQUENCY_CAP)).toThrow(/not a valid date/);
  });
});

import { changeText, countText, peopleText, percentText } from '../../../../../src/adapters/bot/cards/figure-text';
import { freshnessLine, utcDateTimeText } from '../../../../../src/adapters/bot/cards/freshness-line';
import { directoryText } from '../../../../../src/adapters/bot/cards/directory-text';

describe('figures as cards print them', () => {
  it.each([
    [62.44, '62.4%'],
    [50, '50%'],
    [99.96, '99.9%'],
    [100, '100%'],
    [0.01, '<0.1%'],
    [0, '0%'],
  ])('prints %p as %s (never a false 100%% or 0%%)', (value, text) => {
    expect(percentText(value)).toBe(text);
  });

  it('prints changes in points with an arrow, bad news marked with a sign, all in the default colour (no other reads on both of Teams themes)', () => {
    expect(changeText(3.14, true)).toEqual({ text: '▲ 3.1 pts', color: 'Default' });
    expect(changeText(-0.44, true)).toEqual({ text: '⚠ ▼ 0.4 pts', color: 'Default' });
    expect(changeText(2, false)).toEqual({ text: '⚠ ▲ 2.0 pts', color: 'Default' });
    expect(changeText(-2, false)).toEqual({ text: '▼ 2.0 pts', color: 'Default' });
    expect(changeText(0.01, true)).toEqual({ text: 'no change', color: 'Default' });
  });

  it('groups thousands and says person or people', () => {
    expect(countText(12345)).toBe('12,345');
    expect(peopleText(1)).toBe('1 person');
    expect(peopleText(2972)).toBe('2,972 people');
  });
});

describe('freshness line', () => {
  const takenAt = new Date('2025-11-23T10:02:00Z');

  it('says when we scanned and when the report was updated, in UTC', () => {
    expect(freshnessLine({ takenAt, reportUpdatedAt: new Date('2025-11-23T08:40:00Z') })).toBe(
      'Scanned 23 Nov 2025 10:02 UTC · report updated 08:40 UTC',
    );
  });

  it('gives the report date when it is another day', () => {
    expect(freshnessLine({ takenAt, reportUpdatedAt: new Date('2025-11-22T23:59:00Z') })).toBe(
      'Scanned 23 Nov 2025 10:02 UTC · report updated 22 Nov 2025 23:59 UTC',
    );
  });

  it('says so when the report time is not known', () => {
    expect(freshnessLine({ takenAt })).toBe('Scanned 23 Nov 2025 10:02 UTC · report update time unknown');
    expect(utcDateTimeText(new Date('2026-01-05T07:09:00Z'))).toBe('5 Jan 2026 07:09 UTC');
  });

  it('mentions a newer scan that is running or failed', () => {
    const startedAt = new Date('2025-11-23T11:00:00Z');
    expect(freshnessLine({ takenAt, latestScan: { status: 'running', startedAt } })).toContain(
      '· a new scan is running (started 23 Nov 2025 11:00 UTC)',
    );
    expect(freshnessLine({ takenAt, latestScan: { status: 'failed', startedAt } })).toContain(
      '· the scan started 23 Nov 2025 11:00 UTC failed',
    );
  });
});

describe('directory text', () => {
  it('escapes markdown and clips long values', () => {
    expect(directoryText('  *Ann*  ', 10)).toBe('\\*Ann\\*');
    expect(directoryText('abcdefghij', 5)).toBe('abcd…');
  });
});

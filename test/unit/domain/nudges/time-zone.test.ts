import { IANAZone } from 'luxon';

import { endOfDay, resolveTimeZone } from '../../../../src/domain/nudges/time-zone';

const FALLBACK = 'Europe/London';

describe('resolveTimeZone', () => {
  it.each([
    ['Pacific Standard Time', 'America/Los_Angeles'],
    ['W. Europe Standard Time', 'Europe/Berlin'],
    ['Romance Standard Time', 'Europe/Paris'],
    ['Tokyo Standard Time', 'Asia/Tokyo'],
    ['New Zealand Standard Time', 'Pacific/Auckland'],
  ])('maps the Windows name %j to its main IANA zone %j', (windows, iana) => {
    expect(resolveTimeZone(windows, FALLBACK)).toBe(iana);
  });

  it('maps India Standard Time to CLDR’s name for Kolkata, which the runtime accepts', () => {
    const zone = resolveTimeZone('India Standard Time', FALLBACK);

    expect(['Asia/Kolkata', 'Asia/Calcutta']).toContain(zone);
    expect(IANAZone.isValidZone(zone)).toBe(true);
  });

  it('keeps a name that is already IANA, and UTC', () => {
    expect(resolveTimeZone('Europe/Paris', FALLBACK)).toBe('Europe/Paris');
    expect(resolveTimeZone('UTC', FALLBACK)).toBe('UTC');
    expect(resolveTimeZone('  Asia/Tokyo ', FALLBACK)).toBe('Asia/Tokyo');
  });

  it.each([null, undefined, '', '   ', 'Customized Time Zone', 'Mars Standard Time', 'Europe/Atlantis', 'tzone://Microsoft/Custom'])(
    'falls back for %j',
    (graphTimeZone) => {
      expect(resolveTimeZone(graphTimeZone, FALLBACK)).toBe(FALLBACK);
    },
  );
});

describe('endOfDay', () => {
  it.each([
    ['Asia/Tokyo', '2026-12-31T14:59:59.999Z'],
    ['UTC', '2026-12-31T23:59:59.999Z'],
    ['America/Los_Angeles', '2027-01-01T07:59:59.999Z'],
  ])('ends the day in %s, not in UTC', (zone, instant) => {
    expect(endOfDay('2026-12-31', zone).toISOString()).toBe(instant);
  });

  it('ends a day that loses an hour to daylight saving at its local midnight', () => {
    // Berlin moves to summer time on 29 March 2026: the day ends at 22:00 UTC, not 23:00.
    expect(endOfDay('2026-03-29', 'Europe/Berlin').toISOString()).toBe('2026-03-29T21:59:59.999Z');
  });
});

import { IANAZone } from 'luxon';

import { resolveTimeZone } from '../../../../src/domain/nudges/time-zone';

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

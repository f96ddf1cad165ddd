import {
  DEFAULT_SENDING_HOURS,
  isWithinSendingHours,
  nextSendingTime,
  parseSendingHours,
  sendingHoursText,
  type SendingHours,
} from '../../../../src/domain/nudges/quiet-hours';

const at = (iso: string): Date => new Date(iso);
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];
const office = DEFAULT_SENDING_HOURS;

describe('nextSendingTime', () => {
  it('is now, the same instant, while the recipient is within their hours', () => {
    const now = at('2026-02-09T18:00:00Z'); // Monday 10:00 in Los Angeles

    expect(nextSendingTime(now, 'America/Los_Angeles', office)).toBe(now);
  });

  it('waits for the opening hour later the same day', () => {
    expect(nextSendingTime(at('2026-02-10T15:00:00Z'), 'America/Los_Angeles', office)) // Tuesday 07:00
      .toEqual(at('2026-02-10T17:00:00Z'));
  });

  it('treats the end hour as closed', () => {
    expect(nextSendingTime(at('2026-02-10T01:00:00Z'), 'America/Los_Angeles', office)) // Monday 17:00 sharp
      .toEqual(at('2026-02-10T17:00:00Z'));
    expect(nextSendingTime(at('2026-02-10T00:59:59Z'), 'America/Los_Angeles', office)) // Monday 16:59:59
      .toEqual(at('2026-02-10T00:59:59Z'));
  });

  it('moves a Friday evening to Monday 09:00 local, in each recipient’s own zone', () => {
    // Friday 6 February 2026, 18:30 in Los Angeles (UTC-8).
    expect(nextSendingTime(at('2026-02-07T02:30:00Z'), 'America/Los_Angeles', office)).toEqual(at('2026-02-09T17:00:00Z'));
    // Friday 17:30 in Kolkata (UTC+5:30): Monday 09:00 there is 03:30 UTC.
    expect(nextSendingTime(at('2026-02-06T12:00:00Z'), 'Asia/Kolkata', office)).toEqual(at('2026-02-09T03:30:00Z'));
    // Saturday noon in Tokyo (UTC+9): Monday 09:00 there is midnight UTC.
    expect(nextSendingTime(at('2026-02-07T03:00:00Z'), 'Asia/Tokyo', office)).toEqual(at('2026-02-09T00:00:00Z'));
  });

  it('sends at once in Kolkata at 09:30 local, a half-hour zone', () => {
    const now = at('2026-02-09T04:00:00Z');

    expect(nextSendingTime(now, 'Asia/Kolkata', office)).toBe(now);
  });

  it('opens on Sunday evening UTC in Auckland, where it is already Monday, while Paris waits for its Monday', () => {
    const now = at('2026-02-08T12:00:00Z'); // Sunday 13:00 in Paris, Monday 01:00 in Auckland (NZDT, UTC+13)

    expect(nextSendingTime(now, 'Pacific/Auckland', office)).toEqual(at('2026-02-08T20:00:00Z'));
    expect(nextSendingTime(now, 'Europe/Paris', office)).toEqual(at('2026-02-09T08:00:00Z'));
  });

  it('follows Auckland’s southern-hemisphere daylight saving, which ends in April', () => {
    // Friday 3 April 2026, 18:00 NZDT (UTC+13); summer time ends on Sunday 5 April, so Monday is NZST (UTC+12).
    expect(nextSendingTime(at('2026-04-03T05:00:00Z'), 'Pacific/Auckland', office)).toEqual(at('2026-04-05T21:00:00Z'));
    // Friday 25 September, 18:00 NZST; summer time starts on Sunday 27 September.
    expect(nextSendingTime(at('2026-09-25T06:00:00Z'), 'Pacific/Auckland', office)).toEqual(at('2026-09-27T20:00:00Z'));
  });

  describe('across the US switch (8 March and 1 November 2026)', () => {
    const zone = 'America/Los_Angeles';

    it('opens Monday 09:00 PDT after a Friday evening in PST', () => {
      expect(nextSendingTime(at('2026-03-07T02:00:00Z'), zone, office)).toEqual(at('2026-03-09T16:00:00Z'));
    });

    it('opens Monday 09:00 PST after a Friday evening in PDT', () => {
      expect(nextSendingTime(at('2026-10-31T01:00:00Z'), zone, office)).toEqual(at('2026-11-02T17:00:00Z'));
    });

    it('opens at 03:00 PDT, the first instant after the gap, when the start hour 02:00 is skipped', () => {
      const fromTwo: SendingHours = { startHour: 2, endHour: 17, weekdays: EVERY_DAY };

      expect(nextSendingTime(at('2026-03-08T08:30:00Z'), zone, fromTwo)).toEqual(at('2026-03-08T10:00:00Z'));
    });

    it('skips a day whose whole window falls in the gap', () => {
      const twoToThree: SendingHours = { startHour: 2, endHour: 3, weekdays: EVERY_DAY };

      expect(nextSendingTime(at('2026-03-08T08:30:00Z'), zone, twoToThree)).toEqual(at('2026-03-09T09:00:00Z'));
    });

    it('opens at the first of the two 01:00s when clocks fall back, and stays open through both', () => {
      const oneToTwo: SendingHours = { startHour: 1, endHour: 2, weekdays: EVERY_DAY };

      expect(nextSendingTime(at('2026-11-01T07:30:00Z'), zone, oneToTwo)).toEqual(at('2026-11-01T08:00:00Z'));
      expect(isWithinSendingHours(at('2026-11-01T08:30:00Z'), zone, oneToTwo)).toBe(true); // 01:30 PDT
      expect(isWithinSendingHours(at('2026-11-01T09:30:00Z'), zone, oneToTwo)).toBe(true); // 01:30 PST
      expect(nextSendingTime(at('2026-11-01T10:00:00Z'), zone, oneToTwo)).toEqual(at('2026-11-02T09:00:00Z'));
    });
  });

  describe('across the EU switch (29 March and 25 October 2026)', () => {
    const zone = 'Europe/Paris';
    const weekends: SendingHours = { startHour: 9, endHour: 17, weekdays: [6, 7] };

    it('opens Monday 09:00 CEST after a Friday evening in CET', () => {
      expect(nextSendingTime(at('2026-03-27T17:00:00Z'), zone, office)).toEqual(at('2026-03-30T07:00:00Z'));
    });

    it('opens Monday 09:00 CET after a Friday evening in CEST', () => {
      expect(nextSendingTime(at('2026-10-23T16:00:00Z'), zone, office)).toEqual(at('2026-10-26T08:00:00Z'));
    });

    it('keeps wall-clock hours on the switch days themselves', () => {
      expect(nextSendingTime(at('2026-03-29T05:00:00Z'), zone, weekends)).toEqual(at('2026-03-29T07:00:00Z'));
      expect(nextSendingTime(at('2026-10-25T07:30:00Z'), zone, weekends)).toEqual(at('2026-10-25T08:00:00Z'));
      expect(isWithinSendingHours(at('2026-10-25T15:59:59Z'), zone, weekends)).toBe(true); // 16:59:59 CET
      expect(isWithinSendingHours(at('2026-10-25T16:00:00Z'), zone, weekends)).toBe(false);
    });

    it('opens at 03:00 CEST when the start hour 02:00 is skipped', () => {
      const fromTwo: SendingHours = { startHour: 2, endHour: 17, weekdays: EVERY_DAY };

      expect(nextSendingTime(at('2026-03-29T00:30:00Z'), zone, fromTwo)).toEqual(at('2026-03-29T01:00:00Z'));
    });
  });

  it('is always now with "always"', () => {
    const always = parseSendingHours('always');
    const sundayMidnight = at('2026-02-08T00:00:00Z');

    expect(nextSendingTime(sundayMidnight, 'UTC', always)).toBe(sundayMidnight);
    expect(nextSendingTime(at('2026-02-07T23:59:59Z'), 'Pacific/Auckland', always)).toEqual(at('2026-02-07T23:59:59Z'));
  });

  it('rejects a zone that does not exist and hours that never open', () => {
    expect(() => nextSendingTime(at('2026-02-09T12:00:00Z'), 'Mars/Olympus_Mons', office)).toThrow(/not a time zone/);
    expect(() => nextSendingTime(at('2026-02-09T12:00:00Z'), 'UTC', { ...office, weekdays: [] })).toThrow(/weekday/);
    expect(() => nextSendingTime(at('2026-02-09T12:00:00Z'), 'UTC', { ...office, startHour: 17, endHour: 9 })).toThrow(/start < end/);
  });
});

describe('isWithinSendingHours', () => {
  it('checks weekday and hour in the recipient’s zone', () => {
    const mondayMorningUtc = at('2026-02-09T08:00:00Z');

    expect(isWithinSendingHours(mondayMorningUtc, 'Europe/Paris', office)).toBe(true); // 09:00
    expect(isWithinSendingHours(mondayMorningUtc, 'America/Los_Angeles', office)).toBe(false); // 00:00
    expect(isWithinSendingHours(mondayMorningUtc, 'Asia/Tokyo', office)).toBe(false); // 17:00
  });
});

describe('parseSendingHours', () => {
  it('reads hours and a weekday range', () => {
    expect(parseSendingHours('09:00-17:00 Mon-Fri')).toEqual({ startHour: 9, endHour: 17, weekdays: [1, 2, 3, 4, 5] });
  });

  it('reads bare hours and a list of weekdays, in any case and spacing', () => {
    expect(parseSendingHours('08-18 Mon,Tue,Thu')).toEqual({ startHour: 8, endHour: 18, weekdays: [1, 2, 4] });
    expect(parseSendingHours('  8 - 18   thu, MON , tuesday ')).toEqual({ startHour: 8, endHour: 18, weekdays: [1, 2, 4] });
  });

  it('reads a range that wraps past Sunday, and midnight as 24:00', () => {
    expect(parseSendingHours('07:00-24:00 Sun-Thu')).toEqual({ startHour: 7, endHour: 24, weekdays: [1, 2, 3, 4, 7] });
    expect(parseSendingHours('00-24 Sat-Sun')).toEqual({ startHour: 0, endHour: 24, weekdays: [6, 7] });
  });

  it('reads "always" as every hour of every day', () => {
    expect(parseSendingHours(' Always ')).toEqual({ startHour: 0, endHour: 24, weekdays: [1, 2, 3, 4, 5, 6, 7] });
  });

  it.each([
    ['', /should look like/],
    ['whenever', /should look like/],
    ['09:00-17:00', /no weekdays/],
    ['09:30-17:00 Mon-Fri', /not on the hour/],
    ['9am-5pm Mon-Fri', /not a time/],
    ['09:00-25:00 Mon-Fri', /between 00 and 24/],
    ['17:00-09:00 Mon-Fri', /start before they end/],
    ['09:00-09:00 Mon-Fri', /start before they end/],
    ['09:00-17:00 Mon-Fry', /"Fry" is not a weekday/],
    ['09:00-17:00 Mon,,Tue', /"" is not a weekday/],
    ['09:00-17:00 Mon-Wed-Fri', /range like Mon-Fri/],
    ['09:00-17:00 Mon-Fri,Wed', /Wed more than once/],
  ])('rejects %j', (text, message) => {
    expect(() => parseSendingHours(text)).toThrow(message);
  });

  it('names the setting in its errors', () => {
    expect(() => parseSendingHours('17-09 Mon')).toThrow('Sending hours "17-09 Mon"');
  });
});

describe('sending hours written back as text', () => {
  it.each(['09:00-17:00 Mon-Fri', '08:00-18:00 Mon,Wed', 'always', '00:00-24:00 Sat,Sun', '07:00-19:00 Mon-Sun', '10:00-12:00 Tue'])(
    '"%s" reads back as the same hours',
    (text) => {
      const hours = parseSendingHours(text);
      expect(sendingHoursText(hours)).toBe(text);
      expect(parseSendingHours(sendingHoursText(hours))).toEqual(hours);
    },
  );
});

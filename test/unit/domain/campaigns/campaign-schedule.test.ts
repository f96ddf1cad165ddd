import { nextRunAfter, runTimes, ScheduleError, type CampaignSchedule } from '../../../../src/domain/campaigns/campaign-schedule';

const iso = (dates: Date[]) => dates.map((date) => date.toISOString());

describe('campaign schedule', () => {
  it('runs a once-campaign at its local time in its time zone', () => {
    expect(iso(runTimes({ kind: 'once', date: '2026-12-01', time: '10:00', timeZone: 'America/Los_Angeles' }))).toEqual([
      '2026-12-01T18:00:00.000Z',
    ]);
    expect(iso(runTimes({ kind: 'once', date: '2026-12-01', time: '10:00', timeZone: 'Asia/Kolkata' }))).toEqual([
      '2026-12-01T04:30:00.000Z',
    ]);
  });

  it('runs a recurring campaign on its weekdays only, up to and including the end date', () => {
    // Monday 30 Nov 2026 to Sunday 13 Dec; Mondays and Thursdays at 09:30 in London (GMT in winter).
    const schedule: CampaignSchedule = {
      kind: 'recurring',
      weekdays: [1, 4],
      time: '09:30',
      timeZone: 'Europe/London',
      startDate: '2026-11-30',
      endDate: '2026-12-10',
    };
    expect(iso(runTimes(schedule))).toEqual([
      '2026-11-30T09:30:00.000Z',
      '2026-12-03T09:30:00.000Z',
      '2026-12-07T09:30:00.000Z',
      '2026-12-10T09:30:00.000Z',
    ]);
  });

  it('keeps the local hour across a daylight-saving change (Europe, spring and autumn)', () => {
    const spring: CampaignSchedule = {
      kind: 'recurring',
      weekdays: [6, 7, 1],
      time: '09:00',
      timeZone: 'Europe/Berlin',
      startDate: '2026-03-28',
      endDate: '2026-03-30',
    };
    // Saturday CET (+01:00), Sunday after the switch CEST (+02:00), Monday CEST.
    expect(iso(runTimes(spring))).toEqual(['2026-03-28T08:00:00.000Z', '2026-03-29T07:00:00.000Z', '2026-03-30T07:00:00.000Z']);
    const autumn: CampaignSchedule = {
      kind: 'recurring',
      weekdays: [6, 7],
      time: '09:00',
      timeZone: 'Europe/Berlin',
      startDate: '2026-10-24',
      endDate: '2026-10-25',
    };
    expect(iso(runTimes(autumn))).toEqual(['2026-10-24T07:00:00.000Z', '2026-10-25T08:00:00.000Z']);
  });

  it('runs a time the spring-forward skips as late as the clocks jumped, and a repeated autumn time once, at the first', () => {
    // New York, 8 Mar 2026: 02:00 becomes 03:00, so 02:30 does not exist; the run is at 03:30 EDT.
    expect(iso(runTimes({ kind: 'once', date: '2026-03-08', time: '02:30', timeZone: 'America/New_York' }))).toEqual([
      '2026-03-08T07:30:00.000Z',
    ]);
    // New York, 1 Nov 2026: 01:30 happens twice (EDT, then EST); the run is at the first.
    expect(iso(runTimes({ kind: 'once', date: '2026-11-01', time: '01:30', timeZone: 'America/New_York' }))).toEqual([
      '2026-11-01T05:30:00.000Z',
    ]);
  });

  it('finds the next run strictly after a moment, and none after the last', () => {
    const schedule: CampaignSchedule = {
      kind: 'recurring',
      weekdays: [2],
      time: '12:00',
      timeZone: 'UTC',
      startDate: '2026-12-01',
      endDate: '2026-12-15',
    };
    expect(nextRunAfter(schedule, new Date('2026-12-01T12:00:00Z'))?.toISOString()).toBe('2026-12-08T12:00:00.000Z');
    expect(nextRunAfter(schedule, new Date('2026-11-01T00:00:00Z'))?.toISOString()).toBe('2026-12-01T12:00:00.000Z');
    expect(nextRunAfter(schedule, new Date('2026-12-15T12:00:00Z'))).toBeUndefined();
  });

  it.each([
    [{ kind: 'once', date: '2026-12-01', time: '10:00', timeZone: 'Mars/Olympus' }, 'is not a time zone'],
    [{ kind: 'once', date: '2026-02-30', time: '10:00', timeZone: 'UTC' }, 'should be a real date'],
    [{ kind: 'once', date: '2026-12-01', time: '24:00', timeZone: 'UTC' }, 'should be HH:MM'],
    [
      { kind: 'recurring', weekdays: [], time: '10:00', timeZone: 'UTC', startDate: '2026-12-01', endDate: '2026-12-31' },
      'at least one weekday',
    ],
    [
      { kind: 'recurring', weekdays: [8], time: '10:00', timeZone: 'UTC', startDate: '2026-12-01', endDate: '2026-12-31' },
      'at least one weekday',
    ],
    [
      { kind: 'recurring', weekdays: [1], time: '10:00', timeZone: 'UTC', startDate: '2026-12-31', endDate: '2026-12-01' },
      'is before the start date',
    ],
    [
      { kind: 'recurring', weekdays: [1], time: '10:00', timeZone: 'UTC', startDate: '2026-01-01', endDate: '2028-01-01' },
      'a year at most',
    ],
  ] as [CampaignSchedule, string][])('refuses %j, saying what to change', (schedule, reason) => {
    expect(() => runTimes(schedule)).toThrow(ScheduleError);
    expect(() => runTimes(schedule)).toThrow(reason);
  });
});

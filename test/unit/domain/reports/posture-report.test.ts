import {
  latestDueTime,
  nextDueTime,
  periodDueAt,
  reportScheduleProblem,
  reportScheduleText,
  type PostureReportSchedule,
} from '../../../../src/domain/reports/posture-report';
import { parseReportCommand } from '../../../../src/domain/reports/report-command';

const schedule: PostureReportSchedule = {
  conversationId: 'c',
  weekday: 1,
  time: '09:00',
  timeZone: 'Europe/London',
  createdBy: 'admin',
  createdAt: new Date('2026-12-01T12:00:00Z'),
};

describe('a weekly posture report', () => {
  it('is due on its weekday at its time where it is read, and the week before until then', () => {
    // Monday 7 December 2026, 09:00 in London is 09:00 UTC (winter time).
    expect(latestDueTime(schedule, new Date('2026-12-07T09:00:00Z'))).toEqual(new Date('2026-12-07T09:00:00Z'));
    expect(latestDueTime(schedule, new Date('2026-12-07T08:59:59Z'))).toEqual(new Date('2026-11-30T09:00:00Z'));
    expect(latestDueTime(schedule, new Date('2026-12-10T15:00:00Z'))).toEqual(new Date('2026-12-07T09:00:00Z'));
    expect(nextDueTime(schedule, new Date('2026-12-07T09:00:00Z'))).toEqual(new Date('2026-12-14T09:00:00Z'));
  });

  it('keeps its local time across a change of summer time', () => {
    const paris = { ...schedule, timeZone: 'Europe/Paris', weekday: 7, time: '08:30' };
    // Sunday 29 March 2026: clocks go forward at 02:00; 08:30 in Paris is then 06:30 UTC, the Sunday before 07:30 UTC.
    expect(latestDueTime(paris, new Date('2026-03-29T12:00:00Z'))).toEqual(new Date('2026-03-29T06:30:00Z'));
    expect(latestDueTime(paris, new Date('2026-03-28T12:00:00Z'))).toEqual(new Date('2026-03-22T07:30:00Z'));
  });

  it('names each week by the local date it fell on, and posts none from before it was set up or a day past due', () => {
    expect(periodDueAt(schedule, new Date('2026-12-07T09:05:00Z'))).toBe('2026-12-07');
    expect(periodDueAt(schedule, new Date('2026-12-08T08:59:00Z'))).toBe('2026-12-07');
    expect(periodDueAt(schedule, new Date('2026-12-08T09:01:00Z'))).toBeUndefined();
    // Set up on Tuesday 1 December: the Monday before it is not its week.
    expect(periodDueAt(schedule, new Date('2026-12-01T13:00:00Z'))).toBeUndefined();
    // Monday 09:00 in Tokyo is midnight UTC: its week is named by Tokyo's date.
    const tokyo = { ...schedule, timeZone: 'Asia/Tokyo' };
    expect(periodDueAt(tokyo, new Date('2026-12-07T00:10:00Z'))).toBe('2026-12-07');
  });

  it('says what is wrong with a schedule it cannot keep', () => {
    expect(reportScheduleProblem({ weekday: 8, time: '09:00', timeZone: 'UTC' })).toBe('Choose a weekday, Monday to Sunday.');
    expect(reportScheduleProblem({ weekday: 1, time: '25:00', timeZone: 'UTC' })).toContain('HH:MM');
    expect(reportScheduleProblem({ weekday: 1, time: '09:00', timeZone: 'Mars/Olympus' })).toContain('is not a time zone');
    expect(reportScheduleProblem(schedule)).toBeUndefined();
    expect(reportScheduleText(schedule)).toBe('every Monday at 09:00 (Europe/London)');
  });
});

describe('the report command', () => {
  it.each([
    ['', { action: 'show' }],
    ['off', { action: 'off' }],
    ['weekly', { action: 'weekly', weekday: 1, time: '09:00' }],
    ['weekly in this channel', { action: 'weekly', weekday: 1, time: '09:00' }],
    ['weekly on Tuesday at 8:30 Europe/Paris', { action: 'weekly', weekday: 2, time: '08:30', timeZone: 'Europe/Paris' }],
    ['WEEKLY fri 17:00 here', { action: 'weekly', weekday: 5, time: '17:00' }],
    ['weekly every sundays at 23:59 UTC', { action: 'weekly', weekday: 7, time: '23:59', timeZone: 'UTC' }],
  ])('reads "report %s"', (rest, command) => {
    expect(parseReportCommand(rest)).toEqual({ command });
  });

  it.each([
    ['daily', 'report weekly'],
    ['weekly at 25:00', 'should be HH:MM'],
    ['weekly on Funday', 'I don\u0027t understand "Funday"'],
    ['off now', 'takes nothing after it'],
  ])('refuses "report %s", saying what to do', (rest, problem) => {
    const parsed = parseReportCommand(rest);
    expect('problem' in parsed && parsed.problem).toContain(problem);
  });
});

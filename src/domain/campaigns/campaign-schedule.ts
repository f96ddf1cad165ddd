import { DateTime } from 'luxon';
import { timeOfDayProblem } from '../time-of-day';

/**
 * When a campaign runs, in the wall-clock time of the time zone it was planned in (its manager's): once at a
 * local date and time, or on chosen ISO weekdays (1 = Monday … 7 = Sunday) at a local time until an end date,
 * each run a new wave to whoever is still not set up. Each recipient then gets the nudge within their own
 * delivery window, in their own time zone (see quiet-hours.ts).
 */
export type CampaignSchedule =
  | { kind: 'once'; date: string; time: string; timeZone: string }
  | { kind: 'recurring'; weekdays: number[]; time: string; timeZone: string; startDate: string; endDate: string };

/** A schedule that cannot run, said so that the person filling in the form can fix it. */
export class ScheduleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScheduleError';
  }
}

/** A recurring campaign runs for a year at most: past that, nobody is watching its results. */
const MAX_RECURRING_DAYS = 366;

/** Every run time, in order, as instants; a once-schedule has one. Throws ScheduleError when the schedule is malformed. */
export function runTimes(schedule: CampaignSchedule): Date[] {
  checkSchedule(schedule);
  if (schedule.kind === 'once') return [localInstant(schedule.date, schedule.time, schedule.timeZone)];
  const times: Date[] = [];
  const end = DateTime.fromISO(schedule.endDate, { zone: schedule.timeZone });
  for (let day = DateTime.fromISO(schedule.startDate, { zone: schedule.timeZone }); day <= end; day = day.plus({ days: 1 })) {
    if (schedule.weekdays.includes(day.weekday)) times.push(localInstant(day.toISODate()!, schedule.time, schedule.timeZone));
  }
  return times;
}

/** A run that starts a little late (the bot was restarting, the form said "now") still starts; one older than this does not. */
export const LATE_START_MS = 15 * 60_000;

/** The first run still to start at `now` (up to LATE_START_MS late), or undefined when none is left. */
export function firstRunFrom(schedule: CampaignSchedule, now: Date): Date | undefined {
  const from = now.getTime() - LATE_START_MS;
  return runTimes(schedule).find((time) => time.getTime() >= from);
}

/** The first run strictly after `after`, or undefined when the schedule has no more runs. */
export function nextRunAfter(schedule: CampaignSchedule, after: Date): Date | undefined {
  return runTimes(schedule).find((time) => time.getTime() > after.getTime());
}

/** Whether the schedule is sound; throws ScheduleError naming what to change. */
export function checkSchedule(schedule: CampaignSchedule): void {
  if (!DateTime.local().setZone(schedule.timeZone).isValid)
    throw new ScheduleError(`"${schedule.timeZone}" is not a time zone (use a name such as Europe/London).`);
  const time = timeOfDayProblem(schedule.time);
  if (time) throw new ScheduleError(time);
  const dates = schedule.kind === 'once' ? [schedule.date] : [schedule.startDate, schedule.endDate];
  for (const date of dates) {
    if (!isCalendarDate(date)) throw new ScheduleError(`The date "${date}" should be a real date, YYYY-MM-DD.`);
  }
  if (schedule.kind === 'recurring') {
    if (schedule.weekdays.length === 0 || schedule.weekdays.some((day) => !Number.isInteger(day) || day < 1 || day > 7)) {
      throw new ScheduleError('Choose at least one weekday for a recurring campaign.');
    }
    const days = DateTime.fromISO(schedule.endDate).diff(DateTime.fromISO(schedule.startDate), 'days').days;
    if (days < 0) throw new ScheduleError(`The end date ${schedule.endDate} is before the start date ${schedule.startDate}.`);
    if (days > MAX_RECURRING_DAYS)
      throw new ScheduleError(
        `A recurring campaign can run for a year at most; end it by ${DateTime.fromISO(schedule.startDate).plus({ days: MAX_RECURRING_DAYS }).toISODate()}.`,
      );
  }
}

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export function isCalendarDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && DateTime.fromISO(text).isValid;
}

/**
 * A local date and time as an instant. A time that a spring-forward skips runs as late as the jump (02:30 on
 * the day clocks go from 02:00 to 03:00 runs at 03:30), as the clocks on the wall say; a time that a fall-back
 * repeats runs at the first of the two, so a run never happens twice.
 */
function localInstant(date: string, time: string, timeZone: string): Date {
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const { year, month, day } = DateTime.fromISO(date);
  const wanted = DateTime.fromObject({ year, month, day, hour, minute }, { zone: timeZone });
  const [first] = wanted.getPossibleOffsets().sort((a, b) => a.toMillis() - b.toMillis());
  return (first ?? wanted).toJSDate();
}

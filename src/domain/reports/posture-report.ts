import { DateTime, IANAZone } from 'luxon';
import { timeOfDayProblem } from '../time-of-day';

/**
 * A posture report that comes to its readers: the tenant's summary posted into one channel or chat each week, on a
 * weekday at a time in a time zone the admin chose. One report per conversation: asking again replaces it.
 */
export interface PostureReportSchedule {
  /** The conversation it is posted into (a channel's, a group chat's or a personal chat's id). */
  conversationId: string;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** HH:MM, in `timeZone`. */
  time: string;
  /** An IANA zone ("Europe/London"). */
  timeZone: string;
  /** The admin who asked for it (Entra object id), and when. */
  createdBy: string;
  createdAt: Date;
}

export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** What an admin may ask for when they do not say: Monday morning, the start of a working week. */
export const DEFAULT_REPORT_TIME = { weekday: 1, time: '09:00' } as const;

/**
 * A report the bot could not post at its time (it was stopped, or Teams did not answer) is still posted when it can,
 * up to this late; past that the week's figures are stale news and the next week's report is waited for.
 */
export const REPORT_LATE_MS = 24 * 3600_000;

/** Whether a schedule can be kept, or the problem in words an admin can act on. */
export function reportScheduleProblem(schedule: Pick<PostureReportSchedule, 'weekday' | 'time' | 'timeZone'>): string | undefined {
  if (!Number.isInteger(schedule.weekday) || schedule.weekday < 1 || schedule.weekday > 7) return 'Choose a weekday, Monday to Sunday.';
  const time = timeOfDayProblem(schedule.time);
  if (time) return time;
  if (!IANAZone.isValidZone(schedule.timeZone)) return `"${schedule.timeZone}" is not a time zone (use a name such as Europe/London).`;
  return undefined;
}

/** The latest time the report was due at or before `at`, as an instant (the weekday and time where it is read). */
export function latestDueTime(schedule: Pick<PostureReportSchedule, 'weekday' | 'time' | 'timeZone'>, at: Date): Date {
  const [hour, minute] = schedule.time.split(':').map(Number) as [number, number];
  const local = DateTime.fromJSDate(at, { zone: schedule.timeZone });
  let due = local.set({ weekday: schedule.weekday as 1 | 2 | 3 | 4 | 5 | 6 | 7, hour, minute, second: 0, millisecond: 0 });
  if (due > local) due = due.minus({ weeks: 1 });
  return due.toJSDate();
}

/** The next time the report is due strictly after `at`. */
export function nextDueTime(schedule: Pick<PostureReportSchedule, 'weekday' | 'time' | 'timeZone'>, at: Date): Date {
  const latest = DateTime.fromJSDate(latestDueTime(schedule, at), { zone: schedule.timeZone });
  return latest.plus({ weeks: 1 }).toJSDate();
}

/**
 * The week a due time belongs to, as the local date it fell on ("2026-12-07"): the key that makes a report go out
 * once per week, whichever instance of the bot gets there first.
 */
export function reportPeriodOf(schedule: Pick<PostureReportSchedule, 'timeZone'>, due: Date): string {
  return DateTime.fromJSDate(due, { zone: schedule.timeZone }).toISODate()!;
}

/**
 * The period to post now, if any: the latest due time, when it came after the report was set up and is not more than
 * REPORT_LATE_MS behind. Whether it was posted already is the store's to say (one claim per period).
 */
export function periodDueAt(schedule: PostureReportSchedule, now: Date): string | undefined {
  const due = latestDueTime(schedule, now);
  if (due.getTime() < schedule.createdAt.getTime()) return undefined;
  if (now.getTime() - due.getTime() > REPORT_LATE_MS) return undefined;
  return reportPeriodOf(schedule, due);
}

/** "every Monday at 09:00 (Europe/London)". */
export function reportScheduleText(schedule: Pick<PostureReportSchedule, 'weekday' | 'time' | 'timeZone'>): string {
  return `every ${WEEKDAY_NAMES[schedule.weekday - 1]} at ${schedule.time} (${schedule.timeZone})`;
}

import { DateTime } from 'luxon';

/**
 * When a nudge may reach someone, in their own wall-clock time: from `startHour` (inclusive) to `endHour`
 * (exclusive, 24 = midnight) on the given ISO weekdays (1 = Monday … 7 = Sunday). Windows do not cross midnight.
 */
export interface SendingHours {
  startHour: number;
  endHour: number;
  weekdays: number[];
}

/** Office hours: a reminder about sign-in security is best read when the person can act on it at work. */
export const DEFAULT_SENDING_HOURS: SendingHours = { startHour: 9, endHour: 17, weekdays: [1, 2, 3, 4, 5] };

const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];
const ALWAYS: SendingHours = { startHour: 0, endHour: 24, weekdays: EVERY_DAY };

// Two weeks: every weekday comes round twice, so a day whose window a DST jump swallows whole
// (a 02:00–03:00 window on a spring-forward day) still leaves the same weekday a week later.
const DAYS_TO_SEARCH = 14;

export function isWithinSendingHours(now: Date, timeZone: string, hours: SendingHours): boolean {
  checkSendingHours(hours);
  return isOpenAt(localTime(now, timeZone), hours);
}

/** `now` if `now` is within the recipient's sending hours in `timeZone`, else the next moment they open. */
export function nextSendingTime(now: Date, timeZone: string, hours: SendingHours): Date {
  checkSendingHours(hours);
  const local = localTime(now, timeZone);
  if (isOpenAt(local, hours)) return now;

  for (let day = 0; day < DAYS_TO_SEARCH; day += 1) {
    const date = local.startOf('day').plus({ days: day });
    if (!hours.weekdays.includes(date.weekday)) continue;
    // Luxon moves a start hour that a spring-forward skips to the first instant after the gap; on a fall-back
    // day the hour happens twice and the window opens at the first of them.
    const opening = DateTime.fromObject({ year: date.year, month: date.month, day: date.day, hour: hours.startHour }, { zone: local.zone })
      .getPossibleOffsets()
      .sort((a, b) => a.toMillis() - b.toMillis())[0];
    if (opening && opening.toMillis() > now.getTime() && isOpenAt(opening, hours)) return opening.toJSDate();
  }
  throw new Error(`Sending hours ${describe(hours)} never open in ${timeZone}.`);
}

/**
 * Reads the sending-hours setting: "09:00-17:00 Mon-Fri", "08-18 Mon,Tue,Thu", "09-17 Sun-Thu" (ranges may wrap
 * past Sunday), or "always". Whole hours only, since windows are compared hour by hour.
 */
export function parseSendingHours(text: string): SendingHours {
  const trimmed = text.trim();
  if (/^always$/i.test(trimmed)) return { ...ALWAYS, weekdays: [...ALWAYS.weekdays] };
  const match = /^(\S+?)\s*-\s*(\S+?)(?:\s+(.*))?$/.exec(trimmed);
  if (!match) {
    throw new Error(`Sending hours "${text}" should look like "09:00-17:00 Mon-Fri", "08-18 Mon,Tue,Thu" or "always".`);
  }
  const [, startText = '', endText = '', daysText = ''] = match;
  const startHour = parseHour(startText, text);
  const endHour = parseHour(endText, text);
  if (startHour >= endHour) {
    throw new Error(`Sending hours "${text}" must start before they end, within one day (end 24:00 for midnight).`);
  }
  if (daysText.trim() === '') throw new Error(`Sending hours "${text}" name no weekdays: add e.g. "Mon-Fri".`);
  const hours = { startHour, endHour, weekdays: parseWeekdays(daysText, text) };
  checkSendingHours(hours);
  return hours;
}

const DAY_NAMES: Record<string, number> = {
  mon: 1,
  monday: 1,
  tue: 2,
  tues: 2,
  tuesday: 2,
  wed: 3,
  wednesday: 3,
  thu: 4,
  thur: 4,
  thurs: 4,
  thursday: 4,
  fri: 5,
  friday: 5,
  sat: 6,
  saturday: 6,
  sun: 7,
  sunday: 7,
};

function parseHour(hourText: string, text: string): number {
  const match = /^(\d{1,2})(?::(\d{2}))?$/.exec(hourText);
  if (!match) throw new Error(`Sending hours "${text}": "${hourText}" is not a time like 09 or 09:00.`);
  if (match[2] !== undefined && match[2] !== '00') {
    throw new Error(`Sending hours "${text}": "${hourText}" is not on the hour; use whole hours such as 09:00.`);
  }
  const hour = Number(match[1]);
  if (hour > 24) throw new Error(`Sending hours "${text}": "${hourText}" is not an hour between 00 and 24.`);
  return hour;
}

function parseWeekdays(daysText: string, text: string): number[] {
  const weekdays: number[] = [];
  for (const part of daysText.split(',').map((item) => item.trim())) {
    const [first, last, ...extra] = part.split('-').map((item) => item.trim());
    if (extra.length > 0) throw new Error(`Sending hours "${text}": "${part}" is not a weekday or a range like Mon-Fri.`);
    const from = weekdayNumber(first ?? '', text);
    const to = last === undefined ? from : weekdayNumber(last, text);
    for (let day = from; ; day = (day % 7) + 1) {
      if (weekdays.includes(day)) throw new Error(`Sending hours "${text}" name ${shortName(day)} more than once.`);
      weekdays.push(day);
      if (day === to) break;
    }
  }
  return weekdays.sort((a, b) => a - b);
}

function weekdayNumber(name: string, text: string): number {
  const day = DAY_NAMES[name.toLowerCase()];
  if (day === undefined) {
    throw new Error(`Sending hours "${text}": "${name}" is not a weekday; use Mon, Tue, Wed, Thu, Fri, Sat or Sun.`);
  }
  return day;
}

function isOpenAt(local: DateTime, hours: SendingHours): boolean {
  return hours.weekdays.includes(local.weekday) && local.hour >= hours.startHour && local.hour < hours.endHour;
}

// The hours may come from anywhere in code, not only from parseSendingHours; a bad one would otherwise
// make nextSendingTime search in vain or send at night.
function checkSendingHours(hours: SendingHours): void {
  const { startHour, endHour, weekdays } = hours;
  const validHours = Number.isInteger(startHour) && Number.isInteger(endHour) && startHour >= 0 && endHour <= 24;
  if (!validHours || startHour >= endHour) {
    throw new RangeError(`Sending hours ${describe(hours)}: need whole hours with 0 <= start < end <= 24.`);
  }
  if (weekdays.length === 0 || !weekdays.every((day) => Number.isInteger(day) && day >= 1 && day <= 7)) {
    throw new RangeError(`Sending hours ${describe(hours)}: need at least one weekday, each 1 (Monday) to 7 (Sunday).`);
  }
}

function localTime(now: Date, timeZone: string): DateTime {
  if (Number.isNaN(now.getTime())) throw new RangeError('Sending hours: "now" is not a valid date.');
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  if (!local.isValid) throw new RangeError(`Sending hours: "${timeZone}" is not a time zone.`);
  return local;
}

function describe(hours: SendingHours): string {
  return `${hours.startHour}-${hours.endHour} on days [${hours.weekdays.join(',')}]`;
}

function shortName(day: number): string {
  return ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][day - 1] ?? String(day);
}

/** Short weekday names by ISO number (1 = Mon … 7 = Sun), as the setting is written. */
export const WEEKDAY_SHORT = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** Sending hours written the way parseSendingHours reads them: "09:00-17:00 Mon-Fri", "08:00-18:00 Mon,Wed", "always". */
export function sendingHoursText(hours: SendingHours): string {
  const days = [...new Set(hours.weekdays)].sort((a, b) => a - b);
  if (hours.startHour === 0 && hours.endHour === 24 && days.length === 7) return 'always';
  const hour = (h: number) => `${String(h).padStart(2, '0')}:00`;
  const contiguous = days.every((day, i) => i === 0 || day === days[i - 1]! + 1);
  const dayText =
    contiguous && days.length > 2
      ? `${WEEKDAY_SHORT[days[0]!]}-${WEEKDAY_SHORT[days[days.length - 1]!]}`
      : days.map((day) => WEEKDAY_SHORT[day]).join(',');
  return `${hour(hours.startHour)}-${hour(hours.endHour)} ${dayText}`;
}

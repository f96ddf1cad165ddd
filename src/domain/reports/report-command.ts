import { IANAZone } from 'luxon';
import { timeOfDayProblem } from '../time-of-day';
import { DEFAULT_REPORT_TIME, WEEKDAY_NAMES } from './posture-report';

/**
 * `report weekly [on <weekday>] [at <HH:MM>] [<time zone>] [in this channel]`, `report off`, or `report` (what is
 * scheduled here). Where the report goes is always the conversation the command was typed in: "in this channel",
 * "here" and the like are read as words, not as a place. A time zone left out is the admin's own (Teams tells it).
 */
export type ReportCommand = { action: 'weekly'; weekday: number; time: string; timeZone?: string } | { action: 'off' } | { action: 'show' };

/** Words that read naturally in the command and change nothing. */
const FILLER = new Set(['on', 'at', 'in', 'this', 'the', 'channel', 'chat', 'here', 'every', 'each', 'please', 'time', 'zone']);

const WEEKDAYS = new Map<string, number>(
  WEEKDAY_NAMES.flatMap((name, index) => [
    [name.toLowerCase(), index + 1],
    [name.slice(0, 3).toLowerCase(), index + 1],
    [`${name.toLowerCase()}s`, index + 1],
  ]),
);

/** The command, or the problem with it in words an admin can act on. */
export function parseReportCommand(rest: string): { command: ReportCommand } | { problem: string } {
  const words = rest.split(/\s+/).filter((word) => word !== '');
  if (words.length === 0) return { command: { action: 'show' } };
  const [first, ...more] = words;
  const action = first!.toLowerCase();
  if (action === 'off' || action === 'stop') {
    return more.length === 0 ? { command: { action: 'off' } } : { problem: '"report off" takes nothing after it.' };
  }
  if (action !== 'weekly') return { problem: `Say "report weekly" to get the posture summary here each week, or "report off" to stop it.` };
  let weekday: number | undefined;
  let time: string | undefined;
  let timeZone: string | undefined;
  for (const word of more) {
    const lower = word.toLowerCase();
    if (FILLER.has(lower)) continue;
    if (WEEKDAYS.has(lower) && weekday === undefined) weekday = WEEKDAYS.get(lower);
    else if (/^\d{1,2}:\d{2}$/.test(word) && time === undefined) time = word.padStart(5, '0');
    else if (IANAZone.isValidZone(word) && timeZone === undefined) timeZone = word;
    else return { problem: `I don't understand "${word}": give a weekday, a time (HH:MM) and a time zone such as Europe/London.` };
  }
  const badTime = time === undefined ? undefined : timeOfDayProblem(time);
  if (badTime) return { problem: badTime };
  return {
    command: {
      action: 'weekly',
      weekday: weekday ?? DEFAULT_REPORT_TIME.weekday,
      time: time ?? DEFAULT_REPORT_TIME.time,
      ...(timeZone ? { timeZone } : {}),
    },
  };
}

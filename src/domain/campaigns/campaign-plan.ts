import { DEFAULT_NUDGE_TARGET, isNudgeTarget, type NudgeTarget } from '../nudges/nudge-target';
import { parseSendingHours } from '../nudges/quiet-hours';
import type { CampaignPlan } from './campaign';
import type { CampaignAudience } from './campaign-audience';
import { DateTime, FixedOffsetZone } from 'luxon';
import { checkSchedule, firstRunFrom, isCalendarDate, runTimes, ScheduleError, type CampaignSchedule } from './campaign-schedule';
import { isGuid } from '../guid';

/** The campaign form's fields as Teams sends them: every input is text (a multi-select is "1,3,5"). */
export type CampaignForm = Partial<Record<(typeof FORM_FIELDS)[number], unknown>>;

export const FORM_FIELDS = [
  'name',
  'gaps',
  'target',
  'scope',
  'departments',
  'groupId',
  'excluded',
  'scheduleKind',
  'date',
  'time',
  'weekdays',
  'endDate',
  'timeZone',
  'window',
  'deadline',
  'maxNudges',
  'escalateAfter',
] as const;

export const PLAN_LIMITS = { name: 80, departments: 50, excluded: 500, maxNudges: 10, escalateAfter: 10 } as const;

/**
 * The form read into a plan, or every problem with it in words the campaign manager can act on. Card data is
 * untrusted: anything unexpected is refused here, never stored. "Start now" becomes a once-schedule at the
 * current minute in the chosen time zone; a schedule with no run left from `now` is refused. What to ask for is
 * always stored (`defaultTarget`, the NUDGE_TARGET setting, when the form leaves it out), so a campaign keeps
 * asking for what it was planned with when the setting changes later.
 */
export function parseCampaignPlan(
  form: CampaignForm,
  now: Date,
  defaultTarget: NudgeTarget = DEFAULT_NUDGE_TARGET,
): { plan: CampaignPlan } | { problems: string[] } {
  const problems: string[] = [];
  // An Input.Number may arrive as a number; anything else that is not text counts as not given.
  const text = (key: keyof CampaignForm) => {
    const value = form[key];
    return typeof value === 'string' ? value.trim() : typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
  };
  const list = (key: keyof CampaignForm) =>
    text(key)
      .split(/[,;\n]+/)
      .map((item) => item.trim())
      .filter(Boolean);

  const name = text('name');
  if (name === '') problems.push('Give the campaign a name.');
  else if (name.length > PLAN_LIMITS.name) problems.push(`Keep the name to ${PLAN_LIMITS.name} characters.`);

  const gaps = text('gaps') || 'both';
  if (!['none', 'weak', 'both', 'phoneOnly', 'missingTarget', 'smtpPassword'].includes(gaps))
    problems.push(
      'Choose who to remind: no MFA, weak methods only, both, those who rely on SMS and voice alone, everyone without what the campaign asks for, or the owners of accounts that send mail with a password.',
    );
  const target = text('target') || defaultTarget;
  if (!isNudgeTarget(target)) problems.push('Choose what to ask for: Microsoft Authenticator, a passkey, or either.');

  let scope: CampaignAudience['scope'] = { kind: 'all' };
  const scopeKind = text('scope') || 'all';
  if (scopeKind === 'departments') {
    const departments = list('departments');
    if (departments.length === 0) problems.push('Name at least one department, or choose everyone.');
    else if (departments.length > PLAN_LIMITS.departments) problems.push(`Name at most ${PLAN_LIMITS.departments} departments.`);
    scope = { kind: 'departments', departments };
  } else if (scopeKind === 'group') {
    const groupId = text('groupId');
    if (!isGuid(groupId)) problems.push('Give the Entra group by its object id (a GUID).');
    scope = { kind: 'group', groupId: groupId.toLowerCase() };
  } else if (scopeKind !== 'all') {
    problems.push('Choose everyone, chosen departments, or an Entra group.');
  }
  const excluded = list('excluded').map((upn) => upn.toLowerCase());
  if (excluded.length > PLAN_LIMITS.excluded) problems.push(`Exclude at most ${PLAN_LIMITS.excluded} people.`);
  if (excluded.some((upn) => !/^[^\s@]+@[^\s@]+$/.test(upn)))
    problems.push('List exclusions as user principal names (name@company.com), separated by commas.');

  const timeZone = text('timeZone');
  const kind = text('scheduleKind') || 'once';
  let schedule: CampaignSchedule | undefined;
  if (timeZone === '') problems.push('Choose the time zone the schedule is in.');
  else if (kind === 'now') {
    const local = DateTime.fromJSDate(now, { zone: timeZone });
    if (local.isValid)
      schedule = { kind: 'once', date: local.toISODate()!, time: local.toFormat('HH:mm'), timeZone: unambiguousZone(local) };
    else problems.push(`"${timeZone}" is not a time zone (use a name such as Europe/London).`);
  } else if (kind === 'once') schedule = { kind: 'once', date: text('date'), time: text('time'), timeZone };
  else if (kind === 'recurring') {
    const weekdays = list('weekdays').map(Number);
    schedule = { kind: 'recurring', weekdays, time: text('time'), timeZone, startDate: text('date'), endDate: text('endDate') };
  } else problems.push('Choose now, once, or recurring.');
  if (schedule) {
    try {
      checkSchedule(schedule);
      if (!firstRunFrom(schedule, now)) problems.push('That schedule has no run left: choose a date and time from now on.');
    } catch (error) {
      if (!(error instanceof ScheduleError)) throw error;
      problems.push(error.message);
    }
  }

  let window;
  try {
    window = parseSendingHours(text('window') || '09:00-17:00 Mon-Fri');
  } catch (error) {
    problems.push((error as Error).message);
  }

  const deadline = text('deadline');
  if (deadline !== '' && !isCalendarDate(deadline)) problems.push('Give the deadline as a date, YYYY-MM-DD, or leave it empty.');

  const maxNudges = wholeNumber(text('maxNudges') || '3');
  if (maxNudges === undefined || maxNudges < 1 || maxNudges > PLAN_LIMITS.maxNudges)
    problems.push(`Nudges per person: a whole number from 1 to ${PLAN_LIMITS.maxNudges}.`);
  // Empty or 0: managers are never told.
  const escalateText = text('escalateAfter') === '0' ? '' : text('escalateAfter');
  const escalateAfter = escalateText === '' ? undefined : wholeNumber(escalateText);
  if (escalateText !== '' && (escalateAfter === undefined || escalateAfter < 1 || escalateAfter > PLAN_LIMITS.escalateAfter)) {
    problems.push(`Escalate after: a whole number from 1 to ${PLAN_LIMITS.escalateAfter} unanswered nudges, or 0 for never.`);
  }

  // The owners' card has its own date (when SMTP AUTH's basic authentication is switched off), and managers are told
  // about unanswered MFA nudges only: refused rather than silently dropped.
  if (gaps === 'smtpPassword' && deadline !== '')
    problems.push('Leave the deadline empty: the card to owners of password senders gives the date SMTP AUTH with a password stops.');
  if (gaps === 'smtpPassword' && escalateAfter !== undefined)
    problems.push('Set "tell their managers" to 0: managers are told about unanswered MFA nudges only.');

  if (problems.length > 0 || !schedule || !window || maxNudges === undefined || !isNudgeTarget(target)) return { problems };
  return {
    plan: {
      name,
      audience: { gaps: gaps as CampaignAudience['gaps'], scope, excluded },
      target,
      schedule,
      window,
      ...(deadline ? { deadline } : {}),
      maxNudgesPerPerson: maxNudges,
      ...(escalateAfter !== undefined ? { escalateAfter } : {}),
    },
  };
}

function wholeNumber(text: string): number | undefined {
  return /^\d{1,4}$/.test(text) ? Number(text) : undefined;
}

/**
 * The zone to write "now" in: the chosen one, except in the hour repeated when clocks go back, where its wall time
 * names two instants and a schedule reads the first. "Now" in the second would then be an hour in the past and the
 * campaign refused ("no run left"), so it is written at the offset in force instead (UTC+1 for Berlin in winter).
 * The schedule's own reading decides, so the two cannot disagree.
 */
function unambiguousZone(local: DateTime): string {
  const [read] = runTimes({ kind: 'once', date: local.toISODate()!, time: local.toFormat('HH:mm'), timeZone: local.zoneName! });
  return read?.getTime() === local.startOf('minute').toMillis() ? local.zoneName! : FixedOffsetZone.instance(local.offset).name;
}

import { isGuid } from '../guid';
import { SMS_VOICE_RETIREMENT } from '../mfa/sms-voice-retirement';
import { parseReportCommand, type ReportCommand } from '../reports/report-command';
import { parseTargetCommand, type TargetCommand } from './target-command';

/**
 * What admins can ask for, independent of how it was typed. The bot parses chat text into these;
 * anything it cannot parse gets the usage help of the command it started with.
 */
export type AdminCommand =
  | { name: 'posture'; scope: { kind: 'tenant' } | { kind: 'byDepartment' } | { kind: 'department'; department: string } }
  | { name: 'unenrolled' | 'weak' | 'phone-only'; department?: string }
  | { name: 'user'; query: string }
  | { name: 'trend'; days: number }
  | { name: 'scan' }
  | { name: 'export' }
  /** Without a filter, the latest entries; `export`: the whole log as a CSV file (never with a filter). */
  | { name: 'audit'; filter?: AuditFilter }
  | { name: 'audit'; export: true }
  /** The tenant's target for strong MFA, set, removed or shown. */
  | ({ name: 'target' } & TargetCommand)
  /** The posture summary posted into this conversation each week (`report weekly …`), stopped, or shown. */
  | ({ name: 'report' } & ReportCommand)
  /** `who` is a UPN (or an Entra object id); `force` overrides the frequency cap and a snooze, not sending hours. */
  | { name: 'nudge'; who: string; force: boolean };

export type AdminCommandName = AdminCommand['name'];

/**
 * Which audit entries to show: `person`, those whose actor (id, name) or subject contains the text (a UPN, part of
 * a name, an id; any case); `campaign`, those about that campaign; `days`, those of the last N days.
 */
export type AuditFilter = { kind: 'person'; text: string } | { kind: 'campaign'; number: number } | { kind: 'days'; days: number };

/** The longest look back `audit <N> days` takes, as for `trend`. */
export const MAX_AUDIT_DAYS = 365;

export interface CommandUsage {
  name: AdminCommandName;
  syntax: string;
  description: string;
  examples: string[];
}

export const ADMIN_COMMANDS: Record<AdminCommandName, CommandUsage> = {
  posture: {
    name: 'posture',
    syntax: 'posture [by department | <department>]',
    description: 'MFA posture of the whole tenant, ranked by department, or of one department.',
    examples: ['posture', 'posture by department', 'posture Finance'],
  },
  unenrolled: {
    name: 'unenrolled',
    syntax: 'unenrolled [department]',
    description: 'People with no MFA method at all (sent to you privately).',
    examples: ['unenrolled', 'unenrolled Sales'],
  },
  weak: {
    name: 'weak',
    syntax: 'weak [department]',
    description: 'People who rely on text messages, voice calls or email only (sent to you privately).',
    examples: ['weak', 'weak Engineering'],
  },
  'phone-only': {
    name: 'phone-only',
    syntax: 'phone-only [department]',
    description: `People whose only MFA is text messages or phone calls, which stop on ${SMS_VOICE_RETIREMENT.stopsOnText} (sent to you privately).`,
    examples: ['phone-only', 'phone-only Sales'],
  },
  user: {
    name: 'user',
    syntax: 'user <name or UPN>',
    description: "One person's MFA status and methods, checked live.",
    examples: ['user adele.vance@contoso.com', 'user Adele'],
  },
  trend: {
    name: 'trend',
    syntax: 'trend [days]',
    description: 'How the share of people with strong MFA moved, over 1 to 365 days (default 30).',
    examples: ['trend', 'trend 90'],
  },
  scan: { name: 'scan', syntax: 'scan', description: "Reads everyone's MFA registration from Microsoft Graph now.", examples: ['scan'] },
  export: {
    name: 'export',
    syntax: 'export',
    description: "A CSV file of everyone's MFA status (personal chat only).",
    examples: ['export'],
  },
  nudge: {
    name: 'nudge',
    syntax: 'nudge <UPN> [force]',
    description:
      'Sends one person an MFA reminder card now, within their sending hours; "force" sends even if they had one recently or snoozed.',
    examples: ['nudge adele.vance@contoso.com', 'nudge adele.vance@contoso.com force'],
  },
  target: {
    name: 'target',
    syntax: 'target [<percent>% by <YYYY-MM-DD> | off]',
    description: 'The share with strong MFA to reach, and by when: posture and trend then show it with the pace needed; "off" removes it.',
    examples: ['target 95% by 2027-03-31', 'target', 'target off'],
  },
  report: {
    name: 'report',
    syntax: 'report [weekly [on <weekday>] [at <HH:MM>] [<time zone>] | off]',
    description:
      'Posts the posture summary into this channel or chat each week (Monday 09:00 in your time zone unless you say otherwise); "off" stops it; alone, says what is scheduled here.',
    examples: ['report weekly', 'report weekly on Tuesday at 08:30 Europe/Paris', 'report off'],
  },
  audit: {
    name: 'audit',
    syntax: 'audit [<person> | campaign <number> | last <days> days | export]',
    description:
      'The latest admin and campaign commands (who, what, about whom, when, where): all, by or about one person, about one campaign, or of the last 1 to 365 days; "export": the whole log as a CSV file (personal chat only).',
    examples: ['audit', 'audit adele.vance@contoso.com', 'audit campaign 3', 'audit last 7 days', 'audit export'],
  },
};

export type ParsedAdminCommand = { ok: true; command: AdminCommand } | { ok: false; usage: CommandUsage; problem: string };

export const DEFAULT_TREND_DAYS = 30;
const UPN = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

export function isAdminCommandName(word: string): word is AdminCommandName {
  return Object.prototype.hasOwnProperty.call(ADMIN_COMMANDS, word);
}

/** `name` is the first word (already lower-cased), `args` the rest as typed. */
export function parseAdminCommand(name: AdminCommandName, args: readonly string[]): ParsedAdminCommand {
  const rest = args.join(' ').trim();
  const refuse = (problem: string): ParsedAdminCommand => ({ ok: false, usage: ADMIN_COMMANDS[name], problem });
  switch (name) {
    case 'posture':
      if (rest === '') return { ok: true, command: { name, scope: { kind: 'tenant' } } };
      if (/^by\s+departments?$/i.test(rest)) return { ok: true, command: { name, scope: { kind: 'byDepartment' } } };
      if (/^by\b/i.test(rest)) return refuse(`"${rest}" is not something I can group by: try "posture by department".`);
      return { ok: true, command: { name, scope: { kind: 'department', department: rest } } };
    case 'unenrolled':
    case 'weak':
    case 'phone-only':
      return { ok: true, command: rest === '' ? { name } : { name, department: rest } };
    case 'user':
      return rest === '' ? refuse('Tell me whose status to show: a name or a UPN.') : { ok: true, command: { name, query: rest } };
    case 'trend': {
      if (rest === '') return { ok: true, command: { name, days: DEFAULT_TREND_DAYS } };
      const days = /^\d{1,3}$/.test(rest) ? Number(rest) : NaN;
      if (!(days >= 1 && days <= 365)) return refuse(`"${rest}" is not a number of days between 1 and 365.`);
      return { ok: true, command: { name, days } };
    }
    case 'nudge': {
      const words = rest.split(/\s+/).filter((word) => word !== '');
      const force = words.some((word) => word.toLowerCase() === 'force');
      const who = words.filter((word) => word.toLowerCase() !== 'force');
      if (who.length === 0) return refuse('Tell me who to remind: their UPN (name@domain).');
      if (who.length > 1) return refuse(`Remind one person at a time, by UPN: "${who.join(' ')}" is more than one word.`);
      const target = who[0]!;
      if (!UPN.test(target) && !isGuid(target)) return refuse(`"${target}" is not a UPN: write it as name@domain.`);
      return { ok: true, command: { name, who: target, force } };
    }
    case 'audit':
      return parseAudit(rest, refuse);
    case 'target': {
      const target = parseTargetCommand(rest);
      return 'problem' in target ? refuse(target.problem) : { ok: true, command: { name, ...target.command } };
    }
    case 'report': {
      const report = parseReportCommand(rest);
      return 'problem' in report ? refuse(report.problem) : { ok: true, command: { name, ...report.command } };
    }
    case 'scan':
    case 'export':
      return rest === '' ? { ok: true, command: { name } } : refuse(`"${name}" takes nothing after it.`);
  }
}

/**
 * "audit", "audit export", "audit campaign 3", "audit 7 days" / "audit last 7 days", or else "audit <person>". Only a
 * number before "days" makes a day filter, so a name that ends in "Day" (Doris Day) is still a person.
 */
function parseAudit(rest: string, refuse: (problem: string) => ParsedAdminCommand): ParsedAdminCommand {
  if (rest === '') return { ok: true, command: { name: 'audit' } };
  if (/^export$/i.test(rest)) return { ok: true, command: { name: 'audit', export: true } };
  if (/^export\s/i.test(rest)) return refuse('"audit export" takes nothing after it: it exports the whole log.');
  const campaign = /^campaign(?:\s+#?(\S+))?$/i.exec(rest);
  if (campaign) {
    const number = /^\d{1,9}$/.test(campaign[1] ?? '') ? Number(campaign[1]) : 0;
    if (number < 1) return refuse('Say which campaign by its number, e.g. "audit campaign 3".');
    return { ok: true, command: { name: 'audit', filter: { kind: 'campaign', number } } };
  }
  const days = /^(?:last\s+(\S+)|([+-]?\d[\d.,]*))\s+days?$/i.exec(rest);
  if (days) {
    const text = days[1] ?? days[2]!;
    const count = /^\d{1,3}$/.test(text) ? Number(text) : NaN;
    if (!(count >= 1 && count <= MAX_AUDIT_DAYS)) return refuse(`"${text}" is not a number of days between 1 and ${MAX_AUDIT_DAYS}.`);
    return { ok: true, command: { name: 'audit', filter: { kind: 'days', days: count } } };
  }
  return { ok: true, command: { name: 'audit', filter: { kind: 'person', text: rest } } };
}

/**
 * Whom or what a command is about, for the audit log beside its shape: the department, the person looked up or nudged
 * (as typed). A security lead must be able to see whose MFA was looked up; the log is shown to admins only.
 */
export function auditSubjectOf(command: AdminCommand): string | undefined {
  switch (command.name) {
    case 'posture':
      return command.scope.kind === 'department' ? `department ${command.scope.department}` : undefined;
    case 'unenrolled':
    case 'weak':
    case 'phone-only':
      return command.department ? `department ${command.department}` : undefined;
    case 'user':
      return command.query;
    case 'nudge':
      return command.who;
    case 'audit':
      // Whom the audit was searched for; a campaign's number or a number of days is in the action already.
      return 'filter' in command && command.filter?.kind === 'person' ? command.filter.text : undefined;
    default:
      return undefined;
  }
}

/** The command as written to the audit log: its shape, not free text that could carry personal data. */
export function describeForAudit(command: AdminCommand): string {
  switch (command.name) {
    case 'posture':
      return command.scope.kind === 'tenant'
        ? 'posture'
        : command.scope.kind === 'byDepartment'
          ? 'posture by department'
          : 'posture <department>';
    case 'unenrolled':
    case 'weak':
    case 'phone-only':
      return command.department ? `${command.name} <department>` : command.name;
    case 'user':
      return 'user <query>';
    case 'trend':
      return `trend ${command.days}`;
    case 'nudge':
      return command.force ? 'nudge <user> force' : 'nudge <user>';
    case 'audit':
      return describeAudit(command);
    case 'report':
      return command.action === 'show' ? 'report' : `report ${command.action}`;
    case 'target':
      return command.action === 'set' ? `target ${command.percent}% by ${command.by}` : command.action === 'off' ? 'target off' : 'target';
    default:
      return command.name;
  }
}

/** A person searched for stays out of the action (it is the entry's subject); a campaign's number or a count of days is no one's data. */
function describeAudit(command: Extract<AdminCommand, { name: 'audit' }>): string {
  if ('export' in command) return 'audit export';
  switch (command.filter?.kind) {
    case undefined:
      return 'audit';
    case 'person':
      return 'audit <person>';
    case 'campaign':
      return `audit campaign ${command.filter.number}`;
    case 'days':
      return `audit ${command.filter.days} days`;
  }
}

import { isGuid } from '../guid';

/**
 * `smtp`: who still sends mail through SMTP AUTH with a password, which Microsoft switches off by default at the end
 * of December 2026. Its own command beside the posture ones, like `policy`, as it reads the sign-in log's findings
 * rather than the registration scan's.
 */
export const SMTP_COMMAND = {
  word: 'smtp',
  syntax: 'smtp [account]',
  description:
    'Who sent mail with a password through SMTP AUTH in the last 30 days, before Microsoft switches it off by default, and who owns each sender; with an address, one account and its ways to OAuth (sent to you privately).',
  examples: ['smtp', 'smtp scanner@contoso.com'],
} as const;

/**
 * Whether text starting with "smtp" is the command rather than a question about SMTP: "smtp" alone, or followed by
 * exactly one address (it has an @) or object id. "smtp auth error 535" stays a question for the knowledge base.
 */
export function isSmtpCommandText(args: readonly string[]): boolean {
  if (args.length === 0) return true;
  return args.length === 1 && (args[0]!.includes('@') || isGuid(args[0]!));
}

export type ParsedSmtpCommand = { ok: true; account?: string } | { ok: false; problem: string };

export function parseSmtpCommand(args: readonly string[]): ParsedSmtpCommand {
  if (args.length === 0) return { ok: true };
  const account = args[0]!.replace(/^<|>$/g, '');
  if (!isSmtpCommandText(args) || account.length > 256) return { ok: false, problem: 'Give one address, e.g. "smtp scanner@contoso.com".' };
  return { ok: true, account };
}

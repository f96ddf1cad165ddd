import { isGuid } from '../guid';

/**
 * `smtp`: who still sends mail through SMTP AUTH with a password, which Microsoft switches off by default at the end
 * of December 2026. Its own command beside the posture ones, like `policy`, as it reads the sign-in log's findings
 * rather than the registration scan's.
 */
export const SMTP_COMMAND = {
  word: 'smtp',
  syntax: 'smtp [address] | smtp nudge <address> [force]',
  description:
    'Who sent mail with a password through SMTP AUTH in the last 30 days, before Microsoft switches it off by default, and who owns each sender; with an address, one account and its ways to OAuth (sent to you privately); "nudge" sends its owner a card in Teams.',
  examples: ['smtp', 'smtp scanner@contoso.com', 'smtp nudge scanner@contoso.com'],
} as const;

/**
 * Whether text starting with "smtp" is the command rather than a question about SMTP: "smtp" alone, or followed by
 * exactly one address (it has an @) or object id. "smtp auth error 535" stays a question for the knowledge base.
 */
export function isSmtpCommandText(args: readonly string[]): boolean {
  if (args.length === 0) return true;
  const [first, , third] = args.map((arg) => arg.toLowerCase());
  if (first === 'nudge') return args.length <= 3 && (third === undefined || third === 'force');
  return args.length === 1 && (first!.includes('@') || isGuid(first!));
}

export type ParsedSmtpCommand = { ok: true; account?: string; nudge?: { force: boolean } } | { ok: false; problem: string };

/** "smtp", "smtp <address>", "smtp nudge <address> [force]". */
export function parseSmtpCommand(args: readonly string[]): ParsedSmtpCommand {
  if (args.length === 0) return { ok: true };
  const nudge = args[0]!.toLowerCase() === 'nudge';
  const account = (nudge ? args[1] : args[0])?.replace(/^<|>$/g, '');
  const named = account !== undefined && (account.includes('@') || (!nudge && isGuid(account)));
  if (!isSmtpCommandText(args) || !named || account.length > 256)
    return {
      ok: false,
      problem: nudge
        ? 'Say whose owner to tell by the address: "smtp nudge scanner@contoso.com".'
        : 'Give one address, e.g. "smtp scanner@contoso.com".',
    };
  return nudge ? { ok: true, account, nudge: { force: args[2]?.toLowerCase() === 'force' } } : { ok: true, account };
}

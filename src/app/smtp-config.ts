import { parseMailboxOwners } from '../domain/smtp/smtp-sender-owner';
import { read, type Env } from './config-reading';

/**
 * SMTP_MAILBOX_OWNERS: who owns shared and service mailboxes that send through SMTP AUTH, when the directory does not
 * say (a shared mailbox rarely has a manager). "scanner@contoso.com=alex@contoso.com, …"; unset, owners come from
 * the directory alone.
 */
export function readMailboxOwners(env: Env, problems: string[]): Map<string, string> {
  const { owners, problems: found } = parseMailboxOwners(read(env, 'SMTP_MAILBOX_OWNERS') ?? '');
  for (const problem of found) problems.push(`SMTP_MAILBOX_OWNERS: ${problem}.`);
  return owners;
}

import type { SmtpSender } from '../domain/smtp/smtp-sender';
import type { SmtpOwner } from '../domain/smtp/smtp-sender-owner';
import { passwordSendersOfPeriod, withOwner, type SmtpReadinessDeps } from './read-smtp-readiness';

/** A person who owns one or more accounts that sent mail with a password in the period, and why them. */
export interface SmtpOwnerOfSenders {
  ownerId: string;
  whyYou: Exclude<SmtpOwner['kind'], 'unknown'>;
  /** Latest seen first. */
  senders: SmtpSender[];
}

/**
 * Every password sender of the last 30 days, grouped by the person who owns it (SMTP_MAILBOX_OWNERS, the person's
 * own mailbox, or a shared mailbox's manager). Senders nobody can be found for are in `ownerless`, to be named.
 */
export async function passwordSendersByOwner(
  deps: SmtpReadinessDeps,
): Promise<{ owners: SmtpOwnerOfSenders[]; ownerless: { sender: SmtpSender; why: string }[] }> {
  const byOwner = new Map<string, SmtpOwnerOfSenders>();
  const ownerless: { sender: SmtpSender; why: string }[] = [];
  for (const sender of await passwordSendersOfPeriod(deps)) {
    const { owner, ownerId } = await withOwner(deps, sender);
    if (owner.kind === 'unknown' || !ownerId) {
      ownerless.push({ sender, why: owner.kind === 'unknown' ? owner.why : 'its configured owner is not in the directory' });
      continue;
    }
    const entry = byOwner.get(ownerId) ?? { ownerId, whyYou: owner.kind, senders: [] };
    entry.senders.push(sender);
    byOwner.set(ownerId, entry);
  }
  return { owners: [...byOwner.values()], ownerless };
}

import type { SmtpSender } from '../domain/smtp/smtp-sender';
import type { SmtpOwner } from '../domain/smtp/smtp-sender-owner';
import { withOwner, type SmtpReadinessDeps } from './read-smtp-readiness';
import { smtpPeriodStart } from './scan-smtp-senders';

/** A person who owns one or more accounts that sent mail with a password in the period, and why them. */
export interface SmtpOwnerOfSenders {
  ownerId: string;
  whyYou: Exclude<SmtpOwner['kind'], 'unknown'>;
  /** Latest seen first. */
  senders: SmtpSender[];
}

/** Senders read per page: the senders of one read are accounts, not events (hundreds in a large tenant). */
const PAGE = 500;

/**
 * Every password sender of the last 30 days, grouped by the person who owns it (SMTP_MAILBOX_OWNERS, the person's
 * own mailbox, or a shared mailbox's manager). Senders nobody can be found for are in `ownerless`, to be named.
 */
export async function passwordSendersByOwner(
  deps: SmtpReadinessDeps,
): Promise<{ owners: SmtpOwnerOfSenders[]; ownerless: { sender: SmtpSender; why: string }[] }> {
  const since = smtpPeriodStart(deps.now());
  const byOwner = new Map<string, SmtpOwnerOfSenders>();
  const ownerless: { sender: SmtpSender; why: string }[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await deps.store.listSmtpSenders({ since, offset, limit: PAGE });
    for (const sender of page) {
      const owned = await withOwner(deps, sender);
      const ownerId = owned.owner.kind === 'unknown' ? undefined : await ownerIdOf(deps, owned.owner);
      if (!ownerId || owned.owner.kind === 'unknown') {
        ownerless.push({ sender, why: owned.owner.kind === 'unknown' ? owned.owner.why : 'its configured owner is not in the directory' });
        continue;
      }
      const entry = byOwner.get(ownerId) ?? { ownerId, whyYou: owned.owner.kind, senders: [] };
      entry.senders.push(sender);
      byOwner.set(ownerId, entry);
    }
    if (page.length < PAGE) break;
  }
  return { owners: [...byOwner.values()], ownerless };
}

async function ownerIdOf(deps: SmtpReadinessDeps, owner: Exclude<SmtpOwner, { kind: 'unknown' }>): Promise<string | undefined> {
  if (owner.kind !== 'configured') return owner.ownerId;
  return (await deps.person(owner.ownerUpn))?.id;
}

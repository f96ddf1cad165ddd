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

export type SmtpOwnersOfPeriod = Awaited<ReturnType<typeof passwordSendersByOwner>>;

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

/**
 * passwordSendersByOwner, worked out once per read of the sign-in log (and at most `maxAgeMs` old, as owners come from
 * the latest posture scan too): a campaign sends one card per owner, and each card needs the owners of every sender.
 */
export function ownersOfLatestRead(deps: SmtpReadinessDeps, maxAgeMs = 60_000): () => Promise<SmtpOwnersOfPeriod> {
  let cached: { read: number; at: number; owners: Promise<SmtpOwnersOfPeriod> } | undefined;
  return async () => {
    const { lastCompleted } = await deps.store.latestSmtpScans();
    const read = lastCompleted?.finishedAt.getTime() ?? 0;
    const now = deps.now().getTime();
    if (!cached || cached.read !== read || now - cached.at > maxAgeMs || now < cached.at) {
      const owners = passwordSendersByOwner(deps);
      const entry = { read, at: now, owners };
      cached = entry;
      // A read that failed is not kept: the next card asks again.
      owners.catch(() => {
        if (cached === entry) cached = undefined;
      });
    }
    return cached.owners;
  };
}

/**
 * The people a campaign for owners of password senders reaches (`ownersOfPeriod`: the owners as the cards then read
 * them, ownersOfLatestRead's, so that a run's start and its cards work them out once): everyone who owns an account that sent mail with a
 * password in the last 30 days; undefined when no read of the sign-in log has completed yet (nobody can be known).
 */
export async function passwordSenderOwnerIds(
  deps: SmtpReadinessDeps,
  ownersOfPeriod: () => Promise<SmtpOwnersOfPeriod> = () => passwordSendersByOwner(deps),
): Promise<string[] | undefined> {
  const { lastCompleted } = await deps.store.latestSmtpScans();
  if (!lastCompleted) return undefined;
  return (await ownersOfPeriod()).owners.map((owner) => owner.ownerId);
}

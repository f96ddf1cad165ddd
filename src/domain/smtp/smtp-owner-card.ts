import { SMTP_BASIC_AUTH_RETIREMENT, smtpBasicAuthCountdown } from './smtp-basic-auth-retirement';
import { smtpMigrationPaths, type SmtpMigrationPath } from './smtp-migration-path';
import type { SmtpSender } from './smtp-sender';

/** At most this many accounts on one owner's card (a card must fit Teams; the admin's `smtp` lists them all). */
export const SMTP_OWNER_CARD_ACCOUNTS = 5;

/** One account the owner is asked about: what the sign-in log saw, and the two ways off the password that fit best. */
export interface SmtpOwnerCardAccount {
  userPrincipalName: string;
  displayName?: string;
  lastSeen: Date;
  signIns: number;
  /** The most recent source address, when the log gave one. */
  address?: string;
  /** The app or device as the log names it; absent when it names none (a printer, a scanner). */
  client?: string;
  /** False when every sign-in failed: a device retrying an old password. */
  succeeded: boolean;
  paths: SmtpMigrationPath[];
}

/**
 * The card a sending account's owner gets in Teams: what was seen, what will happen and when, and what to move to.
 * `whyYou` says why this person is asked (their own mailbox, a mailbox they manage, or one an admin said is theirs).
 */
export interface SmtpOwnerCard {
  kind: 'smtpOwner';
  nudgeId: string;
  /** First name, or the display name when the directory has none. */
  name: string;
  whyYou: 'self' | 'manager' | 'configured';
  accounts: SmtpOwnerCardAccount[];
  /** Accounts left off the card (beyond SMTP_OWNER_CARD_ACCOUNTS). */
  more: number;
  /** "SMTP AUTH with a password is switched off by default at the end of this month (27 days)". */
  headline: string;
  /** What a client still sending with a password gets, and until when an admin can turn it back on. */
  consequence: string;
}

/** The owner's card for these senders (password senders, latest seen first), as of `now`. */
export function smtpOwnerCardFor(
  nudge: { id: string; name: string; whyYou: SmtpOwnerCard['whyYou'] },
  senders: readonly SmtpSender[],
  now: Date,
): SmtpOwnerCard {
  const { refusal, finalRemovalAnnouncedText } = SMTP_BASIC_AUTH_RETIREMENT;
  const shown = senders.slice(0, SMTP_OWNER_CARD_ACCOUNTS);
  return {
    kind: 'smtpOwner',
    nudgeId: nudge.id,
    name: nudge.name,
    whyYou: nudge.whyYou,
    accounts: shown.map((sender) => ({
      userPrincipalName: sender.userPrincipalName,
      ...(sender.displayName ? { displayName: sender.displayName } : {}),
      lastSeen: sender.lastSeen,
      signIns: sender.signIns,
      ...(sender.addresses[0] ? { address: sender.addresses[0] } : {}),
      ...(sender.clients[0] ? { client: sender.clients[0] } : {}),
      succeeded: sender.succeeded,
      paths: smtpMigrationPaths(sender).slice(0, 2),
    })),
    more: senders.length - shown.length,
    headline: smtpBasicAuthCountdown(now).headline,
    consequence:
      `Then mail it sends with a password is refused ("${refusal}") unless an admin turns basic authentication back on, ` +
      `which works only until the final date Microsoft announces in ${finalRemovalAnnouncedText}. A password cannot use MFA either.`,
  };
}

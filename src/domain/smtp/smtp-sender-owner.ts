import type { SmtpSender } from './smtp-sender';

/** What the directory says about the account a sender signs in as (the latest scan's entry), when it knows it. */
export interface SendingAccount {
  id: string;
  displayName: string;
  userPrincipalName: string;
  /** Absent for a shared or service mailbox: Exchange creates them with a display name only. */
  givenName?: string;
  managerId?: string;
}

/**
 * Who is asked to move a sending account off its password, and why them:
 * - 'configured': an owner an admin named for this mailbox (SMTP_MAILBOX_OWNERS), which always wins;
 * - 'self': the account is a person's own (it has a given name): they set up the device or script;
 * - 'manager': a shared or service mailbox (no given name) goes to its manager in the directory;
 * - 'unknown': nobody can be asked (`why` says what to set so somebody can).
 * `ownerUpn` / `ownerId` name the person, by what is known of them.
 */
export type SmtpOwner =
  | { kind: 'configured'; ownerUpn: string }
  | { kind: 'self'; ownerId: string }
  | { kind: 'manager'; ownerId: string }
  | { kind: 'unknown'; why: string };

/**
 * The owner of one sending account. `configuredOwners` maps a mailbox's UPN (lower case) to its owner's UPN.
 * A shared mailbox rarely has a manager: the card then says to set one in Entra or in SMTP_MAILBOX_OWNERS.
 */
export function smtpSenderOwner(
  sender: Pick<SmtpSender, 'accountId' | 'userPrincipalName'>,
  account: SendingAccount | undefined,
  configuredOwners: ReadonlyMap<string, string>,
): SmtpOwner {
  const configured = configuredOwners.get(sender.userPrincipalName.toLowerCase());
  if (configured) return { kind: 'configured', ownerUpn: configured };
  if (!account) return { kind: 'unknown', why: 'the account is not in the latest scan of the directory' };
  if (account.givenName) return { kind: 'self', ownerId: account.id };
  if (account.managerId) return { kind: 'manager', ownerId: account.managerId };
  return {
    kind: 'unknown',
    why: 'a shared or service mailbox with no manager: give it a manager in Entra, or name its owner in SMTP_MAILBOX_OWNERS',
  };
}

/**
 * SMTP_MAILBOX_OWNERS as typed: "scanner@contoso.com=alex@contoso.com, invoicing@contoso.com=pat@contoso.com".
 * Answers the map and the problems found (each pair must be two addresses), by position.
 */
export function parseMailboxOwners(text: string): { owners: Map<string, string>; problems: string[] } {
  const owners = new Map<string, string>();
  const problems: string[] = [];
  const pairs = text
    .split(/[,;\n]/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  for (const [i, pair] of pairs.entries()) {
    const [mailbox, owner, ...rest] = pair.split('=').map((part) => part.trim());
    if (!mailbox || !owner || rest.length > 0 || !ADDRESS.test(mailbox) || !ADDRESS.test(owner)) {
      // Its position, not its text: configuration problems never echo a value.
      problems.push(`pair ${i + 1} is not mailbox=owner (two addresses, e.g. scanner@contoso.com=alex@contoso.com)`);
      continue;
    }
    owners.set(mailbox.toLowerCase(), owner.toLowerCase());
  }
  return { owners, problems };
}

const ADDRESS = /^[^\s@<>"=,;]+@[^\s@<>"=,;]+\.[^\s@<>"=,;]+$/;

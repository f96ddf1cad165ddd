/**
 * One SMTP AUTH sign-in event, as the directory's sign-in log tells it, in our own words. `usedPassword` is false
 * when the event says the client used OAuth, true when it says basic auth, and undefined when the log cannot tell.
 */
export interface SmtpSignIn {
  at: Date;
  accountId: string;
  userPrincipalName: string;
  displayName?: string;
  ipAddress?: string;
  /** The app or device as the log names it (an app registration's name, a client's user agent). */
  client?: string;
  succeeded: boolean;
  usedPassword?: boolean;
}

/** What a scan found per sending account: the unit the `smtp` card, the nudge to the owner and the audience use. */
export interface SmtpSender {
  accountId: string;
  userPrincipalName: string;
  displayName?: string;
  firstSeen: Date;
  lastSeen: Date;
  signIns: number;
  /** Distinct source addresses, most recent first, at most MAX_ADDRESSES. */
  addresses: string[];
  clients: string[];
  /** At least one sign-in succeeded: something is really sending, not only a misconfigured device retrying. */
  succeeded: boolean;
  /** At least one sign-in used a password (basic auth): what stops working. */
  usedPassword: boolean;
  /**
   * The latest sign-in with a password, when there was one: after a card to its owner, a sign-in later than this one
   * (OAuth) is what shows the account moved off the password.
   */
  lastPasswordSeen?: Date;
  /** Every sign-in used OAuth: nothing to move. */
  onlyOAuth: boolean;
}

export const MAX_ADDRESSES = 5;

interface TallyEntry {
  sender: SmtpSender;
  /** Address → the latest time it was seen. */
  addresses: Map<string, number>;
  clients: Set<string>;
}

/**
 * The sign-ins grouped per account as they arrive, page by page: memory grows with the number of sending accounts,
 * never with the number of events (a printer sending every minute is 43,000 events a month and one entry here).
 * Events the log cannot tell apart (basic or OAuth unknown) count as a password: a sender must prove OAuth before
 * MFA Coach stops worrying about it.
 */
export class SmtpSenderTally {
  private readonly byAccount = new Map<string, TallyEntry>();
  private events = 0;

  add(signIns: Iterable<SmtpSignIn>): void {
    for (const event of signIns) this.addOne(event);
  }

  /** How many events were added. */
  get signIns(): number {
    return this.events;
  }

  /** The senders so far, busiest last-seen first. */
  senders(): SmtpSender[] {
    return [...this.byAccount.values()]
      .map(({ sender, addresses, clients }) => ({
        ...sender,
        addresses: [...addresses.entries()]
          .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
          .slice(0, MAX_ADDRESSES)
          .map(([address]) => address),
        clients: [...clients].sort(),
      }))
      .sort((a, b) => b.lastSeen.getTime() - a.lastSeen.getTime() || a.userPrincipalName.localeCompare(b.userPrincipalName));
  }

  private addOne(event: SmtpSignIn): void {
    this.events++;
    const key = event.accountId.toLowerCase();
    let entry = this.byAccount.get(key);
    if (!entry) {
      entry = { sender: newSender(event), addresses: new Map(), clients: new Set() };
      this.byAccount.set(key, entry);
    }
    const { sender } = entry;
    sender.signIns += 1;
    if (event.at < sender.firstSeen) sender.firstSeen = event.at;
    if (event.at > sender.lastSeen) sender.lastSeen = event.at;
    sender.succeeded ||= event.succeeded;
    const password = event.usedPassword !== false;
    sender.usedPassword ||= password;
    if (password && (!sender.lastPasswordSeen || event.at > sender.lastPasswordSeen)) sender.lastPasswordSeen = event.at;
    sender.onlyOAuth &&= !password;
    if (event.ipAddress) entry.addresses.set(event.ipAddress, Math.max(entry.addresses.get(event.ipAddress) ?? 0, event.at.getTime()));
    if (event.client) entry.clients.add(event.client);
  }
}

function newSender(event: SmtpSignIn): SmtpSender {
  return {
    accountId: event.accountId,
    userPrincipalName: event.userPrincipalName,
    ...(event.displayName ? { displayName: event.displayName } : {}),
    firstSeen: event.at,
    lastSeen: event.at,
    signIns: 0,
    addresses: [],
    clients: [],
    succeeded: false,
    usedPassword: false,
    onlyOAuth: true,
  };
}

/** The sign-ins grouped per account, busiest last-seen first (SmtpSenderTally over one list). */
export function groupSmtpSenders(signIns: Iterable<SmtpSignIn>): SmtpSender[] {
  const tally = new SmtpSenderTally();
  tally.add(signIns);
  return tally.senders();
}

import { SMTP_SCANS_KEPT } from '../../src/adapters/storage/sql-smtp-sender-store';
import type { SmtpScan, SmtpSenderCounts, SmtpSenderStore } from '../../src/domain/ports/smtp-sender-store';
import type { SmtpSender } from '../../src/domain/smtp/smtp-sender';

type CompletedScan = SmtpScan & { status: 'completed' };

/**
 * `SmtpSenderStore` in memory, held to the same contract as the SQL store: the reads in save order (the latest few
 * and the last completed one kept), the last completed read's senders, and copies in and out so that nobody changes
 * what is kept behind the store's back.
 */
export class InMemorySmtpSenderStore implements SmtpSenderStore {
  private scans: SmtpScan[] = [];
  private senders: SmtpSender[] = [];

  constructor(private readonly scansKept = SMTP_SCANS_KEPT) {}

  /** How many reads are on record (the history bound is not part of the port; the contract checks it through this). */
  get scansOnRecord(): number {
    return this.scans.length;
  }

  async saveSmtpScan(scan: SmtpScan, senders: readonly SmtpSender[]): Promise<void> {
    if (scan.status === 'completed') {
      // As the SQL store's unique index on lower(account_id) refuses it, before anything changes.
      const accounts = new Set(senders.map((sender) => sender.accountId.toLowerCase()));
      if (accounts.size !== senders.length) throw new Error('Two senders share an account id');
      this.senders = senders.map(copySender);
    }
    this.scans.push(copyScan(scan));
    const lastCompleted = this.lastCompleted();
    const forgotten = this.scans.slice(0, Math.max(0, this.scans.length - this.scansKept));
    this.scans = this.scans.filter((kept) => kept === lastCompleted || !forgotten.includes(kept));
  }

  async latestSmtpScans(): Promise<{ latest?: SmtpScan; lastCompleted?: CompletedScan }> {
    const latest = this.scans.at(-1);
    const lastCompleted = this.lastCompleted();
    return {
      ...(latest ? { latest: copyScan(latest) } : {}),
      ...(lastCompleted ? { lastCompleted: copyScan(lastCompleted) as CompletedScan } : {}),
    };
  }

  async countSmtpSenders(since: Date): Promise<SmtpSenderCounts> {
    const seen = this.senders.filter((sender) => sender.lastSeen >= since);
    return {
      password: seen.filter((sender) => sender.usedPassword).length,
      passwordFailingOnly: seen.filter((sender) => sender.usedPassword && !sender.succeeded).length,
      oauthOnly: seen.filter((sender) => sender.onlyOAuth).length,
    };
  }

  async listSmtpSenders(query: { since: Date; includeOAuth?: boolean; offset: number; limit: number }): Promise<SmtpSender[]> {
    return this.inListOrder((sender) => sender.lastSeen >= query.since && (query.includeOAuth === true || sender.usedPassword)).slice(
      query.offset,
      query.offset + query.limit,
    );
  }

  async findSmtpSenders(text: string, limit: number): Promise<SmtpSender[]> {
    const wanted = text.trim().toLowerCase();
    if (wanted === '') return [];
    return this.inListOrder(
      (sender) =>
        sender.userPrincipalName.toLowerCase().includes(wanted) ||
        (sender.displayName ?? '').toLowerCase().includes(wanted) ||
        sender.accountId.toLowerCase() === wanted,
    ).slice(0, limit);
  }

  async smtpSendersByAccount(accountIds: readonly string[]): Promise<SmtpSender[]> {
    const wanted = new Set(accountIds.map((id) => id.toLowerCase()));
    return this.inListOrder((sender) => wanted.has(sender.accountId.toLowerCase()));
  }

  private lastCompleted(): CompletedScan | undefined {
    return [...this.scans].reverse().find((scan): scan is CompletedScan => scan.status === 'completed');
  }

  /** Latest seen first, then by UPN and account id in any case, compared code unit by code unit (as "C" collation). */
  private inListOrder(keep: (sender: SmtpSender) => boolean): SmtpSender[] {
    return this.senders
      .filter(keep)
      .sort(
        (a, b) =>
          b.lastSeen.getTime() - a.lastSeen.getTime() ||
          byCodeUnits(a.userPrincipalName.toLowerCase(), b.userPrincipalName.toLowerCase()) ||
          byCodeUnits(a.accountId.toLowerCase(), b.accountId.toLowerCase()),
      )
      .map(copySender);
  }
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A copy, without a `displayName` key where there is no name (as a row with a NULL name reads back). */
function copySender({ displayName, lastPasswordSeen, ...sender }: SmtpSender): SmtpSender {
  return {
    ...sender,
    ...(displayName !== undefined ? { displayName } : {}),
    firstSeen: new Date(sender.firstSeen.getTime()),
    lastSeen: new Date(sender.lastSeen.getTime()),
    ...(lastPasswordSeen !== undefined ? { lastPasswordSeen: new Date(lastPasswordSeen.getTime()) } : {}),
    addresses: [...sender.addresses],
    clients: [...sender.clients],
  };
}

function copyScan(scan: SmtpScan): SmtpScan {
  if (scan.status === 'completed') {
    return {
      status: 'completed',
      finishedAt: new Date(scan.finishedAt.getTime()),
      window: { since: new Date(scan.window.since.getTime()), until: new Date(scan.window.until.getTime()) },
      signIns: scan.signIns,
    };
  }
  const { failure } = scan;
  return {
    status: 'unavailable',
    finishedAt: new Date(scan.finishedAt.getTime()),
    failure: failure.reason === 'notPermitted' ? { ...failure, missing: [...failure.missing] } : { ...failure },
  };
}

import type { SmtpSender } from '../smtp/smtp-sender';
import type { SmtpLogUnavailable, SmtpLogWindow } from './smtp-sign-in-log';

/**
 * One read of the sign-in log as it ended: 'completed' with the window it covered and how many events it saw, or
 * 'unavailable' with why (the senders of the last completed read stay as they were).
 */
export type SmtpScan =
  | { status: 'completed'; finishedAt: Date; window: SmtpLogWindow; signIns: number }
  | { status: 'unavailable'; finishedAt: Date; failure: SmtpLogUnavailable };

export interface SmtpSenderCounts {
  /** Accounts that sent with a password (at least once) in the period. */
  password: number;
  /** Of those, accounts where no sign-in succeeded (a device retrying a wrong password). */
  passwordFailingOnly: number;
  /** Accounts that used OAuth only: nothing to move. */
  oauthOnly: number;
}

/**
 * What reads of the sign-in log found per sending account (SQL in production). Each completed read replaces the
 * senders of the previous one; a read that could not happen is recorded beside them, so `smtp` can say both
 * "as of the last read" and "the latest read failed because…".
 */
export interface SmtpSenderStore {
  /** Records a read; `senders` are saved only with a completed one (and replace the previous completed read's). */
  saveSmtpScan(scan: SmtpScan, senders: readonly SmtpSender[]): Promise<void>;
  /** The latest read whatever its outcome, and the latest completed read (the same when the latest completed). */
  latestSmtpScans(): Promise<{ latest?: SmtpScan; lastCompleted?: SmtpScan & { status: 'completed' } }>;
  /** Senders of the last completed read last seen at or after `since`. */
  countSmtpSenders(since: Date): Promise<SmtpSenderCounts>;
  /**
   * Senders of the last completed read last seen at or after `since`, password senders only unless `includeOAuth`,
   * latest seen first (then by UPN), `limit` from `offset`.
   */
  listSmtpSenders(query: { since: Date; includeOAuth?: boolean; offset: number; limit: number }): Promise<SmtpSender[]>;
  /**
   * Senders of the last completed read whose UPN or display name contains `text`, or whose account id is `text`
   * (any case), up to `limit`, in the list's order.
   */
  findSmtpSenders(text: string, limit: number): Promise<SmtpSender[]>;
  /** The senders of the last completed read among these account ids (for one person's status, a campaign's audience). */
  smtpSendersByAccount(accountIds: readonly string[]): Promise<SmtpSender[]>;
}

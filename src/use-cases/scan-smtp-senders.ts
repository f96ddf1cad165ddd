import { SmtpSenderTally } from '../domain/smtp/smtp-sender';
import type { SmtpSenderStore } from '../domain/ports/smtp-sender-store';
import type { SmtpLogUnavailable, SmtpSignInLog } from '../domain/ports/smtp-sign-in-log';

/** How far back a read of the sign-in log goes: the period the `smtp` card, the posture line and the audience speak of. */
export const SMTP_WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;

export interface ScanSmtpSendersDeps {
  log: SmtpSignInLog;
  store: SmtpSenderStore;
  now: () => Date;
}

export type SmtpScanOutcome =
  | { kind: 'completed'; senders: number; passwordSenders: number; signIns: number; pages: number; throttled: number }
  /** The log could not be read (permission, licence, a failure): recorded, and the previous senders kept. */
  | { kind: 'unavailable'; failure: SmtpLogUnavailable };

/**
 * Reads the last 30 days of SMTP AUTH sign-ins, page by page, into one entry per sending account, and stores them in
 * place of the previous read's. Run after each posture scan, so the senders are as fresh as everything else the
 * admin sees. A database failure is thrown: the caller logs it and the previous read stays.
 */
export async function scanSmtpSenders(deps: ScanSmtpSendersDeps): Promise<SmtpScanOutcome> {
  const until = deps.now();
  const window = { since: smtpPeriodStart(until), until };
  const tally = new SmtpSenderTally();
  const read = await deps.log.readSmtpSignIns(window, async (page) => tally.add(page));
  const finishedAt = deps.now();
  if (!read.ok) {
    const { ok: _ok, ...failure } = read;
    await deps.store.saveSmtpScan({ status: 'unavailable', finishedAt, failure }, []);
    return { kind: 'unavailable', failure };
  }
  const senders = tally.senders();
  await deps.store.saveSmtpScan({ status: 'completed', finishedAt, window, signIns: tally.signIns }, senders);
  return {
    kind: 'completed',
    senders: senders.length,
    passwordSenders: senders.filter((sender) => sender.usedPassword).length,
    signIns: tally.signIns,
    pages: read.pages,
    throttled: read.throttled,
  };
}

/** The start of the period "the last 30 days" covers when read at `now`. */
export function smtpPeriodStart(now: Date): Date {
  return new Date(now.getTime() - SMTP_WINDOW_DAYS * DAY_MS);
}

import type { SmtpSignIn } from '../smtp/smtp-sender';

/**
 * Why the sign-in log could not be read, in terms an admin can act on:
 * - 'notPermitted': the app lacks `missing` (grant them and consent);
 * - 'notLicensed': the tenant has no Microsoft Entra ID P1 or P2, which the sign-in log needs through Graph;
 * - 'failed': anything else (`detail` in words fit for an admin, no secrets).
 */
export type SmtpLogUnavailable =
  | { reason: 'notPermitted'; missing: readonly string[]; detail: string }
  | { reason: 'notLicensed'; detail: string }
  | { reason: 'failed'; detail: string };

export type SmtpLogRead = { ok: true; signIns: number; pages: number; throttled: number } | ({ ok: false } & SmtpLogUnavailable);

/** The window a read covers: from `since` to `until`, both included. */
export interface SmtpLogWindow {
  since: Date;
  until: Date;
}

/**
 * The directory's sign-in log, SMTP AUTH client submission only (Microsoft Entra through Graph in production).
 * Events come page by page, as the log serves them: memory holds a page or two, never the month.
 */
export interface SmtpSignInLog {
  readSmtpSignIns(window: SmtpLogWindow, onPage: (signIns: SmtpSignIn[]) => Promise<void>): Promise<SmtpLogRead>;
}

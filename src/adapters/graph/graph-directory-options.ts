import type { RegistrationSource } from '../../domain/ports/directory';
import type { PacerBudget, PacerClock, RequestPacer } from '../request-pacer';
import type { RetryPolicy } from './retry-policy';

/** Where the adapter tells operators about things worth a look (pino's `logger.warn(details, message)` fits). */
export interface DirectoryLog {
  warn(details: Record<string, unknown>, message: string): void;
  info(details: Record<string, unknown>, message: string): void;
}

export interface GraphDirectoryOptions {
  /**
   * 'report' (default): `/reports/authenticationMethods/userRegistrationDetails`, up to 999 users a request; needs
   * Microsoft Entra ID P1/P2 and AuditLog.Read.All. A tenant without P1/P2 (the report answers 403) falls back to
   * 'perUserMethods' for the life of the process, with one warning in the log. 'perUserMethods': each user's methods through `$batch`,
   * for tenants without P1/P2; one request of the reports budget per user, so hours for a large tenant.
   */
  registrationSource?: RegistrationSource;
  /** The reports service budget (default 5 requests per 10 s). A benchmark scales windowMs with its emulator's timeScale. */
  reportsBudget?: PacerBudget;
  /**
   * A pacer shared with other GraphDirectory instances of the same app and tenant (e.g. the turn path's and
   * the jobs'): the budget is per app per tenant, so two pacers would spend it twice. Overrides reportsBudget.
   */
  reportsPacer?: RequestPacer;
  retry?: Partial<RetryPolicy>;
  /** `$top` for collections; default 999. */
  pageSize?: number;
  /**
   * Longest wait for a slot of the reports budget in a single call (currentMethods, registrationSummary); past
   * it the call fails with GraphFailure 'throttled' instead of queueing behind a scan. Default: no limit. For
   * the chat-turn instance, which must answer an Action.Execute within 5 s.
   */
  maxPacerWaitMs?: number;
  /** perUserMethods: users handed to the page handler at a time; default 100. */
  perUserHandOverSize?: number;
  /** Time and randomness, injectable for tests. */
  clock?: PacerClock;
  random?: () => number;
  log?: DirectoryLog;
}

/** How one check came out: it works, it works with a gap the operator should know of, or something stops working. */
export type HealthStatus = 'ok' | 'warn' | 'fail';

/** One line under a check, e.g. one permission and whether it is granted. */
export interface HealthDetail {
  label: string;
  status: HealthStatus;
  text: string;
}

/** What a check found, in plain words for the operator (never a secret: no token, key or connection string). */
export interface HealthResult {
  status: HealthStatus;
  /** One line: what was found. */
  summary: string;
  /** When not ok: what stops working because of it. */
  impact?: string;
  /** When not ok: what to do about it. */
  fix?: string;
  details?: HealthDetail[];
}

/**
 * One thing `doctor` checks: whether MFA Coach can work in this tenant (a Graph permission, a Graph call, the
 * database, the job engine...). A check answers with its finding; it may throw, which the doctor reports as a
 * failure with the error's message.
 */
export interface HealthCheck {
  /** Short and stable, e.g. "Graph permissions", "Database". */
  name: string;
  run(): Promise<HealthResult>;
}

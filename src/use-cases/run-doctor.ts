import { TimeoutError, withTimeout } from '../domain/deadline';
import { messageLine } from '../domain/errors';
import type { HealthCheck, HealthResult, HealthStatus } from '../domain/ports/health-check';

/** Each check's limit: one hung check (a Graph call, a database that does not answer) cannot hang the doctor. */
export const DOCTOR_CHECK_TIMEOUT_MS = 10_000;

/** A check's finding, under its name, and how long it took. */
export interface CheckOutcome extends HealthResult {
  name: string;
  tookMs: number;
}

/** Every check's finding, in the order the checks were given, and what they add up to. */
export interface DoctorReport {
  /** fail when any check fails, else warn when any warns, else ok. */
  status: HealthStatus;
  checks: CheckOutcome[];
  counts: Record<HealthStatus, number>;
  startedAt: Date;
  tookMs: number;
}

export interface DoctorOptions {
  timeoutMs?: number;
  now?: () => Date;
}

/**
 * `doctor`: whether MFA Coach can work in this tenant, and exactly what is missing. The checks run together, each
 * within its limit; a check that throws or does not answer in time is a failure, so the report always comes back.
 */
export async function runDoctor(checks: readonly HealthCheck[], options: DoctorOptions = {}): Promise<DoctorReport> {
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? DOCTOR_CHECK_TIMEOUT_MS;
  const startedAt = now();
  const outcomes = await Promise.all(checks.map((check) => runOne(check, timeoutMs, now)));
  const counts: Record<HealthStatus, number> = { ok: 0, warn: 0, fail: 0 };
  for (const outcome of outcomes) counts[outcome.status]++;
  return { status: overallStatus(outcomes), checks: outcomes, counts, startedAt, tookMs: now().getTime() - startedAt.getTime() };
}

export function overallStatus(results: readonly Pick<HealthResult, 'status'>[]): HealthStatus {
  if (results.some((r) => r.status === 'fail')) return 'fail';
  return results.some((r) => r.status === 'warn') ? 'warn' : 'ok';
}

async function runOne(check: HealthCheck, timeoutMs: number, now: () => Date): Promise<CheckOutcome> {
  const started = now().getTime();
  let result: HealthResult;
  try {
    // Through a promise, so that a check that throws before it returns one is caught here too.
    result = await withTimeout(
      Promise.resolve().then(() => check.run()),
      timeoutMs,
      check.name,
    );
  } catch (error) {
    result = error instanceof TimeoutError ? timedOut(timeoutMs) : threw(error);
  }
  return { name: check.name, ...result, tookMs: now().getTime() - started };
}

function timedOut(timeoutMs: number): HealthResult {
  return {
    status: 'fail',
    summary: `no answer within ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`}`,
    impact: 'what this check covers is hung or very slow, and the bot waits on it too',
    fix: 'run doctor again in a minute; if it still times out, look in the log for this part',
  };
}

function threw(error: unknown): HealthResult {
  return {
    status: 'fail',
    summary: messageLine(error, 300) || 'the check failed without a message',
    fix: 'run doctor again; if it fails the same way, the message above says where to look',
  };
}

/** "7 ok, 1 warning, 0 failing": the report in one line (/readyz, logs). */
export function countsLine(counts: Record<HealthStatus, number>): string {
  return `${counts.ok} ok, ${counts.warn} ${counts.warn === 1 ? 'warning' : 'warnings'}, ${counts.fail} failing`;
}

/** The verdict first, in words an operator reads at a glance. */
export function verdictLine(report: Pick<DoctorReport, 'status' | 'checks' | 'counts'>): string {
  const failing = report.checks.filter((c) => c.status === 'fail').map((c) => c.name);
  switch (report.status) {
    case 'ok':
      return `MFA Coach can work in this tenant: all ${report.checks.length} checks passed.`;
    case 'warn':
      return `MFA Coach can work in this tenant, with ${report.counts.warn} ${report.counts.warn === 1 ? 'warning' : 'warnings'}.`;
    case 'fail':
      return `MFA Coach cannot fully work in this tenant: ${failing.length} ${failing.length === 1 ? 'check fails' : 'checks fail'} (${failing.join(', ')}).`;
  }
}

/**
 * The doctor of a running bot: one run at a time (an admin's `doctor` during the start-up run gets that run's
 * report), and the last report kept for /readyz, which must not send Graph requests each time it is asked.
 */
export class Doctor {
  private last: DoctorReport | undefined;
  private running: Promise<DoctorReport> | undefined;

  constructor(
    private readonly checks: readonly HealthCheck[],
    private readonly options: DoctorOptions = {},
  ) {}

  run(): Promise<DoctorReport> {
    this.running ??= runDoctor(this.checks, this.options)
      .then((report) => {
        this.last = report;
        return report;
      })
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  latest(): DoctorReport | undefined {
    return this.last;
  }

  /** The last report in one line, or "not run yet". */
  summary(): string {
    return this.last ? countsLine(this.last.counts) : 'not run yet';
  }
}

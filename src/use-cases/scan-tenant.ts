import { classifyMethods, type ClassificationPolicy } from '../domain/mfa/mfa-strength';
import type { DirectoryTotals, PostureSnapshot } from '../domain/mfa/posture-counts';
import type { RatePolicy } from '../domain/mfa/rate-policy';
import type { UserRegistration } from '../domain/mfa/user-registration';
import type { Directory, PageWalkStats, RegistrationWalkStats } from '../domain/ports/directory';
import type { ClassifiedRegistration, PostureStore, ScanRun, ScanTrigger } from '../domain/ports/posture-store';
import { adminSafeMessage } from '../domain/admin/admin-safe-message';

export interface ScanTenantDeps {
  directory: Directory;
  store: PostureStore;
  policy: ClassificationPolicy;
  rates: RatePolicy;
  now: () => Date;
  /** The share of enabled members the report must cover (default 0.95); below it the scan fails and the last one stays. */
  minReportCoverage?: number;
}

export const DEFAULT_MIN_REPORT_COVERAGE = 0.95;

export interface ScanStats {
  people: PageWalkStats;
  registrations: RegistrationWalkStats;
  /** Why the directory's own totals could not be read; the scan completed without them. */
  directoryTotalsError?: string;
}

export type ScanOutcome =
  /** Another scan (from this or another bot instance) is running; `run.startedAt` says since when. */
  | { kind: 'alreadyRunning'; run: ScanRun }
  | { kind: 'completed'; run: ScanRun; snapshot: PostureSnapshot; previous?: PostureSnapshot; stats: ScanStats }
  /** `run` is absent only when the scan could not even be recorded (e.g. the database is unreachable). */
  | { kind: 'failed'; run?: ScanRun; error: string };

type Stage = 'starting' | 'reading the directory' | 'reading the MFA registrations' | 'summarizing the results';

/** Which of the two walks running side by side failed, so the admin is told where it broke. */
class StageError extends Error {
  constructor(
    readonly stage: Stage,
    override readonly cause: unknown,
  ) {
    super(stage);
  }
}

/**
 * The directory's own totals, a cross-check beside the scan's counts: worth two requests at the end of a
 * report scan (the per-user mode has no report to summarize), never worth failing the scan for.
 */
async function directoryTotals(directory: Directory): Promise<{ read?: DirectoryTotals; error?: string }> {
  if (!directory.registrationSummary) return {};
  try {
    const { totalUsers, mfaCapable, passwordlessCapable, ssprRegistered } = await directory.registrationSummary();
    return { read: { totalUsers, mfaCapable, passwordlessCapable, ssprRegistered } };
  } catch (error) {
    return { error: adminSafeMessage(error) };
  }
}

function during<T>(stage: Stage, work: Promise<T>): Promise<T> {
  return work.catch((error: unknown) => {
    throw new StageError(stage, error);
  });
}

/**
 * Reads the whole tenant into the posture store: who is in the directory, then everyone's registration,
 * page by page (each page judged by the policy before it is saved), then the summary and snapshot.
 * Nothing is thrown: whatever goes wrong ends as a failed scan with a message an admin can act on,
 * and the state of the previous completed scan stays as it was.
 */
export async function scanTenant(deps: ScanTenantDeps, trigger: ScanTrigger, requestedBy?: string): Promise<ScanOutcome> {
  let stage: Stage = 'starting';
  let run: ScanRun | undefined;
  try {
    const start = await deps.store.startScan(trigger, requestedBy, deps.now());
    if ('running' in start) return { kind: 'alreadyRunning', run: start.running };
    run = start.started;
    const scanId = run.id;
    const [previous] = await deps.store.latestSnapshots(1);

    // The directory and the registration report are different Graph services with separate budgets, so
    // they are read side by side: the paced report walk leaves the directory walk time to fit in.
    let newestRow: Date | undefined;
    const [people, registrations] = await Promise.all([
      during(
        'reading the directory',
        deps.directory.walkPeople((page) => deps.store.savePeople(scanId, page)),
      ),
      during(
        'reading the MFA registrations',
        deps.directory.walkRegistrations(async (page) => {
          newestRow = newest(newestRow, page);
          await deps.store.saveRegistrations(
            scanId,
            page.map((registration) => classify(registration, deps.policy)),
          );
        }),
      ),
    ]);
    stage = 'reading the directory';
    // Completing would forget everyone: far likelier a broken answer than an empty organisation.
    if (people.items === 0) throw new Error('the directory listed no users, so the previous results were kept');

    // The report covers every enabled user, with or without methods: no row at all means no report yet.
    stage = 'reading the MFA registrations';
    if (registrations.items === 0) throw new Error('the directory returned no MFA registrations, so the previous results were kept');

    // A report cut off half-way would show everyone it missed as having no MFA, and campaigns would nudge them.
    const coverage = await deps.store.reportCoverage(scanId);
    const minimum = deps.minReportCoverage ?? DEFAULT_MIN_REPORT_COVERAGE;
    if (coverage.enabledMembers > 0 && coverage.covered / coverage.enabledMembers < minimum) {
      throw new Error(
        `the MFA registrations covered only ${coverage.covered} of the ${coverage.enabledMembers} enabled members ` +
          `(${percent(coverage.covered / coverage.enabledMembers)}, below the ${percent(minimum)} required), so the previous results were kept`,
      );
    }

    stage = 'summarizing the results';
    const totals = registrations.source === 'report' ? await directoryTotals(deps.directory) : {};
    const reportUpdatedAt = registrations.reportUpdatedAt ?? newestRow;
    const completed = await deps.store.completeScan(scanId, deps.now(), {
      ...(reportUpdatedAt ? { reportUpdatedAt } : {}),
      ...(totals.read ? { directoryTotals: totals.read } : {}),
      rates: deps.rates,
    });
    return {
      kind: 'completed',
      run: completed.run,
      snapshot: completed.snapshot,
      ...(previous ? { previous } : {}),
      stats: { people, registrations, ...(totals.error ? { directoryTotalsError: totals.error } : {}) },
    };
  } catch (caught) {
    const error = caught instanceof StageError ? caught.cause : caught;
    const message = `The scan failed while ${caught instanceof StageError ? caught.stage : stage}: ${adminSafeMessage(error)}`;
    if (!run) return { kind: 'failed', error: message };
    const finishedAt = deps.now();
    // Best effort: if the database is what failed, the stale-scan rule ends the run later.
    await deps.store.failScan(run.id, finishedAt, message).catch(() => undefined);
    return { kind: 'failed', run: { ...run, status: 'failed', finishedAt, error: message }, error: message };
  }
}

function percent(share: number): string {
  return `${Math.floor(share * 1000) / 10}%`;
}

function classify(registration: UserRegistration, policy: ClassificationPolicy): ClassifiedRegistration {
  return { ...registration, strength: classifyMethods(registration.methods, policy) };
}

function newest(current: Date | undefined, page: readonly UserRegistration[]): Date | undefined {
  let result = current;
  for (const { reportUpdatedAt } of page) {
    if (reportUpdatedAt && (!result || reportUpdatedAt.getTime() > result.getTime())) result = reportUpdatedAt;
  }
  return result;
}

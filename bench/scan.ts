/**
 * Benchmark: a full tenant scan against the Graph emulator with the documented reports throttle (5 requests
 * per 10 s), through the real pieces: GraphDirectory → scanTenant → SqlPostureStore on PGlite (a data folder).
 * Prints one JSON line.
 *
 *   npm run bench:scan -- --users 100000 [--time-scale 0.25] [--mode report|perUserMethods]
 *                         [--report-options documented|lenient]
 *                         [--database pglite|postgres] [--database-url postgres://…]
 *
 * It runs compiled, under plain Node, as the bot does in production (`npm start`): a TypeScript loader in the
 * measured process would add its own memory to `peak_rss_mb`. `npx tsx bench/scan.ts …` works too.
 *
 * The emulator (and the generated tenant) run in a child process, so `peak_rss_mb` is the scanning process
 * alone: what the bot would need. `--time-scale` shrinks the emulator's throttle window and our pacer's alike
 * (0.25: 10 s → 2.5 s), so the run is short while the request pattern is the real one. Only the waiting
 * shrinks, not the work done for each page (receiving it, writing it to the database): the ratio holds only
 * while that work still fits in a window. On the embedded database it does at 0.25 (ratio within a few per
 * cent of a run at 1, the real throttle) but not at 0.1, where the page work fills the windows and the
 * ratio reflects the database's speed rather than the scan's pacing; docs/benchmarks.md has both.
 *
 * `--report-options`: 'documented' (default) is the registration report as Microsoft documents it, with no `$top`:
 * the bot's one probe is refused and pages hold 100 rows; 'lenient' takes `$select` and `$top=999`. The floor is
 * ten times higher with the first, since it counts requests.
 *
 * Database: PGlite in a data folder (the default, as the bot runs), or a fresh database on a PostgreSQL
 * server (`--database postgres`; the URL from --database-url, DATABASE_URL or the local test server), dropped
 * afterwards. The PGlite folder is created and migrated by a child process first, as a running bot opens an
 * existing folder: initdb runs once in a bot's life, not per scan, and its memory would otherwise be counted.
 * `baseline_rss_mb` is this process with the database open, before the scan; `peak_rss_mb` minus it is what
 * the scan itself added.
 *
 * floor_s is the least time the throttle allows for the reports requests made: with L requests per window W,
 * the first L may go at once and each further L one window later, so the last group cannot start before
 * (ceil(requests / L) − 1) · W · timeScale. It leaves out the time of the requests themselves and everything
 * around them (the /users walk, database writes, the final summary): that is what `ratio` = wall / floor
 * shows for the whole scan; `registrations_ratio` is the same for the paced registration walk alone. The ratio
 * is meaningful when the floor dominates, i.e. when each page's JSON and database work fits inside the gaps the
 * pacer leaves (`pacer_wait_s` is the slack that was left); the `*_s` phase figures show where the rest went:
 * `people_s` (the /users walk, directory service, not throttled) runs beside the registration walk, and
 * `summary_s` (completing the scan: joining, counting, the snapshot) comes on top of the floor.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { GraphEmulatorStats } from '../emulators/graph';
import { createGraphClient } from '../src/adapters/graph/graph-client';
import { GraphDirectory } from '../src/adapters/graph/graph-directory';
import { REPORTS_BUDGET } from '../src/adapters/graph/reports-budget';
import type { Database } from '../src/adapters/storage/database';
import { migrate } from '../src/adapters/storage/migrate';
import { openDatabase } from '../src/adapters/storage/open-database';
import { SqlPostureStore } from '../src/adapters/storage/sql-posture-store';
import { keptPeople } from '../src/domain/mfa/posture-counts';
import { DEFAULT_CLASSIFICATION_POLICY } from '../src/domain/mfa/mfa-strength';
import { DEFAULT_RATE_POLICY } from '../src/domain/mfa/rate-policy';
import type { Directory, RegistrationSource } from '../src/domain/ports/directory';
import { scanTenant } from '../src/use-cases/scan-tenant';
import { demoGraphToken } from '../scripts/demo-graph-token';
import { createFreshPostgresDatabase } from '../test/support/test-database';
import { startEmulatorProcess } from './graph-emulator-process';
import { rssSampler } from './rss-sampler';
import { arg } from './command-line';

/** See above: the shortest window at which the embedded database's page work still fits between requests. */
const DEFAULT_TIME_SCALE = '0.25';

const seconds = (ms: number) => +(ms / 1000).toFixed(3);

/** Child mode: create and migrate a PGlite data folder, as a bot's first start would. */
async function prepareDatabase(): Promise<void> {
  const db = await openDatabase({ dataDir: arg('prepare-database', '') });
  await migrate(db);
  await db.close();
}

/** This script again, in the other mode, compiled or not as this process is. */
function runChild(args: string[]): ChildProcess {
  const script = __filename.endsWith('.ts') ? [require.resolve('tsx/cli'), __filename] : [__filename];
  return spawn(process.execPath, [...script, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
}

/** The database the scan writes to, and how to be rid of it afterwards. */
async function openBenchDatabase(kind: string): Promise<{ db: Database; name: string; dispose(): Promise<void> }> {
  if (kind === 'postgres') {
    process.env.TEST_POSTGRES_URL ??= arg('database-url', process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
    const fresh = await createFreshPostgresDatabase();
    const db = await openDatabase({ url: fresh.url });
    await migrate(db);
    return { db, name: 'postgres', dispose: () => fresh.drop() };
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'mfa-coach-bench-scan-'));
  const child = runChild(['--prepare-database', dataDir]);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`preparing the PGlite data folder failed (${code})`);
  const db = await openDatabase({ dataDir });
  await migrate(db);
  return { db, name: 'pglite', dispose: () => rm(dataDir, { recursive: true, force: true }) };
}

/** The directory, with the time spent in each walk and in its page handlers (the database) measured. */
function timed(directory: Directory) {
  const times = { people_ms: 0, people_db_ms: 0, registrations_ms: 0, registrations_db_ms: 0 };
  const measure = async <T>(run: () => Promise<T>, add: (ms: number) => void): Promise<T> => {
    const started = performance.now();
    try {
      return await run();
    } finally {
      add(performance.now() - started);
    }
  };
  const wrapped: Directory = {
    findPerson: (id) => directory.findPerson(id),
    currentMethods: (id) => directory.currentMethods(id),
    timeZoneOf: (id) => directory.timeZoneOf(id),
    isMemberOfAny: (id, groups) => directory.isMemberOfAny(id, groups),
    holdsAnyRole: (id, roles) => directory.holdsAnyRole(id, roles),
    groupMemberIds: (id) => directory.groupMemberIds(id),
    ...(directory.registrationSummary ? { registrationSummary: () => directory.registrationSummary!() } : {}),
    walkPeople: (onPage) =>
      measure(
        () =>
          directory.walkPeople((page) =>
            measure(
              () => onPage(page),
              (ms) => (times.people_db_ms += ms),
            ),
          ),
        (ms) => (times.people_ms += ms),
      ),
    walkRegistrations: (onPage) =>
      measure(
        () =>
          directory.walkRegistrations((page) =>
            measure(
              () => onPage(page),
              (ms) => (times.registrations_db_ms += ms),
            ),
          ),
        (ms) => (times.registrations_ms += ms),
      ),
  };
  return { directory: wrapped, times };
}

async function emulatorStats(url: string): Promise<GraphEmulatorStats> {
  // Once more on failure: after the long summary phase a pooled connection may have timed out at the server.
  const read = async () => (await (await fetch(`${url}/_emulator/stats`)).json()) as GraphEmulatorStats;
  return read().catch(read);
}

async function main(): Promise<void> {
  if (process.argv.includes('--prepare-database')) return prepareDatabase();
  const users = Number(arg('users', '100000'));
  const timeScale = Number(arg('time-scale', DEFAULT_TIME_SCALE));
  const mode = arg('mode', 'report') as RegistrationSource;
  const databaseKind = arg('database', 'pglite');
  const reportOptions = arg('report-options', 'documented');
  if (
    !(users > 0) ||
    !(timeScale > 0) ||
    !['report', 'perUserMethods'].includes(mode) ||
    !['pglite', 'postgres'].includes(databaseKind) ||
    !['documented', 'lenient'].includes(reportOptions)
  ) {
    throw new Error(
      'usage: npm run bench:scan -- --users 100000 [--time-scale 0.25] [--mode report|perUserMethods] [--report-options documented|lenient] [--database pglite|postgres] [--database-url URL]',
    );
  }

  const emulator = await startEmulatorProcess({ users, timeScale, reportOptions: reportOptions as 'documented' | 'lenient' });
  const database = await openBenchDatabase(databaseKind).catch(async (error: unknown) => {
    emulator.stop();
    throw error;
  });
  const { db } = database;
  const baselineMb = Math.round(process.memoryUsage().rss / 2 ** 20);
  const rss = rssSampler();
  try {
    const budget = { limit: REPORTS_BUDGET.limit, windowMs: REPORTS_BUDGET.windowMs * timeScale };
    const graphDirectory = new GraphDirectory(
      createGraphClient(emulator.url, async () => demoGraphToken('00000000-0000-0000-0000-00000000be0c')),
      { registrationSource: mode, reportsBudget: budget },
    );
    const { directory, times } = timed(graphDirectory);
    const store = new SqlPostureStore(db);

    const started = performance.now();
    const outcome = await scanTenant(
      { directory, store, policy: DEFAULT_CLASSIFICATION_POLICY, rates: DEFAULT_RATE_POLICY, now: () => new Date() },
      'admin',
    );
    const wallMs = performance.now() - started;
    if (outcome.kind !== 'completed')
      throw new Error(`the scan did not complete: ${outcome.kind === 'failed' ? outcome.error : 'another scan is running'}`);

    const stats = await emulatorStats(emulator.url);
    const requests = stats.requestsByService.reports;
    const throttled = stats.throttledByService.reports;
    // A 429 takes no slot in the emulator's window, so only accepted requests bound the time (and a run that
    // hammered into 429s does not get a higher floor, i.e. a flattering ratio, for it).
    const accepted = requests - throttled;
    const floorS = (Math.max(0, Math.ceil(accepted / budget.limit) - 1) * REPORTS_BUDGET.windowMs * timeScale) / 1000;
    const { overall } = outcome.snapshot;
    const stored = keptPeople(overall);
    const { people, registrations } = outcome.stats;
    console.log(
      JSON.stringify({
        bench: 'scan',
        mode,
        report_options: reportOptions,
        users,
        users_stored: stored,
        registrations: registrations.items,
        pages: registrations.pages,
        people_pages: people.pages,
        requests,
        throttled,
        throttled_pct: requests === 0 ? 0 : +((100 * throttled) / requests).toFixed(2),
        directory_requests: stats.requestsByService.directory,
        time_scale: timeScale,
        window_s: (REPORTS_BUDGET.windowMs / 1000) * timeScale,
        floor_s: +floorS.toFixed(3),
        wall_s: seconds(wallMs),
        ratio: floorS === 0 ? null : +(wallMs / 1000 / floorS).toFixed(3),
        registrations_ratio: floorS === 0 ? null : +(times.registrations_ms / 1000 / floorS).toFixed(3),
        registrations_s: seconds(times.registrations_ms),
        registrations_db_s: seconds(times.registrations_db_ms),
        people_s: seconds(times.people_ms),
        people_db_s: seconds(times.people_db_ms),
        // The two walks run side by side; what is left after the longer one is completing the scan.
        summary_s: seconds(wallMs - Math.max(times.people_ms, times.registrations_ms)),
        pacer_wait_s: seconds(graphDirectory.reportsPacer.stats().waitedMs),
        peak_rss_mb: rss.peakMb(),
        at_peak_mb: rss.atPeakMb(),
        baseline_rss_mb: baselineMb,
        database: database.name,
        generate_s: emulator.generate_s,
        cpus: cpus().length,
        mem_gb: Math.round(totalmem() / 2 ** 30),
        node: process.version,
      }),
    );
  } finally {
    rss.stop();
    emulator.stop();
    await db.close();
    await database.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

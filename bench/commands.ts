/**
 * Benchmark: admin commands on a large tenant, end to end (HTTP POST of the Teams activity → the bot → its answer
 * sent to the Connector emulator → 200), each timed over many runs. Prints one JSON line.
 *
 *   npm run bench:commands -- [--users 1000000] [--runs 200] [--export-runs 3] [--database postgres|pglite]
 *                             [--database-url URL] [--time-scale 0.001]
 *
 * The tenant is generated in the Graph emulator's own process and read into the bot's database by a real scan
 * (the registration report with `$top`, its throttle window scaled right down: the scan is not what is measured
 * here, `bench:scan` is). The commands then go to the whole bot, as its admin persona in personal chat:
 * `posture`, `posture by department`, `unenrolled <largest department>` (its first page), the last page of that
 * list (the button an admin presses, an invoke), and `user <a name>` (which also checks the person live in Graph).
 * They take turns, so a slow moment on this shared machine hurts each alike. Teams' rate limits are lifted in the
 * Connector emulator (the answers all go to the admin's one chat, several a second): this measures the bot, not
 * Teams. `export` runs last, a few times: the command, then the download of its file through the link, read to the
 * end; `export_peak_rss_mb` is this process's peak while it ran (the bot, its database client and this script),
 * beside `baseline_rss_mb` before it. `--time-scale` shrinks the seeding scan's throttle window.
 */
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { activityFactory, startConnectorEmulator } from '../emulators/connector';
import { createGraphClient } from '../src/adapters/graph/graph-client';
import { GraphDirectory } from '../src/adapters/graph/graph-directory';
import { REPORTS_BUDGET } from '../src/adapters/graph/reports-budget';
import { SqlPostureStore } from '../src/adapters/storage/sql-posture-store';
import { DEFAULT_CLASSIFICATION_POLICY } from '../src/domain/mfa/mfa-strength';
import { DEFAULT_RATE_POLICY } from '../src/domain/mfa/rate-policy';
import { scanTenant } from '../src/use-cases/scan-tenant';
import { VERBS } from '../src/adapters/bot/cards/verbs';
import { MAX_USER_LIST_PAGE } from '../src/adapters/bot/cards/user-list-card';
import { demoGraphToken } from '../scripts/demo-graph-token';
import { startTestApp, type DatabaseChoice, type TestApp } from '../test/support/app-harness';
import { startEmulatorProcess, type TenantFacts } from './graph-emulator-process';
import { percentile } from './percentile';
import { rssSampler } from './rss-sampler';
import { arg } from './command-line';

/** Scans the generated tenant into the bot's own database, so the commands read what a real scan wrote. */
async function scanInto(harness: TestApp, graphUrl: string, tenantId: string, timeScale: number): Promise<number> {
  const directory = new GraphDirectory(
    createGraphClient(graphUrl, async () => demoGraphToken(tenantId)),
    { registrationSource: 'report', reportsBudget: { limit: REPORTS_BUDGET.limit, windowMs: REPORTS_BUDGET.windowMs * timeScale } },
  );
  const started = performance.now();
  const outcome = await scanTenant(
    {
      directory,
      store: new SqlPostureStore(harness.app.database),
      policy: DEFAULT_CLASSIFICATION_POLICY,
      rates: DEFAULT_RATE_POLICY,
      now: () => new Date(),
    },
    'admin',
  );
  if (outcome.kind !== 'completed') throw new Error(`the scan did not complete: ${outcome.kind === 'failed' ? outcome.error : 'busy'}`);
  return (performance.now() - started) / 1000;
}

type Command = 'posture' | 'posture_by_department' | 'unenrolled_first_page' | 'unenrolled_late_page' | 'user';

/** Each command as the admin sends it: a message, or (the late page) the list card's button. */
function commandActivities(teams: ReturnType<typeof activityFactory>, facts: TenantFacts, lateOffset: number) {
  const admin = { aadObjectId: facts.personaIds.admin, name: 'Admin' };
  const say = (text: string) => () => teams.aMessage({ text, user: admin });
  const firstName = facts.somePerson.displayName.split(' ')[0]!;
  return {
    posture: say('posture'),
    posture_by_department: say('posture by department'),
    unenrolled_first_page: say(`unenrolled ${facts.largestDepartment}`),
    unenrolled_late_page: () =>
      teams.anAdaptiveCardInvoke({
        verb: VERBS.postureUsersPage,
        data: { list: 'unenrolled', department: facts.largestDepartment, offset: lateOffset },
        user: admin,
      }),
    // A first name and the start of a surname: a few people match, as when an admin types part of a name.
    user: say(`user ${firstName} ${facts.somePerson.displayName.slice(firstName.length + 1, firstName.length + 3)}`),
  } satisfies Record<Command, () => object>;
}

async function timeCommands(harness: TestApp, activities: Record<Command, () => object>, runs: number) {
  const times = Object.fromEntries(Object.keys(activities).map((name) => [name, [] as number[]])) as Record<Command, number[]>;
  const names = Object.keys(activities) as Command[];
  for (let run = -5; run < runs; run++) {
    // The first five rounds warm up (JIT, connections, the database's pages) and are not counted.
    for (const name of run % 2 === 0 ? names : [...names].reverse()) {
      const started = performance.now();
      const { status, body } = await harness.post(activities[name]());
      const ms = performance.now() - started;
      if (status !== 200) throw new Error(`${name} answered ${status}: ${body.slice(0, 300)}`);
      if (run >= 0) times[name].push(ms);
    }
  }
  const figures: Record<string, number> = {};
  for (const name of names) {
    const sorted = [...times[name]].sort((a, b) => a - b);
    figures[`${name}_p50_ms`] = +percentile(sorted, 50).toFixed(2);
    figures[`${name}_p99_ms`] = +percentile(sorted, 99).toFixed(2);
  }
  return figures;
}

/** The download link among the bot's answers since the command, as soon as it is there (within 60 s). */
async function linkAmong(answers: () => object[]): Promise<string> {
  const deadline = performance.now() + 60_000;
  for (;;) {
    const link = /https?:\/\/[^"\s]+\/exports\/[A-Za-z0-9_-]+/.exec(JSON.stringify(answers()))?.[0];
    if (link) return link;
    if (performance.now() > deadline) throw new Error(`the export answered no download link: ${JSON.stringify(answers()).slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** `export`, then the download its link offers, read to the end as a browser would; `runs` times. */
async function timeExport(
  harness: TestApp,
  teams: ReturnType<typeof activityFactory>,
  facts: TenantFacts,
  answers: () => object[],
  runs: number,
) {
  const admin = { aadObjectId: facts.personaIds.admin, name: 'Admin' };
  const rss = rssSampler();
  const times: number[] = [];
  let bytes = 0;
  let lines = 0;
  try {
    for (let run = 0; run < runs; run++) {
      const before = answers().length;
      const started = performance.now();
      const { status } = await harness.post(teams.aMessage({ text: 'export', user: admin }));
      if (status !== 200) throw new Error(`export answered ${status}`);
      const link = await linkAmong(() => answers().slice(before));
      const response = await fetch(link, { method: 'POST' });
      if (response.status !== 200 || !response.body) throw new Error(`the download answered ${response.status}`);
      bytes = 0;
      lines = 0;
      for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
        bytes += chunk.length;
        for (const byte of chunk) if (byte === 10) lines++;
      }
      times.push(performance.now() - started);
    }
  } finally {
    rss.stop();
  }
  const sorted = [...times].sort((a, b) => a - b);
  return {
    export_p50_ms: +percentile(sorted, 50).toFixed(0),
    export_p99_ms: +percentile(sorted, 99).toFixed(0),
    export_runs: runs,
    export_mb: +(bytes / 2 ** 20).toFixed(1),
    export_rows: lines - 1,
    export_peak_rss_mb: rss.peakMb(),
  };
}

async function main(): Promise<void> {
  const users = Number(arg('users', '1000000'));
  const runs = Number(arg('runs', '200'));
  const database = arg('database', 'postgres') as DatabaseChoice;
  const timeScale = Number(arg('time-scale', '0.001'));
  if (!(users > 0) || !(runs > 0) || !['postgres', 'pglite'].includes(database) || !(timeScale > 0))
    throw new Error('usage: npm run bench:commands -- [--users 1000000] [--runs 200] [--database postgres|pglite] [--database-url URL]');
  process.env.TEST_POSTGRES_URL ??= arg('database-url', process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');

  const emulator = await startEmulatorProcess({ users, timeScale, reportOptions: 'lenient' });
  const facts = emulator.tenant;
  // Teams' rate limits lifted: one admin's answers go to one chat, several a second, and this measures the bot, not Teams.
  const unlimited = { perSecond: 1e6, per2Seconds: 1e6, per30Seconds: 1e6, per3600Seconds: 1e6 };
  const connector = await startConnectorEmulator({ globalRatePerSecond: 1e6, perConversation: unlimited, log: () => undefined });
  let harness: TestApp | undefined;
  try {
    harness = await startTestApp({
      database,
      tenantId: facts.tenantId,
      graphBaseUrl: emulator.url,
      configure: (c) => ({ ...c, log: { level: 'warn' }, posture: { ...c.posture, adminAllowList: [facts.personaIds.admin] } }),
    });
    const scanS = await scanInto(harness, emulator.url, facts.tenantId, timeScale);
    const [{ total }] = (await harness.app.database.query<{ total: number }>(
      `SELECT count(*)::int AS total FROM current_mfa_users WHERE strength = 'none' AND counts_in_rates AND lower(department) = lower($1)`,
      [facts.largestDepartment],
    )) as [{ total: number }];
    const lateOffset = Math.max(0, Math.floor((total - 1) / MAX_USER_LIST_PAGE) * MAX_USER_LIST_PAGE);
    const teams = activityFactory({ serviceUrl: connector.url, botId: '00000000-0000-0000-0000-00000000b07e', tenantId: facts.tenantId });
    const baselineMb = Math.round(process.memoryUsage().rss / 2 ** 20);
    const commands = await timeCommands(harness, commandActivities(teams, facts, lateOffset), runs);
    const exported = await timeExport(harness, teams, facts, () => connector.activities(), Number(arg('export-runs', '3')));
    console.log(
      JSON.stringify({
        bench: 'commands',
        users,
        database,
        runs,
        scan_s: +scanS.toFixed(1),
        department: facts.largestDepartment,
        unenrolled_in_department: total,
        late_page_offset: lateOffset,
        ...commands,
        ...exported,
        baseline_rss_mb: baselineMb,
        cpus: cpus().length,
        mem_gb: Math.round(totalmem() / 2 ** 30),
        node: process.version,
      }),
    );
  } finally {
    await harness?.stop();
    await connector.close();
    emulator.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

/**
 * Benchmark: one reminder campaign to N people, end to end, at Teams' rate limits, on a PostgreSQL server or on the
 * embedded database. Prints one JSON line.
 *
 *   npm run bench:campaign -- --users 20000 [--rate 100] [--kill-at 0.5 | --instances 2] [--new-chats 0] [--database postgres|pglite]
 *
 * This process runs the Graph and Connector emulators, prepares the database (drops and recreates
 * `mfa_coach_bench` on the server of DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test; with
 * `--database pglite`, a new data folder, which the sending process then opens: one instance, and the run's progress
 * is read through it), and counts what reaches the Connector. The sending is done by separate processes (bench/campaign-worker.ts): the whole bot as
 * it ships (`startApp`), whose job engine starts the run and whose delivery engine sends it through the real SQL
 * store, shared send budget, send-nudge use case and Teams messenger over HTTP.
 *
 * Prepared before the measured part: N enabled members with no MFA (everyone else strong), a real scan through
 * the Graph emulator (reports throttle lifted), and a conversation reference for each recipient, as the bot
 * stores it when Teams tells it of an install: everyone has the app (`--new-chats 0.3` leaves 30% without, so
 * their nudge goes through Graph's proactive install and createConversation first).
 *
 * The Connector emulator enforces the global rate (`--rate`, requests per second for the app, all routes together;
 * Teams' own is 50) and Teams' per-conversation limits, in real time; the bot is configured with the same rate
 * (CAMPAIGN_SEND_RATE). Default 100, 20,000 people in about four minutes: on a 2-vCPU machine that also runs
 * PostgreSQL and the emulators, the bot does not reach much more (docs/benchmarks.md), and above what the machine
 * can do the ratio measures the machine, not the pacing. Modes:
 *   plain: one sending process;
 *   kill (--kill-at 0.5): the sending process is SIGKILLed once half the recipients have their card, and a fresh
 *     one is started on the same database; its claims come back when their lease (60 s) runs out;
 *   instances (--instances 2): that many sending processes share the run.
 *
 * Fields: delivered = distinct recipients whose card the Connector accepted; failed = deliveries recorded failed
 * for good; uncertain = deliveries whose send had started when their process died (never resent), split into
 * those whose card did arrive and those whose did not; lost = recipients with neither a card nor a failed
 * delivery (an uncertain one whose card never arrived is lost); duplicates = cards beyond one per recipient;
 * floor_s = recipients / rate; wall_s = from the run's start (campaign_runs.started_at) to the last card;
 * ratio = wall_s / floor_s; peak_rss_mb = the largest peak RSS of the sending processes (compiled, as the bot runs; `at_peak`
 * says what that peak was made of); heap_after_run = their heap after a full
 * collection once the run is over (against ready_heap: memory kept). The run ends when it is finished, or when
 * nothing is in flight and what is left is due more than a minute later (under chaos: after the run's deadline, since a
 * delivery sent back after a fault comes due again within minutes; `ending` says which).
 *
 * Chaos (`npm run bench:chaos`, i.e. --chaos --users 5000 --instances 2 --kill-at 0.5 --rate 50 [--seed N]): the
 * sending processes reach PostgreSQL and the Connector through fault proxies (test/support/fault-proxy.ts), and
 * bench/chaos-monkey.ts drops, delays and black-holes those connections at random once a second, and has the
 * Connector answer some sends 502/504 after delivering them (or 503 before); the first process is SIGKILLed
 * half-way and replaced. The line adds faults_injected (events, by kind), stuck: deliveries due, or claimed, for
 * over 2 minutes without moving when the run ends, and uncertain_floor: the sends the Connector answered 5xx or
 * whose connection was cut before their answer (fates_unknown), which no sender can know to be delivered or not.
 *
 * Diagnostics, to stderr: BENCH_CAMPAIGN_DEBUG=1 (the app's logs, cards per second, when in the second cards and
 * 429s arrive), BENCH_CAMPAIGN_PROFILE=<dir> (a CPU profile of each sending process).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client } from 'pg';
import type { Activity } from 'botbuilder';
import {
  activityFactory,
  personalConversationId,
  startConnectorEmulator,
  ADAPTIVE_CARD_CONTENT_TYPE,
  type ReceivedRequest,
} from '../emulators/connector';
import { demoPersonas, generateDemoTenant, type DemoTenant, type DemoUser } from '../emulators/demo-tenant';
import { startGraphEmulator } from '../emulators/graph';
import { toStoredReference } from '../src/adapters/bot/conversation-reference-mapper';
import { createGraphClient } from '../src/adapters/graph/graph-client';
import { GraphDirectory } from '../src/adapters/graph/graph-directory';
import type { Database, SqlExecutor } from '../src/adapters/storage/database';
import { catchUpFunnels, tidyFunnels } from '../src/adapters/storage/campaigns/campaign-funnel-upkeep';
import { WHOLE_CAMPAIGN_SQL } from '../src/adapters/storage/migrations/029_campaign_funnel_tallies';
import { migrate } from '../src/adapters/storage/migrate';
import { openDatabase } from '../src/adapters/storage/open-database';
import { sqlCampaignStore } from '../src/adapters/storage/sql-campaign-store';
import { SqlConversationReferenceStore } from '../src/adapters/storage/sql-conversation-reference-store';
import { SqlPostureStore } from '../src/adapters/storage/sql-posture-store';
import { DEFAULT_CLASSIFICATION_POLICY } from '../src/domain/mfa/mfa-strength';
import { DEFAULT_RATE_POLICY } from '../src/domain/mfa/rate-policy';
import { campaignFunnel } from '../src/domain/campaigns/campaign-funnel';
import { listCampaigns, readCampaignReport } from '../src/use-cases/manage-campaigns';
import { scanTenant } from '../src/use-cases/scan-tenant';
import { demoGraphToken } from '../scripts/demo-graph-token';
import type { ParentMessage, WorkerMessage, WorkerSettings } from './campaign-worker';
import { startChaos } from './chaos-monkey';
import { startFaultProxy, type FaultProxy } from '../test/support/fault-proxy';
import { projectFolder } from '../src/adapters/project-folder';
import { arg } from './command-line';

const DATABASE_NAME = 'mfa_coach_bench';
/** The delivery engine's lease (create-app.ts): a dead process's claims come back after it. */
const LEASE_S = 60;

const seconds = (ms: number) => +(ms / 1000).toFixed(3);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Drops and recreates the bench's own database on the server, and migrates it as the bot would. */
async function freshDatabase(serverUrl: string): Promise<{ url: string; db: Database }> {
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE_NAME} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${DATABASE_NAME}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${DATABASE_NAME}`;
  const db = await openDatabase({ url: url.toString() });
  await migrate(db);
  return { url: url.toString(), db };
}

/** A new data folder for the embedded database, migrated as the bot would. */
async function freshDataFolder(): Promise<{ dataDir: string; db: Database }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'mfa-coach-bench-campaign-'));
  const db = await openDatabase({ dataDir });
  await migrate(db);
  return { dataDir, db };
}

/** What the run's progress is read with: the bench's own connection, or a sending process's (see `queryThrough`). */
type Queryable = Pick<Database, 'query'>;

/**
 * Statements run by a sending process on its database, over IPC: the embedded database is opened by one process at a
 * time, so while the bot runs on it, the bench asks the bot. Dates come back as text.
 */
function queryThrough(worker: () => Worker): Queryable {
  let lastId = 0;
  return {
    query: <T>(sql: string, params: unknown[] = []) =>
      new Promise<T[]>((resolve, reject) => {
        const asked = worker();
        const { child } = asked;
        if (asked.killed || child.exitCode !== null || child.signalCode !== null) return reject(new Error('no sending process is running'));
        const id = ++lastId;
        const gone = () => reject(new Error('the sending process exited before it answered'));
        const answer = (message: WorkerMessage) => {
          if (message.type !== 'rows' || message.id !== id) return;
          child.off('message', answer);
          child.off('exit', gone);
          if (message.error) reject(new Error(message.error));
          else resolve(message.rows as T[]);
        };
        child.on('message', answer);
        child.once('exit', gone);
        tell(asked, { type: 'query', id, sql, params });
      }),
  };
}

/** A tenant with at least `recipients` enabled members besides the campaign's owner. */
function tenantFor(recipients: number): { tenant: DemoTenant; owner: DemoUser; chosen: DemoUser[] } {
  for (let total = Math.ceil(recipients * 1.1) + 60; ; total = Math.ceil(total * 1.1)) {
    const tenant = generateDemoTenant({ users: total });
    const owner = demoPersonas(tenant).admin;
    const chosen = tenant.users.filter((u) => u.accountEnabled && u.userType === 'Member' && u.id !== owner.id).slice(0, recipients);
    if (chosen.length === recipients) return { tenant, owner, chosen };
  }
}

interface Worker {
  child: ChildProcess;
  peakRssMb: number;
  readyRssMb: number;
  /** What the peak was made of: the JavaScript heap, memory outside it. */
  atPeakMb: Record<string, number>;
  readyHeapMb: number;
  heapAfterRunMb: number | null;
  engine: { sent: number; later: number; failed: number; skipped: number };
  killed: boolean;
  exited: Promise<void>;
  campaignId: Promise<string>;
}

/** A sending process, ready (its app listening, its engine running) when this resolves. */
async function startWorker(settings: WorkerSettings): Promise<Worker> {
  // Compiled, as the bot runs in production (`npm run bench:campaign` compiles first); through tsx when this file
  // itself runs through it.
  const compiled = extname(__filename) === '.js';
  const child = fork(join(__dirname, `campaign-worker${extname(__filename)}`), [], {
    execArgv: [
      ...(compiled ? [] : ['--import', pathToFileURL(require.resolve('tsx')).href]),
      ...workerNodeFlags(),
      '--expose-gc',
      ...(process.env.BENCH_CAMPAIGN_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CAMPAIGN_PROFILE] : []),
    ],
    env: { ...process.env, BENCH_CAMPAIGN_WORKER: JSON.stringify(settings) },
    // Its stdout is not ours: this process's stdout carries the one JSON line.
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  child.stdout!.pipe(process.stderr);
  let onCampaign: (id: string) => void = () => {};
  const worker: Worker = {
    child,
    peakRssMb: 0,
    readyRssMb: 0,
    atPeakMb: {},
    readyHeapMb: 0,
    heapAfterRunMb: null,
    engine: { sent: 0, later: 0, failed: 0, skipped: 0 },
    killed: false,
    exited: new Promise((resolve) => child.once('exit', () => resolve())),
    campaignId: new Promise((resolve) => (onCampaign = resolve)),
  };
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code, signal) => reject(new Error(`a sending process exited (${code ?? signal}) before it was ready`)));
    child.on('message', (message: WorkerMessage) => {
      if (message.type === 'ready') {
        worker.readyRssMb = message.rssMb;
        worker.readyHeapMb = message.heapUsedMb;
        resolve();
      } else if (message.type === 'memory') {
        worker.peakRssMb = Math.max(worker.peakRssMb, message.peakRssMb);
        worker.atPeakMb = message.atPeakMb;
      } else if (message.type === 'heap') worker.heapAfterRunMb = message.heapUsedMb;
      else if (message.type === 'engine') worker.engine = message;
      else if (message.type === 'campaign') onCampaign(message.campaignId);
    });
  });
  return worker;
}

/** The node flags `npm start` gives the bot (its heap's growth): a sending process runs as the bot does in production. */
/** A sending process's node flags: npm start's, and any added for an experiment (BENCH_CAMPAIGN_WORKER_FLAGS). */
function workerNodeFlags(): string[] {
  return [...nodeFlagsOfStart(), ...(process.env.BENCH_CAMPAIGN_WORKER_FLAGS?.split(' ').filter(Boolean) ?? [])];
}

function nodeFlagsOfStart(): string[] {
  const start = (JSON.parse(readFileSync(join(projectFolder('bench'), '..', 'package.json'), 'utf8')) as { scripts: { start: string } })
    .scripts.start;
  return start.split(/\s+/).filter((word) => word.startsWith('--'));
}

const tell = (worker: Worker, message: ParentMessage) => worker.child.send(message);

async function stopWorker(worker: Worker): Promise<void> {
  if (worker.killed || worker.child.exitCode !== null) return;
  tell(worker, { type: 'stop' });
  const stopped = await Promise.race([worker.exited.then(() => true), sleep(20_000).then(() => false)]);
  if (!stopped) {
    worker.child.kill('SIGKILL');
    await worker.exited;
  }
}

function carriesCardActivity(activity: unknown): boolean {
  const attachments = (activity as { attachments?: { contentType?: string }[] } | undefined)?.attachments ?? [];
  return attachments.some((a) => a.contentType === ADAPTIVE_CARD_CONTENT_TYPE);
}

/** Whether an accepted request carried an adaptive card (a send, or a createConversation with its first activity). */
function carriesCard(request: ReceivedRequest): boolean {
  const body = request.body as
    { attachments?: { contentType?: string }[]; activity?: { attachments?: { contentType?: string }[] } } | undefined;
  const attachments = (request.operation === 'createConversation' ? body?.activity?.attachments : body?.attachments) ?? [];
  return attachments.some((a) => a.contentType === ADAPTIVE_CARD_CONTENT_TYPE);
}

async function main(): Promise<void> {
  const users = Number(arg('users', '20000'));
  const rate = Number(arg('rate', '100'));
  const killAt = process.argv.includes('--kill-at') ? Number(arg('kill-at', '0.5')) : undefined;
  const instances = Number(arg('instances', '1'));
  const newChats = Number(arg('new-chats', '0'));
  const chaos = process.argv.includes('--chaos');
  const seed = Number(arg('seed', String(Date.now() % 1_000_000)));
  const mode = chaos ? 'chaos' : killAt !== undefined ? 'kill' : instances > 1 ? 'instances' : 'plain';
  const database = arg('database', 'postgres');
  const embedded = database === 'pglite';
  if (
    !Number.isInteger(users) ||
    users < 1 ||
    !Number.isInteger(rate) ||
    rate < 1 ||
    rate > 1000 ||
    !Number.isInteger(instances) ||
    instances < 1 ||
    (killAt !== undefined && !(killAt > 0 && killAt < 1)) ||
    (killAt !== undefined && instances > 1 && !chaos) ||
    !['postgres', 'pglite'].includes(database) ||
    // The embedded database serves one bot instance (one process opens its folder).
    (embedded && (instances > 1 || chaos)) ||
    !(newChats >= 0 && newChats <= 1)
  ) {
    throw new Error(
      'usage: npm run bench:campaign -- --users 20000 [--rate 100 (1..1000)] [--kill-at 0.5 | --instances 2] [--new-chats 0..1] [--chaos [--seed N]] [--database postgres|pglite (one instance, no chaos)]',
    );
  }
  const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

  // ---- Preparation (not measured): tenant, emulators, database, scan, conversation references.
  const prepStarted = Date.now();
  const { tenant, owner, chosen } = tenantFor(users);
  const graph = await startGraphEmulator({ tenant, throttle: { reports: null }, logNotImplemented: true });
  const connector = await startConnectorEmulator({ globalRatePerSecond: rate });
  const prepared = embedded ? await freshDataFolder() : await freshDatabase(serverUrl);
  let db = prepared.db;
  const directDatabaseUrl = 'url' in prepared ? prepared.url : undefined;
  const dataDir = 'dataDir' in prepared ? prepared.dataDir : undefined;
  const workers: Worker[] = [];
  // In chaos mode the sending processes reach the database and the Connector through fault proxies; this process
  // keeps its own direct connection for preparing and counting.
  const proxies: FaultProxy[] = [];
  let databaseUrl = directDatabaseUrl;
  let connectorUrl = connector.url;
  if (chaos && directDatabaseUrl) {
    const direct = new URL(directDatabaseUrl);
    const databaseProxy = await startFaultProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    direct.hostname = databaseProxy.host;
    direct.port = String(databaseProxy.port);
    databaseUrl = direct.toString();
    const target = new URL(connector.url);
    const connectorProxy = await startFaultProxy({ host: target.hostname, port: Number(target.port) });
    connectorUrl = `http://${connectorProxy.host}:${connectorProxy.port}`;
    proxies.push(databaseProxy, connectorProxy);
  }
  let monkey: ReturnType<typeof startChaos> | undefined;
  try {
    const recipientIds = new Set(chosen.map((u) => u.id));
    for (const user of tenant.users) {
      if (recipientIds.has(user.id)) graph.state.setMethods(user.id, []);
      else graph.state.enrolAuthenticator(user.id);
    }
    graph.state.refreshReport();
    const scanStarted = Date.now();
    const scan = await scanTenant(
      {
        directory: new GraphDirectory(
          createGraphClient(graph.url, async () => demoGraphToken(tenant.tenantId)),
          { registrationSource: 'report', reportsBudget: { limit: 1000, windowMs: 1000 } },
        ),
        store: new SqlPostureStore(db),
        policy: DEFAULT_CLASSIFICATION_POLICY,
        rates: DEFAULT_RATE_POLICY,
        now: () => new Date(),
      },
      'admin',
    );
    if (scan.kind !== 'completed') throw new Error(`the scan did not complete: ${scan.kind === 'failed' ? scan.error : scan.kind}`);
    const scanMs = Date.now() - scanStarted;

    // Conversation references, as the bot saves them from Teams' installationUpdate: the owner's, and each recipient's
    // but every one in `newChats` (spread evenly), who has never had the app.
    const teams = activityFactory({ serviceUrl: connectorUrl, botId: tenant.botAppId, tenantId: tenant.tenantId });
    const references = new SqlConversationReferenceStore(db);
    const withChat = [owner, ...chosen.filter((_, i) => Math.floor((i + 1) * newChats) === Math.floor(i * newChats))];
    for (let i = 0; i < withChat.length; i += 50) {
      await Promise.all(
        withChat.slice(i, i + 50).map((user) => {
          const activity = teams.anInstallationUpdate({
            action: 'add',
            scope: 'personal',
            user: { aadObjectId: user.id, name: user.displayName },
          });
          return references.save(toStoredReference(activity as unknown as Activity, tenant.tenantId));
        }),
      );
    }

    // ---- Counting at the Connector: every accepted request passes this predicate (it never matches).
    const userOfConversation = new Map(chosen.map((u) => [personalConversationId(tenant.botAppId, u.id), u.id]));
    const cards = new Map<string, number>();
    const ownerConversation = personalConversationId(tenant.botAppId, owner.id);
    let unexpectedCards = 0;
    let summaryCards = 0;
    const perSecond = new Map<number, number>();
    let firstCardAt = 0;
    let lastCardAt = 0;
    let killedAt = 0;
    let onHalf: () => void = () => {};
    const throttledAtMs = new Array<number>(10).fill(0);
    const sentAtMs = new Array<number>(10).fill(0);
    let cardRequests = 0;
    void connector
      .waitFor(
        (request) => {
          if (carriesCard(request)) cardRequests += 1;
          if (process.env.BENCH_CAMPAIGN_DEBUG && request.status === 429) throttledAtMs[Math.floor((request.at % 1000) / 100)]! += 1;
          if (request.status >= 300 || !carriesCard(request)) return false;
          if (process.env.BENCH_CAMPAIGN_DEBUG) sentAtMs[Math.floor((request.at % 1000) / 100)]! += 1;
          const userId = request.conversationId === undefined ? undefined : userOfConversation.get(request.conversationId);
          if (userId === undefined) {
            // The owner's chat gets the run's summary card when it finishes; anything else is unexpected.
            if (request.conversationId === ownerConversation) summaryCards += 1;
            else unexpectedCards += 1;
            return false;
          }
          cards.set(userId, (cards.get(userId) ?? 0) + 1);
          lastCardAt = Date.now();
          if (process.env.BENCH_CAMPAIGN_DEBUG)
            perSecond.set(Math.floor(lastCardAt / 1000), (perSecond.get(Math.floor(lastCardAt / 1000)) ?? 0) + 1);
          firstCardAt ||= lastCardAt;
          if (killAt !== undefined && !killedAt && cards.size >= killAt * users) {
            killedAt = Date.now();
            onHalf();
          }
          return false;
        },
        2 ** 31 - 1,
      )
      .catch(() => undefined);

    const settings: WorkerSettings = {
      ...(databaseUrl ? { databaseUrl } : { dataDir: dataDir! }),
      graphUrl: graph.url,
      connectorUrl,
      tenantId: tenant.tenantId,
      teamsAppId: tenant.teamsAppId,
      rate,
      owner: { id: owner.id, name: owner.displayName },
    };
    // The embedded database is the sending process's from now on; the bench reads the run through it.
    if (embedded) await db.close();
    const live = () => workers.find((w) => !w.killed && w.child.exitCode === null) ?? workers.at(-1)!;
    const during: Queryable = embedded ? queryThrough(live) : db;
    // One at a time: each start checks the database's migrations and pg-boss's schema.
    for (let i = 0; i < instances; i++) workers.push(await startWorker(settings));
    const prepMs = Date.now() - prepStarted;
    const graphBefore = graph.stats().requests;

    // ---- The run.
    let restartMs: number | undefined;
    const restarted = new Promise<void>((resolve) => {
      onHalf = () => {
        const victim = workers[0]!;
        victim.killed = true;
        victim.child.kill('SIGKILL');
        startWorker(settings).then(
          (fresh) => {
            workers.push(fresh);
            restartMs = Date.now() - killedAt;
            resolve();
          },
          (error: unknown) => console.error('the fresh sending process did not start:', error),
        );
      };
    });
    const createdAt = Date.now();
    tell(workers[0]!, { type: 'start' });
    const campaignId = await workers[0]!.campaignId;
    if (chaos) monkey = startChaos({ database: proxies[0]!, connectorProxy: proxies[1]!, connector, sends: () => cardRequests }, seed);

    let run: { id: string; started_at: Date; finished_at: Date | null; status: string; targeted: number } | undefined;
    let ending = 'finished';
    const deadline = Date.now() + (users / rate) * 4 * 1000 + (killAt !== undefined ? LEASE_S * 1000 : 0) + 300_000;
    let nextStallCheck = 0;
    for (;;) {
      await sleep(250);
      // Read through the sending process on the embedded database: none answers while one is being replaced.
      const runs = await during
        .query<NonNullable<typeof run>>('SELECT id, started_at, finished_at, status, targeted FROM campaign_runs WHERE campaign_id = $1', [
          campaignId,
        ])
        .catch((error: unknown) => (embedded ? undefined : Promise.reject(error)));
      if (!runs) continue;
      [run] = runs;
      if (run?.status === 'finished') break;
      if (Date.now() > deadline) {
        ending = 'timed out';
        break;
      }
      if (!run || run.targeted === 0 || Date.now() < nextStallCheck) continue;
      // Looked at every 5 s: reading the deliveries is work on the machine the bot is measured on.
      nextStallCheck = Date.now() + 5000;
      // Nothing in flight and nothing due soon: what is left waits for a later time (a cap, a backoff). Under chaos
      // a delivery sent back after a fault is due again within minutes, and the run waits for it (to the deadline).
      const soonMs = chaos ? Math.max(60_000, deadline - Date.now()) : 60_000;
      const [left = { sending: 1, due_soon: 1 }] = await during
        .query<{ sending: number; due_soon: number }>(
          // Whether any, not how many: at 200,000 deliveries a count four times a second would load the machine the
          // bot is measured on.
          `SELECT EXISTS (SELECT 1 FROM campaign_deliveries WHERE run_id = $1 AND status = 'sending')::int AS sending,
                EXISTS (SELECT 1 FROM campaign_deliveries
                        WHERE run_id = $1 AND status = 'pending' AND due_at < now() + $2 * interval '1 millisecond')::int AS due_soon`,
          [run.id, soonMs],
        )
        .catch((error: unknown) => (embedded ? [] : Promise.reject(error)));
      if (left!.sending === 0 && left!.due_soon === 0 && (killAt === undefined || restartMs !== undefined)) {
        ending = 'stalled: deliveries left pending for later';
        break;
      }
    }
    if (killAt !== undefined) await Promise.race([restarted, sleep(1000)]);
    const chaosCounts = monkey?.stop();
    await sleep(500);
    if (!run) throw new Error('the campaign run never started');
    // Due (or claimed) for over 2 minutes and still not moving: what a wedged sender would leave.
    const [stuckRow] = await during.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM campaign_deliveries WHERE run_id = $1 AND (
         (status = 'pending' AND due_at < now() - interval '2 minutes') OR (status = 'sending' AND lease_until < now() - interval '2 minutes'))`,
      [run.id],
    );

    if (process.env.BENCH_CAMPAIGN_DEBUG) {
      console.error('cards per second:', [...perSecond.values()].join(' '));
      console.error('arrival within the second (100 ms buckets), accepted cards:', sentAtMs.join(' '), '; 429s:', throttledAtMs.join(' '));
    }
    // The run is over and the processes idle: a heap, once collected, well above the ready state's is memory kept.
    const idle = workers.filter((w) => !w.killed);
    for (const worker of idle) tell(worker, { type: 'heap' });
    for (const until = Date.now() + 5000; idle.some((w) => w.heapAfterRunMb === null) && Date.now() < until;) await sleep(50);
    await Promise.all(idle.map(stopWorker));
    // The embedded database is the bench's again.
    if (dataDir) db = await openDatabase({ dataDir });

    // ---- Accounting.
    const rows = await db.query<{ user_id: string; status: string; reason: string | null; attempts: number; due_at: Date }>(
      'SELECT user_id, status, reason, attempts, due_at FROM campaign_deliveries WHERE run_id = $1',
      [run.id],
    );
    // What each person's chat holds, counted from the Connector's own record: a card it delivered and then answered
    // 502/504 (chaos) is there too, though its request was logged as failed.
    if (chaos) {
      cards.clear();
      for (const user of chosen) {
        const held = connector
          .activities(personalConversationId(tenant.botAppId, user.id))
          .filter((a) => carriesCardActivity(a.activity)).length;
        if (held > 0) cards.set(user.id, held);
      }
    }
    const byStatus: Record<string, number> = {};
    const reasons: Record<string, number> = {};
    let lost = 0;
    let uncertainDelivered = 0;
    let uncertainLost = 0;
    for (const row of rows) {
      byStatus[row.status] = (byStatus[row.status] ?? 0) + 1;
      if (row.status !== 'sent' && row.reason) reasons[`${row.status}: ${row.reason}`] = (reasons[`${row.status}: ${row.reason}`] ?? 0) + 1;
      const arrived = cards.has(row.user_id);
      if (row.status === 'uncertain') {
        if (arrived) uncertainDelivered += 1;
        else uncertainLost += 1;
      }
      // Chaos: an uncertain delivery whose card did not arrive is recorded as such (never silently dropped), and
      // bounded on its own; lost is what vanished without a word.
      if (!arrived && row.status !== 'failed' && !(chaos && row.status === 'uncertain')) lost += 1;
    }
    const recipients = rows.length;
    let duplicates = 0;
    for (const count of cards.values()) duplicates += count - 1;
    const [orphans] = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM nudges WHERE source = 'campaign' AND status = 'sending'",
    );
    // What `campaign <id>` and `campaigns` cost once the run is over. The status card reads the funnel's tallies (kept
    // as the run went, by the senders' upkeep); the list shows ten campaigns, so it is timed over this one and nine
    // copies of it (their tallies copied too), against counting each of them from every fact in memory (the list's
    // way before it had its own query).
    const campaigns = sqlCampaignStore(db);
    // What the senders' upkeep had not counted yet when the run ended: the status card counts it before it reads.
    const [uncounted] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM campaign_funnel_changes');
    const statusStart = performance.now();
    const report = await readCampaignReport({ campaigns }, campaignId);
    const statusReadMs = performance.now() - statusStart;
    await copyCampaign(db, campaignId, 9);
    const listStart = performance.now();
    const listed = await listCampaigns({ campaigns }, 10);
    const listReadMs = performance.now() - listStart;
    // Counting every delivery of ten campaigns, as the list did before its own query: skipped past 20,000 people
    // (two million facts in this process's memory would measure this process).
    const byFactsStart = performance.now();
    const countsByFacts = recipientsOf(listed) <= 200_000;
    if (countsByFacts) await Promise.all(listed.map(async ({ campaign }) => campaignFunnel(await campaigns.deliveryFacts(campaign.id))));
    const listByFactsMs = countsByFacts ? performance.now() - byFactsStart : null;
    const connectorStats = connector.stats();
    const graphStats = graph.stats();
    const startedAt = new Date(run.started_at).getTime();
    const floorS = recipients / rate;
    const wallS = lastCardAt ? (lastCardAt - startedAt) / 1000 : null;

    if (chaos) {
      // Sends whose fate the injected Connector faults made unknowable to any sender: answered 5xx, or cut (dropped,
      // black-holed) before their answer. A correct sender records each as uncertain, so uncertain cannot be lower
      // than this floor plus what the killed process had on its way.
      const answered5xx = Object.entries(connectorStats.byStatus)
        .filter(([status]) => Number(status) >= 500)
        .reduce((sum, [, n]) => sum + n, 0);
      const fatesUnknown = { answered_5xx: answered5xx, requests_cut: proxies[1]!.requestsCut };
      console.log(
        JSON.stringify({
          bench: 'chaos',
          ending,
          recipients,
          delivered: cards.size,
          lost,
          duplicates,
          uncertain: byStatus.uncertain ?? 0,
          stuck: stuckRow!.n,
          faults_injected: Object.values(chaosCounts ?? {}).reduce((sum, n) => sum + n, 0),
          wall_s: wallS === null ? null : +wallS.toFixed(3),
          uncertain_floor: fatesUnknown.answered_5xx + fatesUnknown.requests_cut,
          fates_unknown: fatesUnknown,
          failed: byStatus.failed ?? 0,
          uncertain_delivered: uncertainDelivered,
          uncertain_lost: uncertainLost,
          faults: chaosCounts,
          proxy_faults: { database: proxies[0]!.faults, connector: proxies[1]!.faults },
          seed,
          statuses: byStatus,
          reasons,
          unexpected_cards: unexpectedCards,
          orphan_nudges: orphans!.n,
          rate_per_s: rate,
          floor_s: +floorS.toFixed(3),
          ratio: wallS === null ? null : +(wallS / floorS).toFixed(3),
          instances,
          killed_at_s: killedAt ? seconds(killedAt - startedAt) : null,
          restart_s: restartMs === undefined ? null : seconds(restartMs),
          engine_sent_by_process: workers.map((w) => w.engine.sent),
          peak_rss_mb: Math.max(...workers.map((w) => w.peakRssMb)),
          database,
          node: process.version,
          cpus: cpus().length,
          mem_gb: Math.round(totalmem() / 2 ** 30),
        }),
      );
      return;
    }
    console.log(
      JSON.stringify({
        bench: 'campaign',
        mode,
        ending,
        recipients,
        expected_recipients: users,
        delivered: cards.size,
        failed: byStatus.failed ?? 0,
        lost,
        duplicates,
        uncertain: byStatus.uncertain ?? 0,
        uncertain_delivered: uncertainDelivered,
        uncertain_lost: uncertainLost,
        unexpected_cards: unexpectedCards,
        summary_cards: summaryCards,
        statuses: byStatus,
        reasons,
        retried: rows.filter((r) => r.attempts > 1).length,
        orphan_nudges: orphans!.n,
        status_read_ms: Math.round(statusReadMs),
        funnel_changes_uncounted: uncounted!.n,
        status_delivered: report?.total.delivered ?? null,
        list_campaigns: listed.length,
        list_delivered: listed.reduce((sum, { total }) => sum + total.delivered, 0),
        list_read_ms: Math.round(listReadMs),
        list_by_facts_ms: listByFactsMs === null ? null : Math.round(listByFactsMs),
        rate_per_s: rate,
        floor_s: +floorS.toFixed(3),
        wall_s: wallS === null ? null : +wallS.toFixed(3),
        ratio: wallS === null ? null : +(wallS / floorS).toFixed(3),
        run_finished_s: run.finished_at ? seconds(new Date(run.finished_at).getTime() - startedAt) : null,
        start_lag_s: seconds(startedAt - createdAt),
        first_card_s: firstCardAt ? seconds(firstCardAt - startedAt) : null,
        ...(killAt !== undefined
          ? {
              kill_at: killAt,
              killed_at_s: killedAt ? seconds(killedAt - startedAt) : null,
              restart_s: restartMs === undefined ? null : seconds(restartMs),
            }
          : {}),
        restarts: killedAt ? 1 : 0,
        instances,
        new_chats: newChats,
        throttled_429: connectorStats.throttled,
        connector_requests: connectorStats.requests,
        connector_sends: connectorStats.sends,
        peak_sends_per_s: connectorStats.peakSendsPerSecond,
        peak_requests_per_s: connectorStats.peakRequestsPerSecond,
        conversations_created: connectorStats.conversationsCreated,
        graph_requests: graphStats.requests - graphBefore,
        installs: graphStats.requestsByRoute['POST /users/{id}/teamwork/installedApps'] ?? 0,
        engine_sent_by_process: workers.map((w) => w.engine.sent),
        peak_rss_mb: Math.max(...workers.map((w) => w.peakRssMb)),
        memory_by_process_mb: workers.map((w) => ({
          ready_rss: w.readyRssMb,
          peak_rss: w.peakRssMb,
          at_peak: w.atPeakMb,
          ready_heap: w.readyHeapMb,
          heap_after_run: w.heapAfterRunMb,
        })),
        prep_s: seconds(prepMs),
        scan_s: seconds(scanMs),
        worker_node_flags: workerNodeFlags(),
        database,
        node: process.version,
        cpus: cpus().length,
        mem_gb: Math.round(totalmem() / 2 ** 30),
      }),
    );
  } finally {
    monkey?.stop();
    for (const worker of workers) if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGKILL');
    for (const proxy of proxies) await proxy.close();
    await db.close().catch(() => undefined);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    await connector.close();
    await graph.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

const recipientsOf = (listed: { total: { targeted: number } }[]) => listed.reduce((sum, { total }) => sum + total.targeted, 0);

/** A one-run campaign's counted funnel given to its copy (`runId`: the copy's run), and the copy's notes dropped. */
async function copyFunnel(tx: SqlExecutor, campaignId: string, copyId: string, runId: string): Promise<void> {
  await tx.query('DELETE FROM campaign_funnel_changes WHERE campaign_id = $1', [copyId]);
  await tx.query(
    `INSERT INTO campaign_delivery_facts (delivery_id, campaign_id, run_id, user_id, status, reason, due_at, display_name, opened, snoozed, minutes)
     SELECT c.id, $2, $3, f.user_id, f.status, f.reason, f.due_at, f.display_name, f.opened, f.snoozed, f.minutes
     FROM campaign_delivery_facts f JOIN campaign_deliveries c ON c.campaign_id = $2 AND c.user_id = f.user_id WHERE f.campaign_id = $1`,
    [campaignId, copyId, runId],
  );
  await tx.query(
    `INSERT INTO campaign_person_facts (campaign_id, user_id, status, reason, due_at, display_name, opened, snoozed, minutes)
     SELECT $2, user_id, status, reason, due_at, display_name, opened, snoozed, minutes FROM campaign_person_facts WHERE campaign_id = $1`,
    [campaignId, copyId],
  );
  const runOf = `CASE WHEN run_id = ${WHOLE_CAMPAIGN_SQL} THEN run_id ELSE $3 END`;
  await tx.query(
    `INSERT INTO campaign_funnel_groups (campaign_id, run_id, status, reason, people)
     SELECT $2, ${runOf}, status, reason, people FROM campaign_funnel_groups WHERE campaign_id = $1`,
    [campaignId, copyId, runId],
  );
  await tx.query(
    `INSERT INTO campaign_funnel_figures (campaign_id, run_id, targeted, opened, snoozed, enrolled, median_minutes)
     SELECT $2, ${runOf}, targeted, opened, snoozed, enrolled, median_minutes FROM campaign_funnel_figures WHERE campaign_id = $1`,
    [campaignId, copyId, runId],
  );
}

/** `copies` more campaigns with the same run and deliveries (same nudges), for timing the campaign list. */
async function copyCampaign(db: Database, campaignId: string, copies: number): Promise<void> {
  // The copies' funnels are copied as counted, as the upkeep would have kept them while their deliveries came.
  await catchUpFunnels(db, Number.MAX_SAFE_INTEGER, [campaignId]);
  for (let i = 1; i <= copies; i++) {
    await db.transaction(async (tx) => {
      const [copy] = await tx.query<{ id: string }>(
        `INSERT INTO campaigns (name, owner_id, owner_name, plan, status, created_at, updated_at)
         SELECT name || ' (copy ' || $2 || ')', owner_id, owner_name, plan, status, created_at, updated_at FROM campaigns WHERE id = $1 RETURNING id`,
        [campaignId, i],
      );
      const runs = await tx.query<{ id: string; copy_id: string }>(
        `INSERT INTO campaign_runs (campaign_id, scheduled_for, started_at, finished_at, status, targeted)
         SELECT $2, scheduled_for, started_at, finished_at, status, targeted FROM campaign_runs WHERE campaign_id = $1 RETURNING id`,
        [campaignId, copy!.id],
      );
      await tx.query(
        `INSERT INTO campaign_deliveries (run_id, campaign_id, user_id, due_at, status, attempts, send_started_at, reason, nudge_id, finished_at)
         SELECT $3, $2, user_id, due_at, status, attempts, send_started_at, reason, nudge_id, finished_at FROM campaign_deliveries WHERE campaign_id = $1`,
        [campaignId, copy!.id, runs[0]!.id],
      );
      await copyFunnel(tx, campaignId, copy!.id, runs[0]!.id);
    });
  }
  // Each copy noted (and dropped) a change per delivery: tidied as the upkeep tidies after so many.
  await tidyFunnels(db);
  await db.query('ANALYZE');
}

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { PgBossJobEngine } from '../../src/adapters/jobs/pg-boss-job-engine';
import { loadDemoConfig, type AppConfig } from '../../src/app/config';
import { demoGraphToken } from '../../scripts/demo-graph-token';
import { startApp, type AppOverrides, type RunningApp } from '../../src/app/create-app';
import type { SendJobOptions } from '../../src/domain/ports/job-engine';
import { createFreshPostgresDatabase } from './test-database';

export const TEST_TENANT_ID = '0b7d3c4e-5f60-4a1b-9c2d-3e4f5a6b7c8d';
export const OTHER_TENANT_ID = 'f0f0f0f0-1111-4222-8333-444455556666';

export type DatabaseChoice = 'pglite' | 'postgres';

/** Log lines captured in memory, so tests can assert on what the operator would see. */
export class LogCapture extends Writable {
  readonly lines: Record<string, unknown>[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    for (const line of chunk.toString().split('\n').filter(Boolean)) this.lines.push(JSON.parse(line) as Record<string, unknown>);
    done();
  }
  text(): string {
    return this.lines.map((l) => JSON.stringify(l)).join('\n');
  }
}

/** A job the app put in its job engine's queue: what it asked for, and where the job stands now. */
export interface QueuedJob {
  name: string;
  data: Record<string, unknown>;
  /** Not before this time, when the app asked for a later start. */
  startAfter?: Date;
  /** The job's state in the app's own job engine now: created (waiting to run), active, completed, failed… */
  state(): Promise<string | undefined>;
}

const queuedJobListeners = new Set<(job: QueuedJob) => void>();
let listeningToJobEngine = false;

/**
 * Hears every job the app's job engine queues (its `send`, the port the product queues through), once the engine
 * has queued it: the send itself goes through unchanged, and one that a singleton rule kept out queued nothing and
 * is not heard. Answers how to stop listening.
 */
function listenForQueuedJobs(listener: (job: QueuedJob) => void): () => void {
  if (!listeningToJobEngine) {
    listeningToJobEngine = true;
    const send = PgBossJobEngine.prototype.send;
    PgBossJobEngine.prototype.send = async function <T extends object>(
      this: PgBossJobEngine,
      name: string,
      data: T,
      options?: SendJobOptions,
    ): Promise<string | null> {
      const id = await send.call(this, name, data, options);
      if (id !== null) {
        const job: QueuedJob = {
          name,
          data: data as Record<string, unknown>,
          ...(options?.startAfter ? { startAfter: options.startAfter } : {}),
          state: () => this.jobState(name, id),
        };
        for (const heard of queuedJobListeners) heard(job);
      }
      return id;
    };
  }
  queuedJobListeners.add(listener);
  return () => queuedJobListeners.delete(listener);
}

export interface TestApp {
  app: RunningApp;
  config: AppConfig;
  logs: LogCapture;
  post(activity: object, headers?: Record<string, string>): Promise<{ status: number; body: string }>;
  /** The jobs of this queue the app has queued since it started, oldest first (tests run one app at a time). */
  queuedJobs(name: string): QueuedJob[];
  stop(): Promise<void>;
}

/**
 * The whole app in-process, as the demo runs it (anonymous bot, loopback, port 0), on a fresh database:
 * a PGlite data folder in the temp dir, or a new database on the PostgreSQL test server.
 */
export async function startTestApp(options: {
  database: DatabaseChoice;
  /** A database of the test's own (its own server, say) instead of a fresh one on the shared test server. */
  databaseUrl?: string;
  tenantId?: string;
  graphBaseUrl?: string;
  adminGroupIds?: string[];
  /** Graph application permissions the app's token lacks (default: it has every one the README lists). */
  revokedGraphPermissions?: string[];
  configure?: (config: AppConfig) => AppConfig;
  overrides?: AppOverrides;
}): Promise<TestApp> {
  const base = loadDemoConfig(
    { PORT: '0', LOG_LEVEL: 'info' },
    {
      tenantId: options.tenantId ?? TEST_TENANT_ID,
      graphBaseUrl: options.graphBaseUrl ?? 'http://127.0.0.1:9',
      adminGroupIds: options.adminGroupIds ?? [],
      graphToken: demoGraphToken(options.tenantId ?? TEST_TENANT_ID, options.revokedGraphPermissions),
    },
  );
  let cleanup: () => Promise<void>;
  let database: AppConfig['database'];
  if (options.databaseUrl) {
    database = { url: options.databaseUrl, dataDir: '' };
    cleanup = async () => {};
  } else if (options.database === 'postgres') {
    const fresh = await createFreshPostgresDatabase();
    database = { url: fresh.url, dataDir: '' };
    cleanup = fresh.drop;
  } else {
    const dir = await mkdtemp(join(tmpdir(), 'mfa-coach-app-'));
    database = { dataDir: join(dir, 'data') };
    cleanup = () => rm(dir, { recursive: true, force: true });
  }
  // Tests scan when they mean to: no scan on start unless asked.
  const config = (options.configure ?? ((c) => c))({ ...base, database, posture: { ...base.posture, scanOnStart: false } });
  const logs = new LogCapture();
  const queued: QueuedJob[] = [];
  const stopListening = listenForQueuedJobs((job) => queued.push(job));
  // No test waits in real time for Teams to open a chat after an install (2 s, 4 s… up to a minute in production).
  const noWaits = { chatAfterInstall: { sleep: async () => {} } };
  const app = await startApp(config, { logDestination: logs, ...noWaits, ...options.overrides }).catch((error: unknown) => {
    stopListening();
    throw error;
  });
  return {
    app,
    config,
    logs,
    async post(activity, headers = {}) {
      const response = await fetch(`${app.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(activity),
      });
      return { status: response.status, body: await response.text() };
    },
    queuedJobs: (name) => queued.filter((job) => job.name === name),
    async stop() {
      await app.stop({ timeoutMs: 5000 });
      stopListening();
      await cleanup();
    },
  };
}

/** PGlite always; the PostgreSQL server too when one answered at the start of the run. */
export function databaseChoices(): DatabaseChoice[] {
  return process.env.TEST_POSTGRES_URL ? ['pglite', 'postgres'] : ['pglite'];
}

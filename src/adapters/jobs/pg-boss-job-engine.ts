import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import PgBoss from 'pg-boss';
// pg-boss's own statements, to recognise the two it fires without awaiting (see executeSql).
import * as pgBossPlans from 'pg-boss/src/plans';
import pino from 'pino';
import type { BatchWorkOptions, Job, JobEngine, SendJobOptions, WorkOptions } from '../../domain/ports/job-engine';
import { definedOnly, toPgBossSendOptions } from './pg-boss-options';
import type { Database, SqlExecutor } from '../storage/database';
import { messageOf } from '../../domain/errors';
import { withCorrelation } from '../log-correlation';

/**
 * What the statements that mark jobs done or failed answer when they changed nothing: pg-boss reads `rows[0].count`
 * from it (manager.js, mapCommandResponse), so an empty answer would be a TypeError in a promise nobody awaits.
 */
const NOTHING_SETTLED = { rows: [{ count: '0' }] };

export interface JobEngineLogger {
  error(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/** Names as pg-boss 10 spells them (see its types.d.ts); its defaults apply when left out. */
export interface PgBossJobEngineOptions {
  /** How often an idle worker polls for jobs; pg-boss `pollingIntervalSeconds` (≥ 0.5, default 2). */
  pollingIntervalSeconds?: number;
  /** How often schedules are checked for being due; pg-boss `cronMonitorIntervalSeconds` (1–45, default 30). */
  cronMonitorIntervalSeconds?: number;
  /** How often due schedules become jobs; pg-boss `cronWorkerIntervalSeconds` (1–45, default 5). */
  cronWorkerIntervalSeconds?: number;
  /** Database schema of pg-boss's tables (default `pgboss`). */
  schema?: string;
  logger?: JobEngineLogger;
  /** Told the name of each job whose handler failed, for the operator's figures. */
  observeFailure?: (job: string) => void;
}

export interface StopOptions {
  /**
   * true: let running jobs finish (up to timeoutMs), then release the rest; false: release running jobs at
   * once (they are failed and retried, here after a restart or on another instance). Either way stop() then
   * waits, up to timeoutMs, for handlers still running in this process, so nothing of this engine uses the
   * database after stop() resolves.
   */
  graceful: boolean;
  timeoutMs: number;
}

export interface ScheduleInfo {
  name: string;
  cron: string;
  timeZone: string;
}

type EngineState = 'new' | 'starting' | 'started' | 'stopping' | 'stopped';

/**
 * The job engine on pg-boss 10, on the application's own database in both modes.
 *
 * pg-boss gets a `db` adapter instead of its own pool: on PGlite that is the only way in (one connection,
 * shared through the database's mutex), and on a server it lets stop() wait for every query pg-boss still
 * has in flight, so nothing touches the database after stop() resolves.
 * Scripts without parameters (pg-boss sends multi-statement ones) go through `execRows`.
 *
 * On PGlite a transaction holds the only connection, so send() inside `db.transaction(fn)` fails fast;
 * sendInTransaction(tx, …) is the way to queue a job from inside one (and is atomic with it on both engines).
 * Register workers and schedules after start().
 */
export class PgBossJobEngine implements JobEngine {
  private readonly boss: PgBoss;
  private readonly logger: JobEngineLogger;
  private readonly queues = new Map<string, Promise<void>>();
  /** Handlers and pg-boss queries in flight; stop() waits for them. */
  private readonly inFlight = new Set<Promise<unknown>>();
  private state: EngineState = 'new';
  private stopping: Promise<void> | undefined;
  /** pg-boss completes and fails jobs without awaiting the query: a failure there would crash the process. */
  private readonly unawaited: ReadonlySet<string>;
  private readonly observeFailure: ((job: string) => void) | undefined;

  constructor(
    private readonly db: Database,
    options: PgBossJobEngineOptions = {},
  ) {
    this.observeFailure = options.observeFailure;
    this.logger = options.logger ?? pino({ name: 'jobs' });
    const schema = options.schema ?? 'pgboss';
    this.unawaited = new Set([pgBossPlans.completeJobs(schema), pgBossPlans.failJobsById(schema)]);
    this.boss = new PgBoss({
      db: { executeSql: (text: string, values?: unknown[]) => this.track(this.executeSql(text, values)) },
      ...definedOnly({
        schema: options.schema,
        pollingIntervalSeconds: options.pollingIntervalSeconds,
        cronMonitorIntervalSeconds: options.cronMonitorIntervalSeconds,
        cronWorkerIntervalSeconds: options.cronWorkerIntervalSeconds,
      }),
    });
    // pg-boss reports background failures (polling, maintenance, cron) as events; unheard, an 'error'
    // event would crash the process.
    this.boss.on('error', (error) => this.logger.error({ err: error }, 'job engine error'));
  }

  /** Installs or upgrades pg-boss's tables, then starts polling, maintenance and the cron monitor. */
  async start(): Promise<void> {
    if (this.state !== 'new') throw new Error(`The job engine cannot start: it is ${this.state}`);
    this.state = 'starting';
    try {
      await this.boss.start();
      this.state = 'started';
    } catch (error) {
      this.state = 'new';
      throw error;
    }
  }

  /** Stops taking jobs; resolves when no handler and no pg-boss query of this engine is still running. */
  stop(options: StopOptions): Promise<void> {
    if (this.state === 'new' || this.state === 'stopped') {
      this.state = 'stopped';
      return Promise.resolve();
    }
    this.stopping ??= this.shutDown(options);
    return this.stopping;
  }

  async isReady(): Promise<boolean> {
    return this.state === 'started' && (await this.db.isReady());
  }

  async send<T extends object>(name: string, data: T, options?: SendJobOptions): Promise<string | null> {
    this.assertStarted();
    await this.createQueue(name);
    return this.boss.send(name, data, toPgBossSendOptions(options));
  }

  /**
   * Queues the job inside the caller's transaction: it exists if and only if the transaction commits
   * (e.g. a delivery row and the job that sends it). The queue must exist already (createQueue, send or work
   * in this process), because creating it cannot happen inside someone else's transaction.
   */
  async sendInTransaction<T extends object>(tx: SqlExecutor, name: string, data: T, options?: SendJobOptions): Promise<string | null> {
    this.assertStarted();
    if (!this.queues.has(name)) throw new Error(`Queue "${name}" is not known yet: call createQueue("${name}") before the transaction`);
    await this.queues.get(name);
    const inTransaction = { executeSql: async (text: string, values?: unknown[]) => ({ rows: await tx.query(text, values) }) };
    return this.boss.send(name, data, { ...toPgBossSendOptions(options), db: inTransaction });
  }

  async schedule<T extends object>(name: string, cron: string, timeZone: string, data?: T): Promise<void> {
    this.assertStarted();
    await this.createQueue(name);
    await this.boss.schedule(name, cron, data ?? {}, { tz: timeZone });
  }

  async unschedule(name: string): Promise<void> {
    this.assertStarted();
    await this.boss.unschedule(name);
  }

  async listSchedules(): Promise<ScheduleInfo[]> {
    this.assertStarted();
    // pg-boss returns its schedule rows; the time zone column is `timezone`.
    const rows = (await this.boss.getSchedules()) as unknown as { name: string; cron: string; timezone: string }[];
    return rows.map((row) => ({ name: row.name, cron: row.cron, timeZone: row.timezone }));
  }

  /** The job's state (created, retry, active, completed, cancelled, failed), or undefined if unknown. */
  async jobState(name: string, id: string): Promise<string | undefined> {
    this.assertStarted();
    const job = await this.boss.getJobById(name, id);
    return job?.state;
  }

  async work<T extends object>(name: string, handler: (job: Job<T>) => Promise<void>, options: WorkOptions = {}): Promise<void> {
    await this.workBatch<T>(
      name,
      async (jobs) => {
        for (const job of jobs) await handler(job);
      },
      { ...options, batchSize: 1 },
    );
  }

  async workBatch<T extends object>(name: string, handler: (jobs: Job<T>[]) => Promise<void>, options: BatchWorkOptions): Promise<void> {
    this.assertStarted();
    await this.createQueue(name);
    await this.boss.work<T>(
      name,
      { batchSize: options.batchSize, ...definedOnly({ pollingIntervalSeconds: options.pollingIntervalSeconds }) },
      (jobs) =>
        this.runHandler(name, () =>
          // A batch's lines carry its first job's id; a job worked alone (work()) is its own batch.
          withCorrelation({ correlationId: `job:${name}:${jobs[0]?.id ?? 'none'}` }, () =>
            handler(jobs.map((job) => ({ id: job.id, name: job.name, data: job.data }))),
          ),
        ),
    );
  }

  /** pg-boss 10 refuses jobs, workers and schedules for a queue that was not created; creating is idempotent. */
  createQueue(name: string): Promise<void> {
    let created = this.queues.get(name);
    if (!created) {
      created = this.boss.createQueue(name).catch((error: unknown) => {
        this.queues.delete(name);
        throw error;
      });
      this.queues.set(name, created);
    }
    return created;
  }

  private async executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> {
    if (this.unawaited.has(text)) return this.settleJobs(text, values ?? []);
    const rows = values && values.length > 0 ? await this.db.query(text, values) : await this.db.execRows(text);
    return { rows };
  }

  /**
   * pg-boss marks a job done or failed with a query it does not await (manager.js, `work`): if the database drops
   * the connection just then, the rejection is unhandled and Node ends the process, taking every other job and
   * the delivery engine with it (seen in the chaos bench). So that write is tried again for a while, and if it
   * still fails the job is left active: it expires and runs again, which every handler here is safe to do.
   */
  private async settleJobs(text: string, values: unknown[]): Promise<{ rows: unknown[] }> {
    for (const waitMs of [250, 1000, 3000, 8000, -1]) {
      try {
        return { rows: await this.db.query(text, values) };
      } catch (error) {
        if (waitMs < 0 || this.state !== 'started') {
          this.logger.error({ err: messageOf(error) }, 'a job could not be marked done or failed; it will run again when it expires');
          return NOTHING_SETTLED;
        }
        await sleep(waitMs);
      }
    }
    return NOTHING_SETTLED;
  }

  private runHandler(name: string, work: () => Promise<void>): Promise<void> {
    if (this.state !== 'started') {
      // Fetched just as stop() began: failing it hands it back to the queue for a retry.
      return Promise.reject(new Error('The job engine is stopping; the job goes back to the queue'));
    }
    return this.track(
      work().catch((error: unknown) => {
        this.observeFailure?.(name);
        throw error;
      }),
    );
  }

  private async shutDown({ graceful, timeoutMs }: StopOptions): Promise<void> {
    this.state = 'stopping';
    const deadline = Date.now() + timeoutMs;
    await this.boss.stop({ graceful, timeout: timeoutMs, wait: true, close: false });
    await this.drain(deadline);
    this.state = 'stopped';
  }

  /** Waits for handlers and for the queries pg-boss fires after them (it completes jobs without awaiting). */
  private async drain(deadline: number): Promise<void> {
    while (this.inFlight.size > 0) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        this.logger.warn({ inFlight: this.inFlight.size }, 'job engine stopped with work still running');
        return;
      }
      const timer = new AbortController();
      await Promise.race([
        Promise.allSettled([...this.inFlight]),
        sleep(remaining, undefined, { signal: timer.signal }).catch(() => undefined),
      ]);
      timer.abort();
      await nextTurn();
    }
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.inFlight.add(promise);
    const forget = () => this.inFlight.delete(promise);
    promise.then(forget, forget);
    return promise;
  }

  private assertStarted(): void {
    if (this.state !== 'started') throw new Error(`The job engine is ${this.state}, not started`);
  }
}

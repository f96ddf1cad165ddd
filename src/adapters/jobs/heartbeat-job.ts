import type { JobEngine } from '../../domain/ports/job-engine';
import type { SqlExecutor } from '../storage/database';

export const HEARTBEAT_JOB = 'heartbeat';
const EVERY_MINUTE = '* * * * *';

export interface Heartbeat {
  lastRunAt: Date;
  runs: number;
}

/**
 * A scheduled job that only records that it ran: a recent heartbeat proves the whole chain
 * (cron monitor → queue → worker → database) works, for /readyz and for tests.
 */
export async function registerHeartbeatJob(engine: JobEngine, db: SqlExecutor): Promise<void> {
  await engine.work(HEARTBEAT_JOB, () => recordHeartbeat(db));
  await engine.schedule(HEARTBEAT_JOB, EVERY_MINUTE, 'UTC');
}

export async function recordHeartbeat(db: SqlExecutor, name: string = HEARTBEAT_JOB): Promise<void> {
  await db.query(
    `INSERT INTO job_heartbeats (name, last_run_at, runs) VALUES ($1, now(), 1)
     ON CONFLICT (name) DO UPDATE SET last_run_at = now(), runs = job_heartbeats.runs + 1`,
    [name],
  );
}

export async function readHeartbeat(db: SqlExecutor, name: string = HEARTBEAT_JOB): Promise<Heartbeat | undefined> {
  const [row] = await db.query<{ last_run_at: Date; runs: number }>('SELECT last_run_at, runs FROM job_heartbeats WHERE name = $1', [name]);
  return row ? { lastRunAt: new Date(row.last_run_at), runs: Number(row.runs) } : undefined;
}

/**
 * Seconds since the last heartbeat, on the database's own clock (the one that wrote it), so that a skewed clock
 * here does not make a fresh heartbeat look stale; undefined when none was ever recorded.
 */
export async function heartbeatAgeSeconds(db: SqlExecutor, name: string = HEARTBEAT_JOB): Promise<number | undefined> {
  const [row] = await db.query<{ age: number | string }>(
    'SELECT extract(epoch FROM now() - last_run_at)::float8 AS age FROM job_heartbeats WHERE name = $1',
    [name],
  );
  return row ? Number(row.age) : undefined;
}

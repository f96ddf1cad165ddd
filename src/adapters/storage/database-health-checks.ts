import { messageLine } from '../../domain/errors';
import type { HealthCheck } from '../../domain/ports/health-check';
import type { Database, SqlExecutor } from './database';

/** Skew the bot tolerates between its clock and the database's: a minute is noise; five would move sends and expiries. */
export const CLOCK_SKEW_WARN_MS = 60_000;
export const CLOCK_SKEW_FAIL_MS = 5 * 60_000;

const ENGINES: Record<Database['kind'], string> = { pglite: 'the embedded database (PGlite)', postgres: 'the PostgreSQL server' };

/** Doctor: the database answers `select 1`. Its error's message is kept (never the connection string, which pg leaves out). */
export function databaseCheck(db: Pick<Database, 'kind' | 'query'>): HealthCheck {
  return {
    name: 'Database',
    run: async () => {
      const started = Date.now();
      try {
        await db.query('SELECT 1');
      } catch (error) {
        return {
          status: 'fail',
          summary: `${ENGINES[db.kind]} does not answer: ${messageLine(error, 200)}`,
          impact: 'nothing works: turns, scans, jobs and campaigns all keep their state there',
          fix:
            db.kind === 'postgres'
              ? 'check DATABASE_URL and that the server is up and reachable from here'
              : 'check DATA_DIR and the disk it is on',
        };
      }
      return { status: 'ok', summary: `${ENGINES[db.kind]} answered in ${Date.now() - started} ms` };
    },
  };
}

/**
 * Doctor: the bot's clock against the database's (`select now()`), halfway through the round trip. Sending hours,
 * snoozes, export links and the shared send rate are judged on both, and the send rate on the database's alone.
 */
export function clockCheck(db: Pick<SqlExecutor, 'query'>): HealthCheck {
  return {
    name: 'Clock',
    run: async () => {
      const before = Date.now();
      const [row] = await db.query<{ now: Date | string }>('SELECT now() AS now');
      const after = Date.now();
      const skewMs = new Date(row!.now).getTime() - (before + after) / 2;
      const seconds = Math.round(Math.abs(skewMs) / 1000);
      const which = skewMs > 0 ? 'ahead of' : 'behind';
      if (Math.abs(skewMs) <= CLOCK_SKEW_WARN_MS)
        return { status: 'ok', summary: `the bot's clock and the database's agree (within ${Math.max(seconds, 1)} s)` };
      return {
        status: Math.abs(skewMs) > CLOCK_SKEW_FAIL_MS ? 'fail' : 'warn',
        summary: `the database's clock is ${seconds} s ${which} the bot's`,
        impact: 'nudges may go outside sending hours, and snoozes, deadlines and export links end early or late',
        fix: "synchronise both hosts' clocks (NTP)",
      };
    },
  };
}

import { messageLine } from '../../domain/errors';
import type { HealthCheck } from '../../domain/ports/health-check';
import type { Database, SqlExecutor } from './database';

/** Skew the bot tolerates between its clock and the database's: a minute is noise; five would move sends and expiries. */
export const CLOCK_SKEW_WARN_MS = 60_000;
export const CLOCK_SKEW_FAIL_MS = 5 * 60_000;

const ENGINES: Record<Database['kind'], string> = { pglite: 'the embedded database (PGlite)', postgres: 'the PostgreSQL server' };

/**
 * The most people the embedded database was measured serving (docs/benchmarks.md, "A million people"): a scan in
 * 245 MB and lists within about 100 ms there, each slower than on a PostgreSQL server. Past it nothing was measured.
 */
export const EMBEDDED_DATABASE_MOST_PEOPLE = 1_000_000;

/**
 * Doctor: the database answers, with how many people the latest completed scan kept; on the embedded database, a
 * tenant past what it serves well is a warning pointing to a PostgreSQL server. An error's message is kept (never
 * the connection string, which pg leaves out).
 */
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
      const answered = `${ENGINES[db.kind]} answered in ${Date.now() - started} ms`;
      // A database not migrated yet has no scans to count: that is not the database failing.
      const people = await peopleOfLastScan(db).catch(() => undefined);
      if (db.kind === 'pglite' && people !== undefined && people > EMBEDDED_DATABASE_MOST_PEOPLE)
        return {
          status: 'warn',
          summary: `${answered}, but holds the ${people.toLocaleString('en-US')} people of the last scan, more than the ${EMBEDDED_DATABASE_MOST_PEOPLE.toLocaleString('en-US')} it was measured serving`,
          impact: 'lists, exports and the completing of each scan take longer with every person, beyond what was measured',
          fix: 'set DATABASE_URL to a PostgreSQL server (the README says how); MFA Coach creates its tables there at start',
        };
      const kept = people === undefined ? 'no scan yet' : `the last scan kept ${people.toLocaleString('en-US')} people`;
      return { status: 'ok', summary: `${answered} (${kept})` };
    },
  };
}

async function peopleOfLastScan(db: Pick<Database, 'query'>): Promise<number | undefined> {
  const [latest] = await db.query<{ users: number | null }>(
    "SELECT users FROM scan_runs WHERE status = 'succeeded' ORDER BY id DESC LIMIT 1",
  );
  return latest?.users ?? undefined;
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

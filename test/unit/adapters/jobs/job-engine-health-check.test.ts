import { jobEngineCheck } from '../../../../src/adapters/jobs/job-engine-health-check';
import type { SqlExecutor } from '../../../../src/adapters/storage/database';

/** A database whose heartbeat is `age` seconds old (undefined: none recorded), or whose heartbeat table is missing. */
function database(age: number | undefined | 'no table'): SqlExecutor {
  return {
    query: async <T>() => {
      if (age === 'no table') throw Object.assign(new Error('relation "job_heartbeats" does not exist'), { code: '42P01' });
      return (age === undefined ? [] : [{ age }]) as T[];
    },
    exec: async () => undefined,
  };
}

/** The bot's clock in these tests: a fixed moment, so "started N s ago" never depends on when the test runs. */
const NOW = new Date('2026-12-04T10:00:00Z');
const now = () => NOW;

const engine = (ready: boolean, startedSecondsAgo: number) => ({
  isReady: async () => ready,
  startedAt: new Date(NOW.getTime() - startedSecondsAgo * 1000),
});

describe('jobEngineCheck', () => {
  it('is ok with a heartbeat from the last three minutes', async () => {
    expect(await jobEngineCheck({ db: database(42.4), engine: engine(true, 600), now }).run()).toEqual({
      status: 'ok',
      summary: 'last heartbeat 42 s ago',
    });
  });

  it('in the bot: gives a fresh start its first heartbeat, then fails when none comes; fails at once when the engine is down', async () => {
    expect(await jobEngineCheck({ db: database(undefined), engine: engine(true, 20), now }).run()).toMatchObject({ status: 'ok' });
    expect(await jobEngineCheck({ db: database(undefined), engine: engine(true, 600), now }).run()).toMatchObject({
      status: 'fail',
      summary: 'no heartbeat since the bot started',
    });
    const stale = await jobEngineCheck({ db: database(900), engine: engine(true, 3600), now }).run();
    expect(stale).toMatchObject({ status: 'fail', summary: 'no heartbeat for 15 minutes' });
    expect(stale.impact).toContain('scheduled scans');
    expect(await jobEngineCheck({ db: database(5), engine: engine(false, 600), now }).run()).toMatchObject({
      status: 'fail',
      summary: 'the job engine is not running in this bot',
    });
  });

  it('from the command line (no engine here): a stale or missing heartbeat is a warning, as the bot may just not run', async () => {
    expect(await jobEngineCheck({ db: database(900) }).run()).toMatchObject({
      status: 'warn',
      summary: 'no bot has worked the job queue for 15 minutes',
    });
    expect(await jobEngineCheck({ db: database(undefined) }).run()).toMatchObject({ status: 'warn' });
    expect(await jobEngineCheck({ db: database('no table') }).run()).toMatchObject({
      status: 'warn',
      summary: 'the bot has not run on this database yet',
    });
  });
});

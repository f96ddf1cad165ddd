import type { Database } from '../../../../src/adapters/storage/database';
import { clockCheck, databaseCheck, EMBEDDED_DATABASE_MOST_PEOPLE } from '../../../../src/adapters/storage/database-health-checks';

/** A database whose clock is `skewMs` ahead of this process's. */
const clockAhead = (skewMs: number) => ({ query: async <T>() => [{ now: new Date(Date.now() + skewMs) }] as T[] });

describe('clockCheck', () => {
  it.each([
    [0, 'ok', "the bot's clock and the database's agree (within 1 s)"],
    [-30_000, 'ok', "the bot's clock and the database's agree (within 30 s)"],
    [90_000, 'warn', "the database's clock is 90 s ahead of the bot's"],
    [-120_000, 'warn', "the database's clock is 120 s behind the bot's"],
    [6 * 60_000, 'fail', "the database's clock is 360 s ahead of the bot's"],
  ])('a database %d ms off is %s', async (skewMs, status, summary) => {
    const result = await clockCheck(clockAhead(skewMs)).run();
    expect(result).toMatchObject({ status, summary });
    if (status !== 'ok') expect(result.fix).toContain('NTP');
  });
});

describe('databaseCheck', () => {
  it("answers with the engine, or its error's message", async () => {
    const answering: Pick<Database, 'kind' | 'query'> = { kind: 'pglite', query: async () => [] };
    expect(await databaseCheck(answering).run()).toMatchObject({ status: 'ok', summary: expect.stringContaining('PGlite') });
    const down: Pick<Database, 'kind' | 'query'> = {
      kind: 'postgres',
      query: async () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')),
    };
    expect(await databaseCheck(down).run()).toMatchObject({
      status: 'fail',
      summary: 'the PostgreSQL server does not answer: connect ECONNREFUSED 127.0.0.1:5432',
      fix: expect.stringContaining('DATABASE_URL'),
    });
  });
});

describe('databaseCheck on a large tenant', () => {
  /** A database whose latest completed scan kept `people`. */
  const holding = (kind: Database['kind'], people: number): Pick<Database, 'kind' | 'query'> => ({
    kind,
    query: async <T>(sql: string) => (sql.includes('scan_runs') ? [{ users: people }] : [{}]) as T[],
  });

  it('warns when the embedded database holds more people than it serves well, and points to a PostgreSQL server', async () => {
    const result = await databaseCheck(holding('pglite', EMBEDDED_DATABASE_MOST_PEOPLE + 1)).run();
    expect(result).toMatchObject({ status: 'warn', fix: expect.stringContaining('DATABASE_URL') });
    expect(result.summary).toContain(`holds the ${(EMBEDDED_DATABASE_MOST_PEOPLE + 1).toLocaleString('en-US')} people of the last scan`);
  });

  it('says how many people the last scan kept, and nothing more, up to that size or on a PostgreSQL server', async () => {
    expect(await databaseCheck(holding('pglite', EMBEDDED_DATABASE_MOST_PEOPLE)).run()).toMatchObject({
      status: 'ok',
      summary: expect.stringContaining(`the last scan kept ${EMBEDDED_DATABASE_MOST_PEOPLE.toLocaleString('en-US')} people`),
    });
    expect(await databaseCheck(holding('postgres', 1_000_000)).run()).toMatchObject({
      status: 'ok',
      summary: expect.stringContaining('the last scan kept 1,000,000 people'),
    });
  });

  it('is not failed by a database with no scans table yet (not migrated)', async () => {
    const unmigrated: Pick<Database, 'kind' | 'query'> = {
      kind: 'pglite',
      query: async <T>(sql: string) =>
        sql.includes('scan_runs') ? Promise.reject(new Error('relation "scan_runs" does not exist')) : ([] as T[]),
    };
    expect(await databaseCheck(unmigrated).run()).toMatchObject({ status: 'ok', summary: expect.stringContaining('no scan yet') });
  });
});

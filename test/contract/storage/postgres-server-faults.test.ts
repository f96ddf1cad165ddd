import { performance } from 'node:perf_hooks';
import { openPostgresDatabase } from '../../../src/adapters/storage/postgres-database';
import type { Database } from '../../../src/adapters/storage/database';
import type { FaultProxy } from '../../support/fault-proxy';
import { createFreshPostgresDatabaseBehindFaultProxy, type FaultyPostgresDatabase } from '../../support/test-database';

/**
 * The PostgreSQL server stops answering, goes away, or drops every connection: each wait has a deadline, and once
 * the server is back the same pool works again with nobody restarting anything. The server is reached through a
 * TCP fault proxy that misbehaves on demand.
 */
const describeWithServer = process.env.TEST_POSTGRES_URL ? describe : describe.skip;

describeWithServer('a PostgreSQL server that misbehaves', () => {
  let faulty: FaultyPostgresDatabase;
  let proxy: FaultProxy;
  let db: Database;
  const errors: Error[] = [];

  beforeAll(async () => {
    faulty = await createFreshPostgresDatabaseBehindFaultProxy();
    proxy = faulty.proxy;
    db = await openPostgresDatabase(faulty.url, {
      maxConnections: 3,
      onConnectionError: (error) => errors.push(error),
      timeouts: { connectMs: 1000, statementMs: 1500, queryMs: 2000, idleInTransactionMs: 1500, keepAliveMs: 1000 },
    });
  });

  afterEach(() => {
    proxy.mode = 'pass';
    proxy.delayMs = 0;
  });

  afterAll(async () => {
    await db?.close();
    await faulty?.drop();
  });

  const timed = async <T>(work: () => Promise<T>) => {
    const started = performance.now();
    const outcome = await work().then(
      (value) => ({ value }),
      (error: Error) => ({ error }),
    );
    return { ...outcome, ms: performance.now() - started };
  };

  it('fails a query whose answer never comes, within its deadline, and works again once the server answers', async () => {
    expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    proxy.mode = 'blackhole';
    const hung = await timed(() => db.query('SELECT 2 AS two'));
    expect('error' in hung).toBe(true);
    expect(hung.ms).toBeLessThan(5000);
    expect(await db.isReady()).toBe(false);
    proxy.mode = 'pass';
    expect(await db.query('SELECT 3 AS three')).toEqual([{ three: 3 }]);
    expect(await db.isReady()).toBe(true);
  });

  it('fails a transaction that hangs half-way, within its deadline, and the next one commits', async () => {
    await db.exec('CREATE TABLE IF NOT EXISTS marks (id int primary key)');
    const hung = await timed(() =>
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO marks (id) VALUES (1)');
        proxy.mode = 'blackhole';
        await tx.query('INSERT INTO marks (id) VALUES (2)');
      }),
    );
    expect('error' in hung).toBe(true);
    expect(hung.ms).toBeLessThan(8000);
    proxy.mode = 'pass';
    await db.transaction(async (tx) => tx.query('INSERT INTO marks (id) VALUES (3)'));
    // The server ended the hung transaction: its first row never landed, and holds no lock.
    expect(await db.query('SELECT id FROM marks ORDER BY id')).toEqual([{ id: 3 }]);
  });

  it('stops a statement that runs past the server-side limit', async () => {
    const slow = await timed(() => db.query('SELECT pg_sleep(5)'));
    expect('error' in slow && slow.error.message).toMatch(/statement timeout/);
    expect(slow.ms).toBeLessThan(4000);
  });

  it('gives up connecting to a server that is down within the connect deadline, and reconnects when it is back', async () => {
    proxy.drop();
    proxy.mode = 'refuse';
    const down = await timed(() => db.query('SELECT 1'));
    expect('error' in down).toBe(true);
    expect(down.ms).toBeLessThan(3000);
    proxy.mode = 'pass';
    expect(await db.query('SELECT 4 AS four')).toEqual([{ four: 4 }]);
  });

  it('recovers by itself when every connection is dropped at once (a restart)', async () => {
    await Promise.all([db.query('SELECT 1'), db.query('SELECT 1'), db.query('SELECT 1')]);
    expect(proxy.drop()).toBeGreaterThan(0);
    let answered = false;
    for (let attempt = 0; attempt < 20 && !answered; attempt++) {
      answered = await db.query('SELECT 5 AS five').then(
        () => true,
        () => false,
      );
    }
    expect(answered).toBe(true);
  });
});

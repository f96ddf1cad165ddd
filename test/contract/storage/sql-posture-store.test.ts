import type { Database, SqlExecutor } from '../../../src/adapters/storage/database';
import { scanPartitionIds } from '../../../src/adapters/storage/scan-partitions';
import { SqlPostureStore } from '../../../src/adapters/storage/sql-posture-store';
import { classifyMethods } from '../../../src/domain/mfa/mfa-strength';
import { DEFAULT_RATE_POLICY } from '../../../src/domain/mfa/rate-policy';
import { fakeUser } from '../../fakes/fake-user';
import { eventually } from '../../support/eventually';
import { emptyPostureTables } from '../../support/posture-tables';
import { databaseTargets, migratedOnFirstUse } from '../../support/test-database';
import { hoursAfter, MIXED_TENANT, scan, startNew, T0 } from './posture-scans';

/** The partitions of mfa_users: one per scan that is running or current. */
const scanPartitions = async (db: SqlExecutor) => (await scanPartitionIds(db)).map((id) => `mfa_users_scan_${id}`);

/** A database that counts the statements sent to it (transactions included). */
function countingStatements(db: Database): { db: Database; count: () => number } {
  let statements = 0;
  const counted = (executor: SqlExecutor): SqlExecutor => ({
    query: <T = Record<string, unknown>>(text: string, params?: unknown[]) => {
      statements += 1;
      return executor.query<T>(text, params);
    },
    exec: (script: string) => {
      statements += 1;
      return executor.exec(script);
    },
  });
  const wrapped: Database = {
    kind: db.kind,
    ...counted(db),
    execRows: (script) => db.execRows(script),
    transaction: (fn) => db.transaction((tx) => fn(counted(tx))),
    isReady: () => db.isReady(),
    close: () => db.close(),
  };
  return { db: wrapped, count: () => statements };
}

// What only the SQL store can show: its tables, its partitions, its statements and the database's own clock. The rest
// of its behaviour is in posture-store.contract.ts.
describe.each(databaseTargets())('SqlPostureStore on $name, in its tables', (target) => {
  const database = migratedOnFirstUse(target);
  let db: Database;
  let store: SqlPostureStore;

  beforeEach(async () => {
    db = await database();
    await emptyPostureTables(db);
    store = new SqlPostureStore(db);
  });

  it('has the database itself refuse a second running scan', async () => {
    await startNew(store);

    await expect(db.query("INSERT INTO scan_runs (trigger, status, started_at) VALUES ('admin', 'running', now())")).rejects.toThrow(
      /duplicate key|unique/i,
    );
  });

  it('records why a scan silent for longer than the stale limit was failed, and drops its pages', async () => {
    const impatient = new SqlPostureStore(db, { staleAfterMs: 50 });
    const dead = await startNew(impatient);
    await impatient.savePeople(dead.id, [fakeUser('a').entry]);

    const next = await eventually('the silent scan is taken for dead', async () => {
      const start = await impatient.startScan('admin', undefined, hoursAfter(T0, 3));
      return 'started' in start ? start.started : undefined;
    });

    const [row] = await db.query<{ status: string; error: string; finished_at: Date }>(
      'SELECT status, error, finished_at FROM scan_runs WHERE id = $1',
      [dead.id],
    );
    expect(row).toEqual({
      status: 'failed',
      error: expect.stringMatching(/^Stopped without finishing: no progress for over 50 ms/),
      finished_at: hoursAfter(T0, 3),
    });
    expect(await scanPartitions(db)).toEqual([`mfa_users_scan_${next.id}`]);
  });

  it('does not take a long scan that keeps saving pages for dead (the limit counts silence, not age)', async () => {
    const run = await startNew(store);
    await db.query("UPDATE scan_runs SET started_at = started_at - interval '5 hours' WHERE id = $1", [run.id]);
    await store.savePeople(run.id, [fakeUser('a').entry]);

    expect(await store.startScan('admin', undefined, hoursAfter(T0, 5))).toEqual({ running: expect.objectContaining({ id: run.id }) });

    await db.query("UPDATE scan_runs SET alive_at = now() - interval '121 minutes' WHERE id = $1", [run.id]);
    expect('started' in (await store.startScan('admin', undefined, hoursAfter(T0, 5)))).toBe(true);
  });

  it('fails a scan while one of its pages is being saved, never leaving it running', async () => {
    const page = Array.from({ length: 300 }, (_, i) => fakeUser(`p${i}`, { methods: ['sms'] }));
    for (let attempt = 0; attempt < 40; attempt++) {
      const run = await startNew(store, hoursAfter(T0, attempt));
      const saving = store
        .saveRegistrations(
          run.id,
          page.map((user) => ({ ...user.registration!, strength: classifyMethods(user.registration!.methods) })),
        )
        .catch(() => undefined);
      await store.failScan(run.id, hoursAfter(T0, attempt), 'The directory stopped answering');
      await saving;
      expect((await store.latestScan())?.status).toBe('failed');
    }
  });

  it("drops a failed scan's pages with its partition, and keeps the current scan's", async () => {
    const { run: current } = await scan(store, MIXED_TENANT);
    const run = await startNew(store, hoursAfter(T0, 24));
    await store.savePeople(run.id, [fakeUser('u1', { department: 'Moved' }).entry]);

    await store.failScan(run.id, hoursAfter(T0, 25), 'The directory stopped answering');

    expect(await scanPartitions(db)).toEqual([`mfa_users_scan_${current.id}`]);
  });

  it('writes each page in one statement and completes in a fixed number of statements, whatever the size', async () => {
    const statementsFor = async (size: number) => {
      await emptyPostureTables(db);
      const counting = countingStatements(db);
      const counted = new SqlPostureStore(counting.db);
      const run = await startNew(counted);
      const everyone = Array.from({ length: size }, (_, i) =>
        fakeUser(`u${i}`, { methods: i % 2 ? ['sms'] : ['passkey'], department: `D${i % 7}` }),
      );
      const afterStart = counting.count();
      await counted.savePeople(
        run.id,
        everyone.map((user) => user.entry),
      );
      const afterPeople = counting.count();
      await counted.saveRegistrations(
        run.id,
        everyone.map((user) => ({ ...user.registration!, strength: classifyMethods(user.registration!.methods) })),
      );
      const afterRegistrations = counting.count();
      await counted.completeScan(run.id, T0, { rates: DEFAULT_RATE_POLICY });
      return {
        people: afterPeople - afterStart,
        registrations: afterRegistrations - afterPeople,
        complete: counting.count() - afterRegistrations,
      };
    };

    const small = await statementsFor(3);
    const large = await statementsFor(999);

    expect(large).toEqual({ people: 1, registrations: 1, complete: small.complete });
    expect(small.people).toBe(1);
  });

  it("keeps one scan's people: the previous scan's partition goes when the next succeeds, and the new one is analyzed", async () => {
    await scan(store, MIXED_TENANT);
    const { run: second } = await scan(store, MIXED_TENANT, { at: hoursAfter(T0, 24) });

    expect(await scanPartitions(db)).toEqual([`mfa_users_scan_${second.id}`]);
    // PGlite has no autovacuum: without this the planner would know nothing of the new partition.
    const [stats] = await db.query<{ analyzed: boolean }>(
      'SELECT last_analyze IS NOT NULL AS analyzed FROM pg_stat_user_tables WHERE relname = $1',
      [`mfa_users_scan_${second.id}`],
    );
    expect(stats).toEqual({ analyzed: true });
  });
});

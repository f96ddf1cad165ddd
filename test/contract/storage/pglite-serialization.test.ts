import type { Database } from '../../../src/adapters/storage/database';
import { databaseTargets } from '../../support/test-database';

const pglite = databaseTargets().filter((target) => target.kind === 'pglite');
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** PGlite is one connection: a transaction must own it from BEGIN to COMMIT, even while it awaits. */
describe.each(pglite)('serialized access on $name', (target) => {
  let db: Database;

  beforeAll(async () => {
    db = await target.open();
    await db.exec('CREATE TABLE events (label text NOT NULL)');
  }, 30_000);
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    await db.query('DELETE FROM events');
  });

  it('keeps a concurrent insert out of a transaction that is waiting on a timer', async () => {
    const order: string[] = [];
    let seenInside: string[] = [];

    const tx = db.transaction(async (t) => {
      await t.query("INSERT INTO events VALUES ('tx')");
      await pause(100);
      seenInside = (await t.query<{ label: string }>('SELECT label FROM events ORDER BY label')).map((row) => row.label);
      order.push('tx done');
    });
    await pause(10); // the transaction has begun and is now sleeping
    const outside = db.query("INSERT INTO events VALUES ('outside')").then(() => order.push('outside done'));
    await Promise.all([tx, outside]);

    expect(seenInside).toEqual(['tx']);
    expect(order).toEqual(['tx done', 'outside done']);
    expect((await db.query<{ label: string }>('SELECT label FROM events ORDER BY label')).map((row) => row.label)).toEqual([
      'outside',
      'tx',
    ]);
  });

  it('does not lose a concurrent write when the transaction rolls back', async () => {
    const tx = db.transaction(async (t) => {
      await t.query("INSERT INTO events VALUES ('doomed')");
      await pause(100);
      throw new Error('roll back');
    });
    await pause(10);
    const outside = db.query("INSERT INTO events VALUES ('survivor')");

    await expect(tx).rejects.toThrow('roll back');
    await outside;
    expect(await db.query('SELECT label FROM events')).toEqual([{ label: 'survivor' }]);
  });

  it('runs concurrent transactions one after another', async () => {
    await db.query("INSERT INTO events VALUES ('counter')");
    await db.exec('CREATE TABLE IF NOT EXISTS counter (n int NOT NULL); DELETE FROM counter; INSERT INTO counter VALUES (0);');

    // Read-modify-write with a pause in between: any interleaving would lose increments.
    await Promise.all(
      Array.from({ length: 10 }, () =>
        db.transaction(async (t) => {
          const [row] = await t.query<{ n: number }>('SELECT n FROM counter');
          await pause(5);
          await t.query('UPDATE counter SET n = $1', [row!.n + 1]);
        }),
      ),
    );

    expect(await db.query('SELECT n FROM counter')).toEqual([{ n: 10 }]);
  });

  it('fails fast, instead of waiting forever, when a transaction uses the database instead of its tx', async () => {
    const misuse = db.transaction(async () => {
      await db.query('SELECT 1');
    });

    await expect(misuse).rejects.toThrow(/use the tx executor/);
    expect(await db.isReady()).toBe(true);
  });
});

import type { Database } from '../../../src/adapters/storage/database';
import { eventually, letTimePass } from '../../support/eventually';
import { databaseTargets, openedOnFirstUse } from '../../support/test-database';

const pglite = databaseTargets().filter((target) => target.kind === 'pglite');

/** PGlite is one connection: a transaction must own it from BEGIN to COMMIT, even while it awaits. */
describe.each(pglite)('serialized access on $name', (target) => {
  const database = openedOnFirstUse(target, 'CREATE TABLE events (label text NOT NULL)');
  let db: Database;

  beforeEach(async () => {
    db = await database();
    await db.query('DELETE FROM events');
  });

  it('keeps a concurrent insert out of a transaction that is waiting on a timer', async () => {
    const order: string[] = [];
    let seenInside: string[] = [];
    let begun = false;

    const tx = db.transaction(async (t) => {
      await t.query("INSERT INTO events VALUES ('tx')");
      begun = true;
      await letTimePass(100, 'a transaction waiting on a timer while a write from outside comes');
      seenInside = (await t.query<{ label: string }>('SELECT label FROM events ORDER BY label')).map((row) => row.label);
      order.push('tx done');
    });
    await eventually('the transaction has begun', () => begun);
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
    let begun = false;
    const tx = db.transaction(async (t) => {
      await t.query("INSERT INTO events VALUES ('doomed')");
      begun = true;
      await letTimePass(100, 'a transaction waiting on a timer while a write from outside comes');
      throw new Error('roll back');
    });
    await eventually('the transaction has begun', () => begun);
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
          await letTimePass(5, 'a read-modify-write that takes a while, so that others would interleave');
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

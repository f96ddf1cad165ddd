import type { Database } from '../../../src/adapters/storage/database';
import { databaseTargets, openedOnFirstUse } from '../../support/test-database';

describe.each(databaseTargets())('Database on $name', (target) => {
  // Closed once more after the last test, which closes it itself: closing twice is harmless.
  const database = openedOnFirstUse(
    target,
    'CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL, at timestamptz, doc jsonb, raw bytea)',
  );
  let db: Database;

  beforeEach(async () => {
    db = await database();
  });

  it('answers isReady', async () => {
    expect(await db.isReady()).toBe(true);
  });

  it('gives the same JavaScript values on both engines', async () => {
    const at = new Date('2025-06-07T08:09:10.123Z');
    const doc = { list: [1, 'two', { three: 3 }], flag: false };
    const raw = new Uint8Array([0, 1, 254, 255]);

    await db.query('INSERT INTO notes (body, at, doc, raw) VALUES ($1, $2, $3::jsonb, $4)', ['typed', at, JSON.stringify(doc), raw]);
    const [row] = await db.query<{ at: Date; doc: unknown; raw: Uint8Array; n: number }>(
      "SELECT at, doc, raw, (SELECT count(*) FROM notes WHERE body = 'typed') AS n FROM notes WHERE body = 'typed'",
    );

    expect(row!.at).toBeInstanceOf(Date);
    expect(row!.at.toISOString()).toBe(at.toISOString());
    expect(row!.doc).toEqual(doc);
    expect(Array.from(row!.raw)).toEqual([0, 1, 254, 255]);
    // count(*) is a bigint: a number on both engines, not a string.
    expect(row!.n).toBe(1);
  });

  it('reads a date as UTC midnight on both engines', async () => {
    const [row] = await db.query<{ day: Date }>("SELECT '2025-03-30'::date AS day");

    expect(row!.day).toBeInstanceOf(Date);
    expect(row!.day.toISOString()).toBe('2025-03-30T00:00:00.000Z');
  });

  it('runs multi-statement scripts and returns the rows of the last statement', async () => {
    const rows = await db.execRows<{ body: string }>(
      "INSERT INTO notes (body) VALUES ('s1'); INSERT INTO notes (body) VALUES ('s2'); SELECT body FROM notes WHERE body LIKE 's_' ORDER BY body",
    );

    expect(rows).toEqual([{ body: 's1' }, { body: 's2' }]);
  });

  it('leaves the connection usable after a script that fails inside its own BEGIN', async () => {
    await expect(db.exec("BEGIN; INSERT INTO notes (body) VALUES ('half'); SELECT 1/0; COMMIT;")).rejects.toThrow(/division by zero/);

    expect(await db.query("SELECT body FROM notes WHERE body = 'half'")).toEqual([]);
    expect(await db.query('SELECT 2 AS two')).toEqual([{ two: 2 }]);
  });

  it('commits a transaction and returns its result', async () => {
    const id = await db.transaction(async (tx) => {
      const [row] = await tx.query<{ id: number }>("INSERT INTO notes (body) VALUES ('committed') RETURNING id");
      await tx.exec("INSERT INTO notes (body) VALUES ('committed too')");
      return row!.id;
    });

    expect(typeof id).toBe('number');
    expect(await db.query("SELECT body FROM notes WHERE body LIKE 'committed%' ORDER BY id")).toEqual([
      { body: 'committed' },
      { body: 'committed too' },
    ]);
  });

  it('rolls back a transaction that throws and passes the error on', async () => {
    const failure = new Error('changed my mind');

    await expect(
      db.transaction(async (tx) => {
        await tx.query("INSERT INTO notes (body) VALUES ('rolled back')");
        throw failure;
      }),
    ).rejects.toBe(failure);

    expect(await db.query("SELECT 1 FROM notes WHERE body = 'rolled back'")).toEqual([]);
  });

  it('rolls back a transaction whose statement fails', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query("INSERT INTO notes (body) VALUES ('before the error')");
        await tx.query('INSERT INTO notes (body) VALUES (NULL)');
      }),
    ).rejects.toThrow(/null value/);

    expect(await db.query("SELECT 1 FROM notes WHERE body = 'before the error'")).toEqual([]);
    expect(await db.isReady()).toBe(true);
  });

  // Last, because it closes the database the other tests share.
  it('refuses work after close, and closing twice is harmless', async () => {
    await db.close();

    await expect(db.query('SELECT 1')).rejects.toThrow();
    expect(await db.isReady()).toBe(false);
    await expect(db.close()).resolves.toBeUndefined();
  });
});

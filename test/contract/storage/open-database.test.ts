import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from '../../../src/adapters/storage/migrate';
import { openDatabase } from '../../../src/adapters/storage/open-database';
import { createFreshPostgresDatabase } from '../../support/test-database';

describe('openDatabase', () => {
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'mfa-coach-open-database-'));
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it('uses PGlite in a data folder it creates, and the data survives a restart', async () => {
    const dataDir = join(scratch, 'not', 'there', 'yet');

    const first = await openDatabase({ dataDir });
    expect(first.kind).toBe('pglite');
    await migrate(first);
    await first.query("INSERT INTO job_heartbeats (name, last_run_at, runs) VALUES ('persisted', now(), 5)");
    await first.close();
    expect((await stat(dataDir)).isDirectory()).toBe(true);

    const second = await openDatabase({ dataDir });
    try {
      expect(await migrate(second)).toEqual({ applied: [] });
      expect(await second.query("SELECT runs FROM job_heartbeats WHERE name = 'persisted'")).toEqual([{ runs: 5 }]);
    } finally {
      await second.close();
    }
  }, 60_000);

  (process.env.TEST_POSTGRES_URL ? it : it.skip)('uses the server when a URL is given', async () => {
    const fresh = await createFreshPostgresDatabase();
    const db = await openDatabase({ url: fresh.url, dataDir: join(scratch, 'unused') });
    try {
      expect(db.kind).toBe('postgres');
      expect(await db.query<{ name: string }>('SELECT current_database() AS name')).toEqual([
        { name: new URL(fresh.url).pathname.slice(1) },
      ]);
      await expect(stat(join(scratch, 'unused'))).rejects.toThrow();
    } finally {
      await db.close();
      await fresh.drop();
    }
  });
});

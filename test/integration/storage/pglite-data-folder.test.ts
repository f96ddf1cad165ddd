import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensurePgliteDataFolder } from '../../../src/adapters/storage/pglite-data-folder';
import { openPgliteDatabase } from '../../../src/adapters/storage/pglite-database';

jest.setTimeout(60_000);

const mb = (bytes: number) => bytes / 2 ** 20;

/**
 * A new embedded database's cluster is made in a process of its own: PostgreSQL's initdb leaves about 400 MB of
 * WebAssembly memory and buffers behind in whichever process runs it, for good.
 */
describe('the embedded database in a new data folder', () => {
  let parent = '';
  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'mfa-coach-pglite-folder-'));
  });
  afterAll(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  it('is created by another process: this one gains no more than opening an existing folder costs', async () => {
    const dataDir = join(parent, 'fresh');
    const before = process.memoryUsage().arrayBuffers;
    const db = await openPgliteDatabase(dataDir);
    try {
      expect(await db.query<{ answer: number }>('SELECT 40 + 2 AS answer')).toEqual([{ answer: 42 }]);
      // initdb in this process left about 200 MB of ArrayBuffers here; opening a made folder leaves under 20 MB.
      expect(mb(process.memoryUsage().arrayBuffers - before)).toBeLessThan(100);
    } finally {
      await db.close();
    }
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
  });

  it('leaves a folder that already holds a database as it is, and keeps its data', async () => {
    const dataDir = join(parent, 'kept');
    const first = await openPgliteDatabase(dataDir);
    await first.exec("CREATE TABLE kept (note text); INSERT INTO kept VALUES ('still here');");
    await first.close();
    const made = statSync(join(dataDir, 'PG_VERSION')).mtimeMs;

    await ensurePgliteDataFolder(dataDir);
    expect(statSync(join(dataDir, 'PG_VERSION')).mtimeMs).toBe(made);
    const again = await openPgliteDatabase(dataDir);
    try {
      expect(await again.query('SELECT note FROM kept')).toEqual([{ note: 'still here' }]);
    } finally {
      await again.close();
    }
  });

  it('says which folder it could not make, and why, when the path is a file', async () => {
    const notAFolder = join(parent, 'a-file');
    await writeFile(notAFolder, 'not a database');
    await expect(ensurePgliteDataFolder(notAFolder)).rejects.toThrow(/could not create its data folder .*a-file/);
  });
});

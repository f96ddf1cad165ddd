import type { Database } from '../../../src/adapters/storage/database';
import { SqlDownloadVault } from '../../../src/adapters/storage/sql-download-vault';
import { databaseTargets } from '../../support/test-database';

const T0 = new Date('2025-06-01T09:00:00.000Z');
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

describe.each(databaseTargets())('SqlDownloadVault on $name', (target) => {
  let db: Database;
  let vault: SqlDownloadVault;

  beforeAll(async () => {
    db = await target.openMigrated();
    vault = new SqlDownloadVault(db);
  }, 30_000);
  afterAll(async () => {
    await db?.close();
  });

  const deposit = () => vault.deposit({ actorId: 'admin-1', fileName: 'x.csv', content: 'a,b\r\n', expiresAt: later(15) }, T0);

  it('gives the file once, to whoever has the token', async () => {
    const token = await deposit();
    expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(await vault.collect(token, later(1))).toEqual({ fileName: 'x.csv', content: 'a,b\r\n' });
    expect(await vault.collect(token, later(2))).toBeUndefined();
    expect(await vault.collect('someone-elses-guess', later(1))).toBeUndefined();
  });

  it('keeps only a hash of the token', async () => {
    const token = await deposit();
    const rows = await db.query<{ token_hash: string }>('SELECT token_hash FROM pending_exports');
    expect(rows.some((r) => r.token_hash === token)).toBe(false);
  });

  it('gives nothing after the link expired, and forgets expired files', async () => {
    const token = await deposit();
    expect(await vault.collect(token, later(16))).toBeUndefined();
    await vault.deposit({ actorId: 'admin-1', fileName: 'y.csv', content: '', expiresAt: later(100) }, later(20));
    const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM pending_exports WHERE expires_at <= $1', [later(20)]);
    expect(row!.n).toBe(0);
  });

  it('lets the link be looked at (its file name) any number of times without using it up, until it expires', async () => {
    const token = await deposit();
    expect(await vault.peek(token, later(1))).toEqual({ fileName: 'x.csv' });
    expect(await vault.peek(token, later(2))).toEqual({ fileName: 'x.csv' });
    expect(await vault.peek(token, later(16))).toBeUndefined();
    expect(await vault.collect(token, later(3))).toEqual({ fileName: 'x.csv', content: 'a,b\r\n' });
    expect(await vault.peek(token, later(4))).toBeUndefined();
  });

  it('deletes files nobody fetched once they expire', async () => {
    await deposit();
    await vault.deposit({ actorId: 'admin-1', fileName: 'kept.csv', content: '', expiresAt: later(100) }, T0);
    expect(await vault.purgeExpired(later(16))).toBeGreaterThanOrEqual(1);
    const rows = await db.query<{ file_name: string }>('SELECT file_name FROM pending_exports');
    expect(rows.map((row) => row.file_name)).toContain('kept.csv');
    expect(rows.map((row) => row.file_name)).not.toContain('x.csv');
  });

  it('lets only one of two simultaneous downloads have the file', async () => {
    const token = await deposit();
    const results = await Promise.all([vault.collect(token, later(1)), vault.collect(token, later(1))]);
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});

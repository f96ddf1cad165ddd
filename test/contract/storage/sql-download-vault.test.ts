import { SqlDownloadVault } from '../../../src/adapters/storage/sql-download-vault';
import { databaseTargets, migratedOnFirstUse } from '../../support/test-database';

// What only the SQL vault can show: what its table holds. The rest of its behaviour is in download-vault.contract.ts.
describe.each(databaseTargets())('SqlDownloadVault on $name, in its table', (target) => {
  const database = migratedOnFirstUse(target);

  it('keeps only a hash of the token', async () => {
    const db = await database();
    const token = await new SqlDownloadVault(db).deposit(
      { actorId: 'admin-1', fileName: 'x.csv', content: 'a,b\r\n', expiresAt: new Date('2025-06-01T09:15:00.000Z') },
      new Date('2025-06-01T09:00:00.000Z'),
    );
    const rows = await db.query<{ token_hash: string }>('SELECT token_hash FROM pending_exports');
    expect(rows.some((r) => r.token_hash === token)).toBe(false);
  });
});

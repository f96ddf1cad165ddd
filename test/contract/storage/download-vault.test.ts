import { SqlDownloadVault } from '../../../src/adapters/storage/sql-download-vault';
import { InMemoryDownloadVault } from '../../fakes/in-memory-download-vault';
import { downloadVaultContract } from './download-vault.contract';
import { onFakeAndDatabases } from './on-fake-and-databases';

onFakeAndDatabases(downloadVaultContract, {
  fake: () => new InMemoryDownloadVault(),
  sql: async (db) => {
    await db.exec('TRUNCATE pending_exports');
    return new SqlDownloadVault(db);
  },
});

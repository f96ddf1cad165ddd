import { SqlPostureStore } from '../../../src/adapters/storage/sql-posture-store';
import { InMemoryPostureData, InMemoryPostureStore } from '../../fakes/in-memory-posture-store';
import { emptyPostureTables } from '../../support/posture-tables';
import { onFakeAndDatabases } from './on-fake-and-databases';
import { postureStoreContract, type PostureStoreMaker } from './posture-store.contract';

onFakeAndDatabases<PostureStoreMaker>(postureStoreContract, {
  fake: () => {
    const data = new InMemoryPostureData();
    return (options) => new InMemoryPostureStore(options, data);
  },
  sql: async (db) => {
    await emptyPostureTables(db);
    return (options) => new SqlPostureStore(db, options);
  },
});

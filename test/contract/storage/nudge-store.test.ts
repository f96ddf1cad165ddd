import { SqlNudgeStore } from '../../../src/adapters/storage/sql-nudge-store';
import { InMemoryNudgeStore } from '../../fakes/in-memory-nudge-store';
import { nudgeStoreContract } from './nudge-store.contract';
import { onFakeAndDatabases } from './on-fake-and-databases';

onFakeAndDatabases(nudgeStoreContract, {
  fake: () => new InMemoryNudgeStore(),
  sql: (db) => new SqlNudgeStore(db),
});

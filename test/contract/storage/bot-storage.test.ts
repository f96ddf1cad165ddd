import { SqlBotStorage } from '../../../src/adapters/storage/sql-bot-storage';
import { InMemoryBotStorage } from '../../fakes/in-memory-bot-storage';
import { botStorageContract } from './bot-storage.contract';
import { onFakeAndDatabases } from './on-fake-and-databases';

onFakeAndDatabases(botStorageContract, {
  fake: () => new InMemoryBotStorage(),
  sql: (db) => new SqlBotStorage(db),
});

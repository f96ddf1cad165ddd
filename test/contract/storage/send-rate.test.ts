import { SqlSendRate } from '../../../src/adapters/storage/sql-send-rate';
import { InMemorySendBudgets, InMemorySendRate } from '../../fakes/in-memory-send-rate';
import { onFakeAndDatabases } from './on-fake-and-databases';
import { sendRateContract, type SendRateMaker } from './send-rate.contract';

onFakeAndDatabases<SendRateMaker>(sendRateContract, {
  fake: () => {
    const budgets = new InMemorySendBudgets();
    return (perSecond, name, quietMs) => new InMemorySendRate(budgets, perSecond, name, quietMs);
  },
  sql: async (db) => {
    await db.exec('TRUNCATE send_rate_windows, send_rate_senders');
    return (perSecond, name, quietMs) => new SqlSendRate(db, perSecond, name, quietMs);
  },
});

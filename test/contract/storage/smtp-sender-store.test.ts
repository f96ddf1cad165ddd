import { SqlSmtpSenderStore } from '../../../src/adapters/storage/sql-smtp-sender-store';
import { InMemorySmtpSenderStore } from '../../fakes/in-memory-smtp-sender-store';
import { onFakeAndDatabases } from './on-fake-and-databases';
import { smtpSenderStoreContract, type SmtpSenderStoreSubject } from './smtp-sender-store.contract';

onFakeAndDatabases<SmtpSenderStoreSubject>(smtpSenderStoreContract, {
  fake: () => {
    const store = new InMemorySmtpSenderStore();
    return { store, scansOnRecord: async () => store.scansOnRecord };
  },
  sql: async (db) => {
    await db.exec('TRUNCATE smtp_scans, smtp_senders');
    return {
      store: new SqlSmtpSenderStore(db),
      scansOnRecord: async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM smtp_scans'))[0]!.n,
    };
  },
});

import { SqlAuditLog } from '../../../src/adapters/storage/sql-audit-log';
import { InMemoryAuditLog } from '../../fakes/in-memory-audit-log';
import { auditLogContract } from './audit-log.contract';
import { onFakeAndDatabases } from './on-fake-and-databases';

onFakeAndDatabases(auditLogContract, {
  fake: () => new InMemoryAuditLog(),
  sql: async (db) => {
    await db.exec('TRUNCATE audit_log');
    return new SqlAuditLog(db);
  },
});

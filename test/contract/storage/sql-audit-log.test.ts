import { SqlAuditLog } from '../../../src/adapters/storage/sql-audit-log';
import { databaseTargets, migratedOnFirstUse } from '../../support/test-database';

const at = new Date('2025-06-01T09:00:00.000Z');

/** What only the SQL log shows: the table itself refuses to change an entry, whoever asks. */
for (const target of databaseTargets()) {
  describe(`the audit_log table on ${target.name}`, () => {
    const database = migratedOnFirstUse(target);

    beforeEach(async () => {
      await (await database()).exec('TRUNCATE audit_log');
    });

    it('refuses to change an entry, so it stays as it was written', async () => {
      const db = await database();
      const log = new SqlAuditLog(db);
      await log.record({
        at,
        actorId: 'aad-admin-1',
        action: 'user <query>',
        where: 'personal',
        conversationId: 'c',
        outcome: 'allowed',
        subject: 'adele',
      });

      await expect(db.query("UPDATE audit_log SET subject = 'someone else', outcome = 'refused'")).rejects.toThrow(/append-only/);

      expect(await log.latest(5)).toEqual([
        {
          at,
          actorId: 'aad-admin-1',
          action: 'user <query>',
          where: 'personal',
          conversationId: 'c',
          outcome: 'allowed',
          subject: 'adele',
        },
      ]);
    });

    it('still lets the purge delete entries past their retention', async () => {
      const db = await database();
      const log = new SqlAuditLog(db);
      await log.record({ at, actorId: 'aad-admin-1', action: 'posture', where: 'personal', conversationId: 'c', outcome: 'allowed' });

      expect(await log.deleteBefore(new Date('2025-06-02T00:00:00.000Z'))).toBe(1);
      expect(await log.latest(5)).toEqual([]);
    });
  });
}

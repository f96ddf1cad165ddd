import { migrate } from '../../../src/adapters/storage/migrate';
import { allMigrations } from '../../../src/adapters/storage/migrations/all-migrations';
import { SqlPostureStore } from '../../../src/adapters/storage/sql-posture-store';
import { DEFAULT_RATE_POLICY } from '../../../src/domain/mfa/rate-policy';
import { fakeUser } from '../../fakes/fake-user';
import { databaseTargets } from '../../support/test-database';

const before = allMigrations.filter((migration) => migration.id < 4);

describe.each(databaseTargets())('upgrading to one partition of people per scan, on $name', (target) => {
  it('keeps the current state of a database written before, fails a scan caught running, and scans on', async () => {
    const db = await target.open();
    try {
      await migrate(db, before);
      // The state as the previous schema left it: one succeeded scan, its people, and a scan still running.
      await db.exec(`
        INSERT INTO scan_runs (trigger, status, started_at, finished_at, users) VALUES ('schedule', 'succeeded', now(), now(), 2);
        INSERT INTO mfa_users (id, user_principal_name, display_name, user_type, account_enabled, department, job_title,
          manager_id, is_admin, is_mfa_capable, is_mfa_registered, methods, strength, is_critical_admin, counts_in_rates,
          in_report, report_updated_at, last_seen_scan_id)
        VALUES
          ('u1', 'ada@contoso.example', 'Ada', 'member', true, 'Research', NULL, NULL, true, true, true, '{sms}', 'weak', true, true, true, NULL, 1),
          ('u2', 'bob@contoso.example', 'Bob', 'guest', true, NULL, NULL, NULL, false, false, false, '{}', 'none', false, false, false, NULL, 1);
        INSERT INTO scan_runs (trigger, status, started_at) VALUES ('admin', 'running', now());
        INSERT INTO scan_people (scan_id, id, user_principal_name, display_name, user_type, account_enabled)
          VALUES (2, 'u3', 'cy@contoso.example', 'Cy', 'member', true);
      `);

      await migrate(db);

      const store = new SqlPostureStore(db);
      const users = await store.listUsers({
        strengths: ['strong', 'acceptable', 'weak', 'none'],
        includeExcluded: true,
        offset: 0,
        limit: 10,
      });
      expect(users.total).toBe(2);
      expect(users.users.map((user) => [user.id, user.strength, user.isCriticalAdmin, user.countsInRates])).toEqual([
        ['u1', 'weak', true, true],
        ['u2', 'none', false, false],
      ]);
      const [caught] = await db.query<{ status: string; error: string }>('SELECT status, error FROM scan_runs WHERE id = 2');
      expect(caught).toEqual({ status: 'failed', error: expect.stringMatching(/upgrade/) });

      // And the next scan replaces the moved state like any other.
      const next = await store.startScan('admin', undefined, new Date());
      if (!('started' in next)) throw new Error('expected the next scan to start');
      await store.savePeople(next.started.id, [fakeUser('u9').entry]);
      await store.completeScan(next.started.id, new Date(), { rates: DEFAULT_RATE_POLICY });
      expect(
        (await store.listUsers({ strengths: ['none'], includeExcluded: true, offset: 0, limit: 10 })).users.map((user) => user.id),
      ).toEqual(['u9']);
    } finally {
      await db.close();
    }
  }, 30_000);
});

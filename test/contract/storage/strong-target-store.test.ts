import { SqlStrongTargetStore } from '../../../src/adapters/storage/sql-strong-target-store';
import { databaseTargets, migratedOnFirstUse } from '../../support/test-database';

const SET_AT = new Date('2026-12-07T12:00:00.000Z');

for (const target of databaseTargets()) {
  describe(`the strong MFA target on ${target.name}`, () => {
    const database = migratedOnFirstUse(target);

    it('keeps one target, replaced by the next, until it is removed', async () => {
      const db = await database();
      await db.exec('TRUNCATE strong_target');
      const store = new SqlStrongTargetStore(db);
      expect(await store.get()).toBeUndefined();
      await store.set({ percent: 95, by: '2027-03-31', setBy: 'aad-admin', setAt: SET_AT });
      await store.set({ percent: 97.5, by: '2027-06-30', setBy: 'aad-other', setAt: SET_AT });
      expect(await store.get()).toEqual({ percent: 97.5, by: '2027-06-30', setBy: 'aad-other', setAt: SET_AT });
      expect((await db.query('SELECT count(*)::int AS n FROM strong_target'))[0]).toEqual({ n: 1 });
      expect(await store.clear()).toBe(true);
      expect(await store.clear()).toBe(false);
      expect(await store.get()).toBeUndefined();
    });
  });
}

import { SqlAlertLedger } from '../../../src/adapters/storage/sql-alert-ledger';
import { InMemoryAlertLedger } from '../../fakes/in-memory-alert-ledger';
import type { AlertLedger } from '../../../src/domain/ports/alert-ledger';
import { databaseTargets, migratedOnFirstUse } from '../../support/test-database';

const AT = new Date('2026-12-07T03:30:00Z');

function alertLedgerContract(name: string, make: () => Promise<AlertLedger>): void {
  describe(`the alert ledger on ${name}`, () => {
    it('lets the first of many callers raise an event, however many ask at once', async () => {
      const ledger = await make();
      const answers = await Promise.all(Array.from({ length: 8 }, () => ledger.raise('adminWithoutStrong:a', 'adminWithoutStrong', AT)));
      expect(answers.filter(Boolean)).toHaveLength(1);
      expect(await ledger.raise('adminWithoutStrong:b', 'adminWithoutStrong', AT)).toBe(true);
    });

    it('lists the keys of one kind, and forgets those cleared, so that they can be raised again', async () => {
      const ledger = await make();
      await ledger.raise('scanFailure:1', 'scanFailure', AT);
      await ledger.raise('scanFailure:2', 'scanFailure', AT);
      await ledger.raise('strongDropped:9', 'strongDropped', AT);
      expect(await ledger.keys('scanFailure')).toEqual(['scanFailure:1', 'scanFailure:2']);
      await ledger.clear(['scanFailure:1', 'scanFailure:2']);
      await ledger.clear([]);
      expect(await ledger.keys('scanFailure')).toEqual([]);
      expect(await ledger.keys('strongDropped')).toEqual(['strongDropped:9']);
      expect(await ledger.raise('scanFailure:1', 'scanFailure', AT)).toBe(true);
    });
  });
}

alertLedgerContract('memory', async () => new InMemoryAlertLedger());
for (const target of databaseTargets()) {
  const database = migratedOnFirstUse(target);
  alertLedgerContract(target.name, async () => {
    const db = await database();
    await db.exec('TRUNCATE posture_alerts');
    return new SqlAlertLedger(db);
  });
}

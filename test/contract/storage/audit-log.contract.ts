import type { AuditEntry, AuditLog } from '../../../src/domain/ports/audit-log';

function entry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    at: new Date('2025-06-01T09:00:00.000Z'),
    actorId: 'aad-admin-1',
    actorName: 'Ada Admin',
    action: 'posture',
    where: 'personal',
    conversationId: 'a:personal-1',
    outcome: 'allowed',
    ...overrides,
  };
}

const minutesAfter = (minutes: number) => new Date(Date.UTC(2025, 5, 1, 9, minutes));

/** What every `AuditLog` promises: it keeps each entry as recorded and reads the newest first. `makeLog` gives an empty log before each test. */
export function auditLogContract(name: string, makeLog: () => Promise<AuditLog>): void {
  describe(`AuditLog on ${name}`, () => {
    let log: AuditLog;

    beforeEach(async () => {
      log = await makeLog();
    });

    it('reads back what was recorded, field for field', async () => {
      const recorded = entry({
        action: 'posture by department',
        where: 'channel',
        conversationId: '19:channel@thread.tacv2',
        outcome: 'refused',
      });

      await log.record(recorded);

      expect(await log.latest(10)).toEqual([recorded]);
    });

    it('keeps whom or what it was about, cut at its longest, and no subject where none was given', async () => {
      const about = entry({ action: 'user <query>', subject: 'Adele Vance' });
      const long = entry({ action: 'smtp <account>', subject: `${'x'.repeat(250)}@contoso.com`, at: minutesAfter(1) });
      await log.record(about);
      await log.record(long);
      await log.record(entry({ at: minutesAfter(2) }));

      const [none, cut, adele] = await log.latest(3);
      expect(adele).toEqual(about);
      expect(cut!.subject).toBe('x'.repeat(200));
      expect(none).not.toHaveProperty('subject');
    });

    it('keeps an entry without an actor name', async () => {
      const anonymous = entry({ where: 'groupChat' });
      delete anonymous.actorName;

      await log.record(anonymous);

      expect(await log.latest(1)).toEqual([anonymous]);
    });

    it('answers the newest first, up to the limit', async () => {
      for (const minute of [5, 1, 9, 3]) await log.record(entry({ at: minutesAfter(minute), action: `m${minute}` }));

      expect((await log.latest(3)).map((e) => e.action)).toEqual(['m9', 'm5', 'm3']);
      expect(await log.latest(10)).toHaveLength(4);
    });

    it('orders entries of the same instant by when they were recorded, the later first', async () => {
      for (const action of ['first', 'second', 'third']) await log.record(entry({ action }));

      expect((await log.latest(10)).map((e) => e.action)).toEqual(['third', 'second', 'first']);
    });

    it('keeps every entry of concurrent writers', async () => {
      await Promise.all(Array.from({ length: 20 }, (_, i) => log.record(entry({ action: `a${i}` }))));

      expect(await log.latest(100)).toHaveLength(20);
    });

    it('refuses an unknown place or outcome', async () => {
      await expect(log.record(entry({ where: 'email' as AuditEntry['where'] }))).rejects.toThrow();
      await expect(log.record(entry({ outcome: 'maybe' as AuditEntry['outcome'] }))).rejects.toThrow();
      expect(await log.latest(10)).toEqual([]);
    });

    it('answers nothing when nothing was recorded', async () => {
      expect(await log.latest(5)).toEqual([]);
    });
  });
}

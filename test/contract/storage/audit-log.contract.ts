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

    describe('picks entries by or about a person', () => {
      beforeEach(async () => {
        await log.record(entry({ action: 'posture', at: minutesAfter(1) }));
        await log.record(entry({ action: 'user <query>', subject: 'adele.vance@contoso.com', at: minutesAfter(2) }));
        await log.record(
          entry({
            actorId: 'aad-ben-2',
            actorName: 'Ben Walters',
            action: 'weak <department>',
            subject: 'department Finance',
            at: minutesAfter(3),
          }),
        );
        await log.record(entry({ actorId: 'aad-adele-3', actorName: 'Adele Vance', action: 'campaigns', at: minutesAfter(4) }));
        await log.record(
          entry({
            actorId: 'aad-ben-2',
            actorName: 'Ben Walters',
            action: 'smtp <account>',
            subject: 'svc_scanner@contoso.com',
            at: minutesAfter(5),
          }),
        );
      });

      it('by the subject or the actor name, in any case, newest first', async () => {
        expect((await log.latest(10, { kind: 'about', text: 'ADELE' })).map((e) => e.action)).toEqual(['campaigns', 'user <query>']);
      });

      it('by the actor id or part of a name', async () => {
        expect((await log.latest(10, { kind: 'about', text: 'aad-ben-2' })).map((e) => e.action)).toEqual([
          'smtp <account>',
          'weak <department>',
        ]);
        expect((await log.latest(10, { kind: 'about', text: 'walt' })).map((e) => e.action)).toEqual([
          'smtp <account>',
          'weak <department>',
        ]);
      });

      it('by a full UPN, up to the limit', async () => {
        expect(await log.latest(1, { kind: 'about', text: 'Adele.Vance@Contoso.com' })).toEqual([
          entry({ action: 'user <query>', subject: 'adele.vance@contoso.com', at: minutesAfter(2) }),
        ]);
      });

      it('matches a typed % or _ as itself, not as a wildcard', async () => {
        expect((await log.latest(10, { kind: 'about', text: '_' })).map((e) => e.action)).toEqual(['smtp <account>']);
        expect(await log.latest(10, { kind: 'about', text: '%' })).toEqual([]);
      });

      it('answers nothing when no one matches', async () => {
        expect(await log.latest(10, { kind: 'about', text: 'megan' })).toEqual([]);
      });
    });

    it('picks the entries about one campaign from their action, and no other campaign', async () => {
      const actions = [
        'campaign 3',
        'campaign pause 3',
        'campaign new 3',
        'campaign export 3',
        'campaign 13',
        'campaign pause 31',
        'campaign 3x',
        'campaigns',
        'campaign new',
        'campaign card action',
        'audit campaign 3',
      ];
      for (const [minute, action] of actions.entries()) await log.record(entry({ action, at: minutesAfter(minute) }));

      expect((await log.latest(20, { kind: 'campaign', number: 3 })).map((e) => e.action)).toEqual([
        'campaign export 3',
        'campaign new 3',
        'campaign pause 3',
        'campaign 3',
      ]);
      expect((await log.latest(20, { kind: 'campaign', number: 13 })).map((e) => e.action)).toEqual(['campaign 13']);
      expect(await log.latest(20, { kind: 'campaign', number: 4 })).toEqual([]);
    });

    it('picks the entries at or after an instant, newest first', async () => {
      for (const minute of [1, 5, 9, 4]) await log.record(entry({ at: minutesAfter(minute), action: `m${minute}` }));

      expect((await log.latest(10, { kind: 'since', at: minutesAfter(5) })).map((e) => e.action)).toEqual(['m9', 'm5']);
      expect(await log.latest(10, { kind: 'since', at: minutesAfter(10) })).toEqual([]);
    });

    it('reads the whole log oldest first, a page at a time', async () => {
      for (const minute of [5, 1, 9, 3, 7]) await log.record(entry({ at: minutesAfter(minute), action: `m${minute}` }));
      await log.record(entry({ at: minutesAfter(3), action: 'm3 again' }));

      const pages = [await log.inOrder(0, 4), await log.inOrder(4, 4), await log.inOrder(8, 4)];
      expect(pages.map((page) => page.map((e) => e.action))).toEqual([['m1', 'm3', 'm3 again', 'm5'], ['m7', 'm9'], []]);
      expect(pages[0]![0]).toEqual(entry({ at: minutesAfter(1), action: 'm1' }));
    });

    it('deletes the entries recorded before the cutoff, keeps the others, and says how many went', async () => {
      for (const minute of [1, 2, 3, 4]) await log.record(entry({ at: minutesAfter(minute), action: `m${minute}` }));

      expect(await log.deleteBefore(minutesAfter(3))).toBe(2);
      expect((await log.latest(10)).map((e) => e.action)).toEqual(['m4', 'm3']);
      expect(await log.deleteBefore(minutesAfter(3))).toBe(0);
    });
  });
}

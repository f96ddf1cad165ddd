import type { AuditEntry } from '../../../src/domain/ports/audit-log';
import { purgeAuditLog } from '../../../src/use-cases/purge-audit-log';
import { InMemoryAuditLog } from '../../fakes/in-memory-audit-log';

// Years from the day the tests run: a purge that read the machine's clock instead of this one would keep or drop the wrong entries.
const NOW = new Date('2031-03-15T02:30:00.000Z');
const DAY = 24 * 3600_000;
const daysBefore = (days: number, ms = 0) => new Date(NOW.getTime() - days * DAY + ms);

const entry = (at: Date, action: string): AuditEntry => ({
  at,
  actorId: 'aad-admin-1',
  action,
  where: 'personal',
  conversationId: 'c',
  outcome: 'allowed',
});

async function logWith(entries: AuditEntry[]) {
  const auditLog = new InMemoryAuditLog();
  for (const e of entries) await auditLog.record(e);
  return auditLog;
}

describe('purging the audit log', () => {
  it('deletes the entries older than the retention counted back from the clock it is given, and keeps the rest', async () => {
    const auditLog = await logWith([
      entry(daysBefore(800), 'two years old'),
      entry(daysBefore(365, -1), 'a millisecond past the retention'),
      entry(daysBefore(365), 'exactly at the retention'),
      entry(daysBefore(364), 'within it'),
      entry(daysBefore(0), 'today'),
    ]);

    const result = await purgeAuditLog({ auditLog, retentionDays: 365 }, NOW);

    expect(result).toEqual({ deleted: 2, cutoff: daysBefore(365) });
    expect((await auditLog.latest(10)).map((e) => e.action)).toEqual(['today', 'within it', 'exactly at the retention']);
  });

  it('follows the retention it is given', async () => {
    const auditLog = await logWith([entry(daysBefore(40), 'forty days old'), entry(daysBefore(20), 'twenty days old')]);

    expect((await purgeAuditLog({ auditLog, retentionDays: 30 }, NOW)).deleted).toBe(1);
    expect((await auditLog.latest(10)).map((e) => e.action)).toEqual(['twenty days old']);
  });

  it('refuses a retention under one day rather than empty the log', async () => {
    const auditLog = await logWith([entry(daysBefore(0, -1000), 'a second ago')]);

    await expect(purgeAuditLog({ auditLog, retentionDays: 0 }, NOW)).rejects.toThrow(/not a retention/);
    expect(await auditLog.latest(10)).toHaveLength(1);
  });
});

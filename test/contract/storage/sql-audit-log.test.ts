import type { Database } from '../../../src/adapters/storage/database';
import { SqlAuditLog } from '../../../src/adapters/storage/sql-audit-log';
import type { AuditEntry } from '../../../src/domain/ports/audit-log';
import { databaseTargets } from '../../support/test-database';

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

describe.each(databaseTargets())('SqlAuditLog on $name', (target) => {
  let db: Database;
  let log: SqlAuditLog;

  beforeAll(async () => {
    db = await target.openMigrated();
  }, 30_000);
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    await db.exec('TRUNCATE audit_log');
    log = new SqlAuditLog(db);
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
    await Promise.all(Array.from({ length: 20 }, (_, i) => new SqlAuditLog(db).record(entry({ action: `a${i}` }))));

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

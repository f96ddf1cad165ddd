import type { AuditEntry } from '../../../src/domain/ports/audit-log';
import { exportAuditLog } from '../../../src/use-cases/export-audit-log';
import { InMemoryAuditLog } from '../../fakes/in-memory-audit-log';
import { InMemoryDownloadVault } from '../../fakes/in-memory-download-vault';

const at = (iso: string) => new Date(`${iso}Z`);
const NOW = at('2026-12-10T16:30');
const HEADER = 'at,actorId,actorName,action,subject,where,outcome,conversationId';

function entry(overrides: Partial<AuditEntry>): AuditEntry {
  return {
    at: at('2026-12-01T09:00'),
    actorId: 'aad-admin-1',
    actorName: 'Megan Bowen',
    action: 'posture',
    where: 'personal',
    conversationId: 'a:personal-1',
    outcome: 'allowed',
    ...overrides,
  };
}

async function setUp(entries: AuditEntry[]) {
  const auditLog = new InMemoryAuditLog();
  for (const e of entries) await auditLog.record(e);
  const vault = new InMemoryDownloadVault();
  return { auditLog, vault, deps: { auditLog, vault, now: () => NOW } };
}

describe('exporting the audit log', () => {
  it('writes every entry oldest first, in its columns, behind a one-time link for the admin who asked', async () => {
    const { deps, vault } = await setUp([
      entry({
        at: at('2026-12-03T10:15'),
        action: 'user <query>',
        subject: 'Vance, "Adele"',
        where: 'channel',
        conversationId: '19:abc@thread',
      }),
      entry({ at: at('2026-12-01T09:00') }),
      // Typed by people: a name or subject a spreadsheet would run as a formula is written as text.
      entry({
        at: at('2026-12-02T08:00'),
        actorId: 'aad-x',
        actorName: '=HYPERLINK("http://evil.example")',
        subject: '+1 555',
        outcome: 'refused',
      }),
    ]);
    const deposit = jest.spyOn(vault, 'deposit');

    const answer = await exportAuditLog(deps, 'admin-1');

    expect(answer).toEqual({
      token: expect.any(String),
      rows: 3,
      expiresAt: at('2026-12-10T16:45'),
      fileName: 'audit-log-2026-12-10.csv',
      oldest: at('2026-12-01T09:00'),
    });
    expect(deposit).toHaveBeenCalledWith(expect.objectContaining({ actorId: 'admin-1', expiresAt: answer.expiresAt }), NOW);
    expect(await vault.collect(answer.token, NOW)).toEqual({
      fileName: 'audit-log-2026-12-10.csv',
      content: [
        HEADER,
        '2026-12-01T09:00:00.000Z,aad-admin-1,Megan Bowen,posture,,personal,allowed,a:personal-1',
        `2026-12-02T08:00:00.000Z,aad-x,"'=HYPERLINK(""http://evil.example"")",posture,"'+1 555",personal,refused,a:personal-1`,
        '2026-12-03T10:15:00.000Z,aad-admin-1,Megan Bowen,user <query>,"Vance, ""Adele""",channel,allowed,19:abc@thread',
        '',
      ].join('\r\n'),
    });
    // The link works once.
    expect(await vault.collect(answer.token, NOW)).toBeUndefined();
  });

  it('leaves the actor name empty where Teams gave none', async () => {
    const anonymous = entry({});
    delete anonymous.actorName;
    const { deps, vault } = await setUp([anonymous]);

    const answer = await exportAuditLog(deps, 'admin-1');

    expect((await vault.collectText(answer.token, NOW))?.split('\r\n')[1]).toBe(
      '2026-12-01T09:00:00.000Z,aad-admin-1,,posture,,personal,allowed,a:personal-1',
    );
  });

  it('writes every entry of a log longer than one page, once each', async () => {
    const many = Array.from({ length: 2345 }, (_, i) =>
      entry({ at: new Date(at('2026-01-01T00:00').getTime() + i * 60_000), action: `a${i}` }),
    );
    const { deps, vault } = await setUp(many);

    const answer = await exportAuditLog(deps, 'admin-1');

    const rows = (await vault.collectText(answer.token, NOW))!.trim().split('\r\n').slice(1);
    expect(answer.rows).toBe(2345);
    expect(rows.map((row) => row.split(',')[3])).toEqual(many.map((e) => e.action));
  });

  it('writes the header alone for an empty log', async () => {
    const { deps, vault } = await setUp([]);

    const answer = await exportAuditLog(deps, 'admin-1');

    expect(answer.rows).toBe(0);
    expect(answer).not.toHaveProperty('oldest');
    expect(await vault.collectText(answer.token, NOW)).toBe(`${HEADER}\r\n`);
  });
});

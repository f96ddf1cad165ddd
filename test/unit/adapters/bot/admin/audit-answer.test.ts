import { auditAnswer, type AuditAnswerDeps } from '../../../../../src/adapters/bot/admin/audit-answer';
import { EXPORTS_OFF } from '../../../../../src/adapters/bot/cards/export-ready-card';
import type { AuditFilter } from '../../../../../src/domain/admin/admin-command';
import type { AuditEntry } from '../../../../../src/domain/ports/audit-log';
import { AUDIT_ENTRIES_SHOWN } from '../../../../../src/use-cases/read-audit';
import { InMemoryAuditLog } from '../../../../fakes/in-memory-audit-log';
import { InMemoryDownloadVault } from '../../../../fakes/in-memory-download-vault';

const NOW = new Date('2026-12-10T16:30:00.000Z');
const daysBefore = (days: number) => new Date(NOW.getTime() - days * 24 * 3600_000);
const TRY_AUDIT = 'Say **audit** to see the latest entries.';

function entry(overrides: Partial<AuditEntry>): AuditEntry {
  return {
    at: daysBefore(1),
    actorId: 'aad-admin-1',
    actorName: 'Megan Bowen',
    action: 'posture',
    where: 'personal',
    conversationId: 'a:personal-1',
    outcome: 'allowed',
    ...overrides,
  };
}

async function depsWith(entries: AuditEntry[], publicUrl?: string) {
  const auditLog = new InMemoryAuditLog();
  for (const e of entries) await auditLog.record(e);
  const vault = new InMemoryDownloadVault();
  const deps: AuditAnswerDeps = { auditLog, vault, now: () => NOW, publicUrl: () => publicUrl };
  return { deps, vault };
}

const LOG = [
  entry({ at: daysBefore(30), action: 'campaign pause 3', actorName: 'Lee Gu', actorId: 'aad-lee' }),
  entry({ at: daysBefore(20), action: 'user <query>', subject: 'adele.vance@contoso.com' }),
  entry({ at: daysBefore(6), action: 'campaign 4', actorName: 'Lee Gu', actorId: 'aad-lee' }),
  entry({ at: daysBefore(2), action: 'nudge <user>', subject: 'ben@contoso.com', outcome: 'failed', where: 'channel' }),
];

async function textOf(filter: AuditFilter | undefined, entries = LOG): Promise<string> {
  const { deps } = await depsWith(entries);
  const answer = await auditAnswer(filter ? { name: 'audit', filter } : { name: 'audit' }, 'aad-admin-1', deps);
  expect(answer.kind).toBe('list');
  return answer.text!;
}

describe('the audit answer', () => {
  it('lists the latest entries, newest first, escaped', async () => {
    const text = await textOf(undefined);
    expect(text.split('\n')).toEqual([
      '**Latest admin commands** (newest first)',
      '',
      '- 2026-12-08 16:30 UTC · Megan Bowen · nudge \\<user\\> (about ben@contoso\\.com) · channel · failed',
      '- 2026-12-04 16:30 UTC · Lee Gu · campaign 4 · personal · allowed',
      '- 2026-11-20 16:30 UTC · Megan Bowen · user \\<query\\> (about adele\\.vance@contoso\\.com) · personal · allowed',
      '- 2026-11-10 16:30 UTC · Lee Gu · campaign pause 3 · personal · allowed',
    ]);
  });

  it('says whose entries it shows for a person, and shows only theirs', async () => {
    const text = await textOf({ kind: 'person', text: 'Adele' });
    expect(text).toMatch(/^\*\*Admin commands by or about "Adele"\*\* \(newest first\)/);
    expect(text).toContain('adele\\.vance@contoso\\.com');
    expect(text).not.toContain('ben@contoso');
    expect(text).not.toContain('campaign');
  });

  it('finds the entries a person made by their name', async () => {
    const text = await textOf({ kind: 'person', text: 'lee gu' });
    expect(text.match(/^- /gm)).toHaveLength(2);
    expect(text).toContain('campaign pause 3');
    expect(text).toContain('campaign 4');
  });

  it('escapes the person it was asked for', async () => {
    const text = await textOf({ kind: 'person', text: '*[x](http://evil.example)' }, [entry({ subject: '*[x](http://evil.example)' })]);
    expect(text).toContain('"\\*\\[x\\]\\(http://evil\\.example\\)"');
    expect(text).not.toContain('[x](');
  });

  it('says which campaign it shows, and shows only that one', async () => {
    const text = await textOf({ kind: 'campaign', number: 3 });
    expect(text).toMatch(/^\*\*Commands about campaign 3\*\* \(newest first\)/);
    expect(text).toContain('campaign pause 3');
    expect(text).not.toContain('campaign 4');
    expect(text.match(/^- /gm)).toHaveLength(1);
  });

  it('shows the entries of the last days, counted back from its own clock', async () => {
    const text = await textOf({ kind: 'days', days: 7 });
    expect(text).toMatch(/^\*\*Admin commands of the last 7 days\*\* \(newest first\)/);
    expect(text).toContain('nudge \\<user\\>');
    expect(text).toContain('campaign 4');
    expect(text).not.toContain('user \\<query\\>');
    expect(text).not.toContain('campaign pause 3');
  });

  it.each([
    [undefined, 'No admin commands have been recorded yet.'],
    [{ kind: 'person', text: 'megan_b' }, `Nothing in the audit log was done by or about "megan\\_b". ${TRY_AUDIT}`],
    [{ kind: 'campaign', number: 9 }, `Nothing in the audit log is about campaign 9. ${TRY_AUDIT}`],
    [{ kind: 'days', days: 1 }, `No admin commands were recorded in the last day. ${TRY_AUDIT}`],
    [{ kind: 'days', days: 30 }, `No admin commands were recorded in the last 30 days. ${TRY_AUDIT}`],
  ] as const)('says plainly when nothing matches %j, and what to say next', async (filter, said) => {
    const old = [entry({ at: daysBefore(40), actorName: 'Lee Gu', actorId: 'aad-lee' })];
    expect(await textOf(filter, filter === undefined ? [] : old)).toBe(said);
  });

  it('says when more entries match than it shows, and where to find them all', async () => {
    const many = Array.from({ length: AUDIT_ENTRIES_SHOWN + 1 }, (_, i) => entry({ at: daysBefore(i + 1), action: `posture ${i}` }));
    const text = await textOf(undefined, many);
    expect(text.match(/^- /gm)).toHaveLength(AUDIT_ENTRIES_SHOWN);
    expect(text).toContain(`Only the newest ${AUDIT_ENTRIES_SHOWN} are shown. Say **audit export** for the whole log as a file.`);
    expect(await textOf(undefined, many.slice(1))).not.toContain('Only the newest');
  });
});

describe('the audit export answer', () => {
  it('gives a one-time link to the whole log, on a card that says it is the audit log', async () => {
    const { deps, vault } = await depsWith(LOG, 'https://mfa.contoso.example/');

    const answer = await auditAnswer({ name: 'audit', export: true }, 'aad-admin-1', deps);

    expect(answer.kind).toBe('export');
    const card = JSON.stringify(answer.card);
    expect(card).toContain('Your audit log export is ready');
    expect(card).toContain('Every entry of the audit log (4 entries, since 10 Nov 2026)');
    const link = /https:\/\/mfa\.contoso\.example\/exports\/([A-Za-z0-9_-]+)/.exec(card);
    expect(link).not.toBeNull();
    const file = await vault.collect(link![1]!, NOW);
    expect(file?.fileName).toBe('audit-log-2026-12-10.csv');
    expect(file && 'content' in file && file.content.split('\r\n')).toHaveLength(LOG.length + 2);
    expect(await vault.collect(link![1]!, NOW)).toBeUndefined();
  });

  it('says exports are off, and keeps no file, when browsers have no address for the bot', async () => {
    const { deps, vault } = await depsWith(LOG);
    const deposit = jest.spyOn(vault, 'deposit');

    expect(await auditAnswer({ name: 'audit', export: true }, 'aad-admin-1', deps)).toEqual({ kind: 'export', text: EXPORTS_OFF });
    expect(deposit).not.toHaveBeenCalled();
  });
});

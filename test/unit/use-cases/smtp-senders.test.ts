import type { SmtpSignIn } from '../../../src/domain/smtp/smtp-sender';
import type { SmtpLogRead, SmtpLogWindow, SmtpSignInLog } from '../../../src/domain/ports/smtp-sign-in-log';
import { scanSmtpSenders } from '../../../src/use-cases/scan-smtp-senders';
import { lookUpSmtpSender, readSmtpReadiness, smtpPostureLine, type SmtpReadinessDeps } from '../../../src/use-cases/read-smtp-readiness';
import { InMemorySmtpSenderStore } from '../../fakes/in-memory-smtp-sender-store';

const DAY = 86_400_000;
const NOW = new Date('2026-12-04T09:00:00Z');

/** A sign-in log that serves the given pages, or refuses as given, and remembers the window asked for. */
class ScriptedLog implements SmtpSignInLog {
  windows: SmtpLogWindow[] = [];
  constructor(private readonly answer: SmtpSignIn[][] | Exclude<SmtpLogRead, { ok: true }>) {}
  async readSmtpSignIns(window: SmtpLogWindow, onPage: (signIns: SmtpSignIn[]) => Promise<void>): Promise<SmtpLogRead> {
    this.windows.push(window);
    if (!Array.isArray(this.answer)) return this.answer;
    for (const page of this.answer) await onPage(page);
    return { ok: true, signIns: this.answer.flat().length, pages: this.answer.length, throttled: 0 };
  }
}

const signIn = (upn: string, daysAgo: number, over: Partial<SmtpSignIn> = {}): SmtpSignIn => ({
  at: new Date(NOW.getTime() - daysAgo * DAY),
  accountId: `${upn.split('@')[0]}-id`,
  userPrincipalName: upn,
  succeeded: true,
  usedPassword: true,
  ipAddress: '203.0.113.10',
  ...over,
});

const PAGES = [
  [signIn('scanner@contoso.example', 1), signIn('scanner@contoso.example', 9, { succeeded: false, ipAddress: '203.0.113.44' })],
  [signIn('app@contoso.example', 2, { usedPassword: false }), signIn('ruth@contoso.example', 29)],
  [signIn('old-printer@contoso.example', 3, { succeeded: false })],
];

function readinessDeps(store: InMemorySmtpSenderStore, now = NOW): SmtpReadinessDeps {
  const people = new Map([
    ['ruth-id', { id: 'ruth-id', displayName: 'Ruth Lee', userPrincipalName: 'ruth@contoso.example', givenName: 'Ruth' }],
    ['scanner-id', { id: 'scanner-id', displayName: 'Scanner', userPrincipalName: 'scanner@contoso.example', managerId: 'alex-id' }],
    ['alex-id', { id: 'alex-id', displayName: 'Alex Wu', userPrincipalName: 'alex@contoso.example', givenName: 'Alex' }],
  ]);
  return {
    store,
    account: async (id) => people.get(id),
    person: async (key) => [...people.values()].find((p) => p.id === key || p.userPrincipalName === key),
    configuredOwners: new Map([['old-printer@contoso.example', 'alex@contoso.example']]),
    now: () => now,
  };
}

describe('reading the SMTP AUTH senders', () => {
  it('asks for the 30 days before now, tallies every page and stores one entry per account', async () => {
    const store = new InMemorySmtpSenderStore();
    const log = new ScriptedLog(PAGES);

    const outcome = await scanSmtpSenders({ log, store, now: () => NOW });

    expect(log.windows).toEqual([{ since: new Date(NOW.getTime() - 30 * DAY), until: NOW }]);
    expect(outcome).toEqual({ kind: 'completed', senders: 4, passwordSenders: 3, signIns: 5, pages: 3, throttled: 0 });
    expect(await store.countSmtpSenders(new Date(NOW.getTime() - 30 * DAY))).toEqual({ password: 3, passwordFailingOnly: 1, oauthOnly: 1 });
  });

  it('an empty month is a completed read with nobody, not a failure', async () => {
    const store = new InMemorySmtpSenderStore();
    expect(await scanSmtpSenders({ log: new ScriptedLog([[]]), store, now: () => NOW })).toMatchObject({ kind: 'completed', senders: 0 });
    const card = await readSmtpReadiness(readinessDeps(store));
    expect(card.lastCompleted).toBeDefined();
    expect(card.counts.password).toBe(0);
    expect(await smtpPostureLine(readinessDeps(store))).toEqual({
      text: expect.stringMatching(/^No account sent mail with a password/),
      tone: 'good',
    });
  });

  it('a refused read is recorded with what is missing, and the previous senders stay', async () => {
    const store = new InMemorySmtpSenderStore();
    await scanSmtpSenders({ log: new ScriptedLog(PAGES), store, now: () => NOW });
    const refused = { ok: false, reason: 'notPermitted', missing: ['Directory.Read.All'], detail: '403' } as const;

    const later = new Date(NOW.getTime() + DAY);
    expect(await scanSmtpSenders({ log: new ScriptedLog(refused), store, now: () => later })).toEqual({
      kind: 'unavailable',
      failure: { reason: 'notPermitted', missing: ['Directory.Read.All'], detail: '403' },
    });
    const card = await readSmtpReadiness(readinessDeps(store, later));
    expect(card.latestFailure).toEqual({ reason: 'notPermitted', missing: ['Directory.Read.All'], detail: '403', at: later });
    expect(card.counts.password).toBe(3);
  });
});

describe('what smtp shows', () => {
  it('the password senders of the last 30 days, latest first, each with its owner', async () => {
    const store = new InMemorySmtpSenderStore();
    await scanSmtpSenders({ log: new ScriptedLog(PAGES), store, now: () => NOW });

    const card = await readSmtpReadiness(readinessDeps(store));

    expect(card.countdown.days).toBe(27);
    expect(card.top.map((t) => [t.sender.userPrincipalName, t.owner.kind, t.ownerName])).toEqual([
      ['scanner@contoso.example', 'manager', 'Alex Wu'],
      ['old-printer@contoso.example', 'configured', 'Alex Wu'],
      ['ruth@contoso.example', 'self', 'Ruth Lee'],
    ]);
  });

  it('read two days later, a sender last seen 29 days before the read has left the period', async () => {
    const store = new InMemorySmtpSenderStore();
    await scanSmtpSenders({ log: new ScriptedLog(PAGES), store, now: () => NOW });

    const card = await readSmtpReadiness(readinessDeps(store, new Date(NOW.getTime() + 2 * DAY)));

    expect(card.top.map((t) => t.sender.userPrincipalName)).not.toContain('ruth@contoso.example');
    expect(card.counts.password).toBe(2);
  });

  it('smtp <account>: one match by address in any case, device paths first; OAuth only has no paths; several are listed', async () => {
    const store = new InMemorySmtpSenderStore();
    await scanSmtpSenders({ log: new ScriptedLog(PAGES), store, now: () => NOW });
    const deps = readinessDeps(store);

    const scanner = await lookUpSmtpSender(deps, 'SCANNER@contoso.example');
    expect(scanner).toMatchObject({ kind: 'found', owned: { owner: { kind: 'manager' } } });
    expect(scanner.kind === 'found' && scanner.paths[0]?.key).toBe('connectorRelay');
    const app = await lookUpSmtpSender(deps, 'app@contoso.example');
    expect(app.kind === 'found' && app.paths).toEqual([]);
    expect(await lookUpSmtpSender(deps, '@contoso.example')).toMatchObject({ kind: 'several' });
    expect(await lookUpSmtpSender(deps, 'nobody@contoso.example')).toEqual({ kind: 'none', neverRead: false });
  });
});

describe('the posture line around the end of December 2026', () => {
  const line = async (now: Date) => {
    const store = new InMemorySmtpSenderStore();
    await scanSmtpSenders({
      log: new ScriptedLog([[signIn('scanner@contoso.example', 1, { at: new Date(now.getTime() - DAY) })]]),
      store,
      now: () => now,
    });
    return smtpPostureLine(readinessDeps(store, now));
  };

  it('counts down before, says "today" on the day, and what has happened after', async () => {
    expect(await line(new Date('2026-11-20T12:00:00Z'))).toEqual({
      text: '1 account still sends mail with a password: MFA cannot protect it (last 30 days); SMTP AUTH with a password is switched off by default at the end of December 2026 (41 days)',
      tone: 'warning',
    });
    expect((await line(new Date('2026-12-30T23:59:00Z')))?.text).toContain('at the end of this month (1 day)');
    expect((await line(new Date('2026-12-31T00:00:00Z')))?.text).toContain('switched off by default today');
    expect(await line(new Date('2027-01-01T00:00:00Z'))).toEqual({
      text: expect.stringContaining('since the end of December 2026, SMTP AUTH with a password is off by default (1 day ago)'),
      tone: 'attention',
    });
  });

  it('says nothing before the sign-in log was ever read', async () => {
    expect(await smtpPostureLine(readinessDeps(new InMemorySmtpSenderStore()))).toBeUndefined();
  });
});

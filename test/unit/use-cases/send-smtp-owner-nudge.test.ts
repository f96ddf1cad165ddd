import { DEFAULT_FREQUENCY_CAP } from '../../../src/domain/nudges/frequency-cap';
import { DEFAULT_SENDING_HOURS } from '../../../src/domain/nudges/quiet-hours';
import type { SendGate } from '../../../src/domain/ports/send-gate';
import { SmtpSenderTally, type SmtpSignIn } from '../../../src/domain/smtp/smtp-sender';
import type { SmtpReadinessDeps } from '../../../src/use-cases/read-smtp-readiness';
import { ownersOfLatestRead } from '../../../src/use-cases/smtp-owners';
import { sendSmtpOwnerNudge, type SmtpOwnerNudgeDeps, type SmtpOwnerNudgeRequest } from '../../../src/use-cases/send-smtp-owner-nudge';
import { fakeUser } from '../../fakes/fake-user';
import { InMemoryConversationReferenceStore } from '../../fakes/in-memory-conversation-reference-store';
import { InMemoryDirectory } from '../../fakes/in-memory-directory';
import { InMemorySmtpOwnerNudges } from '../../fakes/in-memory-smtp-owner-nudges';
import { InMemorySmtpSenderStore } from '../../fakes/in-memory-smtp-sender-store';
import { RecordingTeams } from './recording-teams';

/** Monday 7 December 2026, 10:00 UTC: within Alex's office hours in London. */
const NOW = new Date('2026-12-07T10:00:00Z');
const DAY = 86_400_000;

const signIn = (upn: string, accountId: string, daysAgo: number, over: Partial<SmtpSignIn> = {}): SmtpSignIn => ({
  at: new Date(NOW.getTime() - daysAgo * DAY),
  accountId,
  userPrincipalName: upn,
  succeeded: true,
  usedPassword: true,
  ipAddress: '203.0.113.10',
  ...over,
});

/**
 * Alex manages two shared mailboxes that send with a password (the scanner, the fax); Ruth's own mailbox sends
 * from a script; the invoicing app uses OAuth; the old printer's mailbox has no manager; the lab's mailbox is
 * configured to Ruth.
 */
async function setUp() {
  const directory = new InMemoryDirectory([fakeUser('alex', { displayName: 'Alex Wu' }), fakeUser('ruth', { displayName: 'Ruth Lee' })]);
  directory.timeZones.set('alex', 'Europe/London');
  const accounts = new Map([
    ['scanner', { id: 'scanner', displayName: 'Scanner', userPrincipalName: 'scanner@contoso.example', managerId: 'alex' }],
    ['fax', { id: 'fax', displayName: 'Fax', userPrincipalName: 'fax@contoso.example', managerId: 'alex' }],
    ['ruth', { id: 'ruth', displayName: 'Ruth Lee', userPrincipalName: 'ruth@contoso.example', givenName: 'Ruth' }],
    ['alex', { id: 'alex', displayName: 'Alex Wu', userPrincipalName: 'alex@contoso.example', givenName: 'Alex' }],
    ['printer', { id: 'printer', displayName: 'Old printer', userPrincipalName: 'printer@contoso.example' }],
    ['lab', { id: 'lab', displayName: 'Lab', userPrincipalName: 'lab@contoso.example' }],
  ]);
  const senders = new InMemorySmtpSenderStore();
  const events = [
    signIn('scanner@contoso.example', 'scanner', 1),
    signIn('fax@contoso.example', 'fax', 4, { succeeded: false }),
    signIn('ruth@contoso.example', 'ruth', 2, { client: 'WindowsPowerShell/5.1' }),
    signIn('invoicing@contoso.example', 'invoicing', 1, { usedPassword: false }),
    signIn('printer@contoso.example', 'printer', 3),
    signIn('lab@contoso.example', 'lab', 5),
  ];
  const tally = new SmtpSenderTally();
  tally.add(events);
  await senders.saveSmtpScan(
    { status: 'completed', finishedAt: NOW, window: { since: new Date(NOW.getTime() - 30 * DAY), until: NOW }, signIns: events.length },
    tally.senders(),
  );
  const owners: SmtpReadinessDeps = {
    store: senders,
    account: async (id) => accounts.get(id),
    person: async (key) => [...accounts.values()].find((a) => a.id === key || a.userPrincipalName === key),
    configuredOwners: new Map([['lab@contoso.example', 'ruth@contoso.example']]),
    now: () => clock,
  };
  const ledger = new InMemorySmtpOwnerNudges();
  const teams = new RecordingTeams();
  let clock = NOW;
  const deps: SmtpOwnerNudgeDeps = {
    owners,
    directory,
    ledger,
    references: new InMemoryConversationReferenceStore(),
    installer: teams.installer,
    messenger: teams.messenger,
    nudges: { sendingHours: DEFAULT_SENDING_HOURS, defaultTimeZone: 'UTC', cap: DEFAULT_FREQUENCY_CAP },
    now: () => clock,
    recordRetryWaitsMs: [],
  };
  return {
    deps,
    ledger,
    teams,
    send: (request: Partial<SmtpOwnerNudgeRequest> & Pick<SmtpOwnerNudgeRequest, 'about'>) =>
      sendSmtpOwnerNudge(deps, { source: 'admin', ...request }),
    moveTo: (instant: Date) => {
      clock = instant;
    },
  };
}

describe("the owner's nudge about accounts that send mail with a password", () => {
  it("tells a shared mailbox's manager, in one card about all the mailboxes they manage, the one asked about first", async () => {
    const { send, teams, ledger } = await setUp();

    const result = await send({ about: { accountUpn: 'FAX@contoso.example' } });

    expect(result).toMatchObject({ kind: 'sent', owner: { id: 'alex' }, accounts: 2 });
    expect(teams.smtpCards).toHaveLength(1);
    const { userId, card } = teams.smtpCards[0]!;
    expect(userId).toBe('alex');
    expect(card).toMatchObject({ kind: 'smtpOwner', whyYou: 'manager', more: 0 });
    expect(card.accounts.map((a) => a.userPrincipalName)).toEqual(['fax@contoso.example', 'scanner@contoso.example']);
    expect(card.accounts[0]).toMatchObject({ succeeded: false, address: '203.0.113.10' });
    expect(card.accounts[0]!.paths.map((p) => p.key)).toEqual(['connectorRelay', 'highVolumeEmail']);
    expect(card.headline).toContain('at the end of this month (24 days)');
    expect((await ledger.latestTo('alex', 5)).map((n) => [n.status, n.accountIds])).toEqual([['sent', ['fax', 'scanner']]]);
  });

  it('tells a person about their own mailbox, with the code paths first for a script; a configured owner wins', async () => {
    const { send, teams } = await setUp();

    await send({ about: { accountUpn: 'ruth@contoso.example' } });

    const { userId, card } = teams.smtpCards[0]!;
    expect(userId).toBe('ruth');
    // Ruth's own mailbox, and the lab's, which SMTP_MAILBOX_OWNERS gives her: one card.
    expect(card.accounts.map((a) => a.userPrincipalName)).toEqual(['ruth@contoso.example', 'lab@contoso.example']);
    expect(card.accounts[0]!.paths.map((p) => p.key)).toEqual(['oauthApp', 'graphSendMail']);
    expect(card.whyYou).toBe('self');
  });

  it('tells nobody about an OAuth-only account, and names why nobody can be told about an ownerless one', async () => {
    const { send, teams } = await setUp();
    expect(await send({ about: { accountUpn: 'invoicing@contoso.example' } })).toEqual({ kind: 'nothingToMove' });
    expect(await send({ about: { accountUpn: 'nobody@contoso.example' } })).toEqual({ kind: 'nothingToMove' });
    expect(await send({ about: { accountUpn: 'printer@contoso.example' } })).toEqual({
      kind: 'noOwner',
      why: expect.stringContaining('SMTP_MAILBOX_OWNERS'),
    });
    expect(teams.smtpCards).toEqual([]);
  });

  it("waits for the owner's sending hours, then holds the frequency cap unless forced", async () => {
    const { send, moveTo, teams } = await setUp();
    moveTo(new Date('2026-12-07T06:00:00Z'));
    expect(await send({ about: { ownerId: 'alex' } })).toMatchObject({
      kind: 'deferred',
      reason: 'sendingHours',
      notBefore: new Date('2026-12-07T09:00:00Z'),
      timeZone: 'Europe/London',
    });

    moveTo(NOW);
    expect(await send({ about: { ownerId: 'alex' } })).toMatchObject({ kind: 'sent' });
    expect(await send({ about: { ownerId: 'alex' } })).toMatchObject({ kind: 'deferred', reason: 'frequencyCap' });
    expect(await send({ about: { ownerId: 'alex' }, force: true })).toMatchObject({ kind: 'sent' });
    expect(teams.smtpCards).toHaveLength(2);
  });

  it('a keyed request marks its nudge right before the card leaves, and its retry never sends again', async () => {
    const { send, teams, ledger } = await setUp();
    const events: string[] = [];
    const gate: SendGate = {
      place: async (what) => {
        events.push(`place ${what}`);
        return () => undefined;
      },
      mark: async () => {
        events.push('mark');
        return true;
      },
    };

    const first = await send({ about: { ownerId: 'alex' }, requestKey: 'job-1', gate, source: 'campaign' });
    const again = await send({ about: { ownerId: 'alex' }, requestKey: 'job-1', gate, source: 'campaign' });

    expect(first).toMatchObject({ kind: 'sent' });
    expect(again).toMatchObject({ kind: 'sent', nudgeId: (first as { nudgeId: string }).nudgeId });
    expect(teams.smtpCards).toHaveLength(1);
    expect(events.filter((e) => e === 'mark')).toHaveLength(1);
    expect(await ledger.latestTo('alex', 5)).toHaveLength(1);
  });

  it('a retry of a request whose card was on its way when its attempt stopped records it as uncertain and sends nothing', async () => {
    const { send, teams, ledger } = await setUp();
    // The earlier attempt reserved its card, marked it as leaving, and stopped before Teams answered.
    const earlier = await ledger.reserve(
      { ownerId: 'alex', accountIds: ['scanner-id'], source: 'campaign', now: NOW, requestKey: 'job-2' },
      new Date(0),
      () => ({ kind: 'go' }),
    );
    if (earlier.kind !== 'reserved') throw new Error(`expected a reservation, got ${earlier.kind}`);
    expect(await ledger.markSendStarted(earlier.nudge.id, NOW)).toBe(true);

    expect(await send({ about: { ownerId: 'alex' }, requestKey: 'job-2', source: 'campaign' })).toMatchObject({
      kind: 'uncertain',
      nudgeId: earlier.nudge.id,
    });
    expect(teams.smtpCards).toHaveLength(0);
    expect((await ledger.latestTo('alex', 5)).map((card) => [card.id, card.status])).toEqual([[earlier.nudge.id, 'uncertain']]);
    // Asked again: still uncertain, never a card.
    expect(await send({ about: { ownerId: 'alex' }, requestKey: 'job-2', source: 'campaign' })).toMatchObject({ kind: 'uncertain' });
    expect(teams.smtpCards).toHaveLength(0);
  });

  it('records what Teams answered: a blocked owner is blocked, and no longer counts towards the cap', async () => {
    const { send, teams, ledger } = await setUp();
    teams.cardAnswers('alex', { kind: 'blocked', code: 'ConversationBlockedByUser' });

    expect(await send({ about: { ownerId: 'alex' } })).toMatchObject({ kind: 'blocked', code: 'ConversationBlockedByUser' });
    expect((await ledger.latestTo('alex', 1))[0]).toMatchObject({ status: 'blocked', detail: 'ConversationBlockedByUser' });
    expect(await send({ about: { ownerId: 'alex' } })).toMatchObject({ kind: 'sent' });
  });

  it('an owner gone from the directory is unknown, and nothing is reserved', async () => {
    const { send, deps, ledger } = await setUp();
    deps.owners = { ...deps.owners, configuredOwners: new Map([['scanner@contoso.example', 'ghost@contoso.example']]) };
    (deps.owners as { person: SmtpReadinessDeps['person'] }).person = async (key) =>
      key === 'ghost@contoso.example' ? { id: 'ghost', displayName: 'Ghost', userPrincipalName: key } : undefined;

    expect(await send({ about: { accountUpn: 'scanner@contoso.example' } })).toEqual({ kind: 'unknownPerson', ownerId: 'ghost' });
    expect(await ledger.latestTo('ghost', 5)).toEqual([]);
  });

  it('works the owners out once per read of the sign-in log for a campaign, and again after a new read or a minute', async () => {
    const { deps, moveTo } = await setUp();
    const accountReads = jest.fn(deps.owners.account);
    const owners = { ...deps.owners, account: accountReads };
    const ownersOfPeriod = ownersOfLatestRead(owners);
    const perCard = { ...deps, owners, ownersOfPeriod };

    const first = await sendSmtpOwnerNudge(perCard, { about: { ownerId: 'alex' }, source: 'campaign' });
    const readsForOne = accountReads.mock.calls.length;
    expect(readsForOne).toBeGreaterThan(0);
    expect(await sendSmtpOwnerNudge(perCard, { about: { ownerId: 'ruth' }, source: 'campaign' })).toMatchObject({ kind: 'sent' });
    expect(first).toMatchObject({ kind: 'sent', accounts: 2 });
    // The second card read no account again.
    expect(accountReads).toHaveBeenCalledTimes(readsForOne);

    // A new read of the log: its owners are worked out again.
    await owners.store.saveSmtpScan(
      {
        status: 'completed',
        finishedAt: new Date(NOW.getTime() + 1_000),
        window: { since: new Date(NOW.getTime() - 30 * DAY), until: NOW },
        signIns: 0,
      },
      [],
    );
    expect(await ownersOfPeriod()).toEqual({ owners: [], ownerless: [] });
    // Past a minute, even the same read is worked out again (owners come from the latest posture scan too).
    const again = ownersOfLatestRead(deps.owners);
    const senderReads = jest.spyOn(deps.owners.store, 'listSmtpSenders');
    await again();
    await again();
    expect(senderReads).toHaveBeenCalledTimes(1);
    moveTo(new Date(NOW.getTime() + 61_000));
    await again();
    expect(senderReads).toHaveBeenCalledTimes(2);
  });
});

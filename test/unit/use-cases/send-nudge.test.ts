import { DEFAULT_CLASSIFICATION_POLICY } from '../../../src/domain/mfa/mfa-strength';
import { DEFAULT_FREQUENCY_CAP } from '../../../src/domain/nudges/frequency-cap';
import { DEFAULT_SENDING_HOURS } from '../../../src/domain/nudges/quiet-hours';
import { DEFAULT_SNOOZE_POLICY } from '../../../src/domain/nudges/snooze-policy';
import type { SendGate } from '../../../src/domain/ports/send-gate';
import { sendNudge, type NudgeRequest, type SendNudgeDeps } from '../../../src/use-cases/send-nudge';
import { fakeUser } from '../../fakes/fake-user';
import { InMemoryConversationReferenceStore } from '../../fakes/in-memory-conversation-reference-store';
import { InMemoryDirectory } from '../../fakes/in-memory-directory';
import { InMemoryNudgeStore } from '../../fakes/in-memory-nudge-store';
import { personalChat, RecordingTeams } from './recording-teams';

const at = (iso: string) => new Date(`${iso}Z`);
/** Monday 7 December, 11:00 in Paris, where Adele is: within office hours. */
const NOW = at('2026-12-07T10:00');
const hoursLater = (n: number) => new Date(NOW.getTime() + n * 3600_000);

/** sendNudge on fakes: Adele has SMS only (weak) and lives in Paris; one nudge per two days; office hours. */
function setUp() {
  const directory = new InMemoryDirectory([fakeUser('adele', { methods: ['sms'], displayName: 'Adele Vance' })]);
  directory.timeZones.set('adele', 'Europe/Paris');
  const store = new InMemoryNudgeStore();
  const references = new InMemoryConversationReferenceStore();
  const teams = new RecordingTeams();
  let clock = NOW;
  const deps: SendNudgeDeps = {
    directory,
    store,
    references,
    installer: teams.installer,
    messenger: teams.messenger,
    policy: DEFAULT_CLASSIFICATION_POLICY,
    nudges: { sendingHours: DEFAULT_SENDING_HOURS, defaultTimeZone: 'UTC', cap: DEFAULT_FREQUENCY_CAP, snooze: DEFAULT_SNOOZE_POLICY },
    now: () => clock,
    recordRetryWaitsMs: [],
  };
  return {
    deps,
    directory,
    store,
    references,
    teams,
    send: (request: Partial<NudgeRequest> = {}) => sendNudge(deps, { userId: 'adele', source: 'admin', ...request }),
    moveTo: (instant: Date) => {
      clock = instant;
    },
  };
}

/** A gate that notes its places, their freeing and its mark in `events`, its mark answering `marks`. */
function notingGate(events: string[], marks = true): SendGate {
  return {
    place: async (request) => {
      events.push(`place ${request}`);
      return () => events.push(`free ${request}`);
    },
    mark: async () => {
      events.push('mark');
      return marks;
    },
  };
}

describe('sending a nudge', () => {
  it('checks the person live first: someone unknown, or a check that does not answer, is sent and reserved nothing', async () => {
    const { send, directory, store, teams } = setUp();
    expect(await send({ userId: 'nobody' })).toEqual({ kind: 'unknownPerson' });
    jest.spyOn(directory, 'currentMethods').mockRejectedValue(new Error('Graph did not answer'));
    expect(await send()).toEqual({ kind: 'checkUnavailable', person: expect.objectContaining({ id: 'adele' }) });
    expect(await store.latestTo('adele')).toBeUndefined();
    expect(teams.events).toEqual([]);
  });

  it('trusts what the latest scan saw when the request brings it, without asking the directory', async () => {
    const { send, directory, teams } = setUp();
    const currentMethods = jest.spyOn(directory, 'currentMethods');
    const result = await send({ known: { person: { id: 'adele', displayName: 'Adele V.' }, methods: ['sms'] } });
    expect(result).toMatchObject({ kind: 'sent', strength: 'weak', person: { displayName: 'Adele V.' } });
    expect(currentMethods).not.toHaveBeenCalled();
    expect(teams.cards).toHaveLength(1);
  });

  it('ends the open series of someone the live check finds strong, and sends nothing', async () => {
    const { send, directory, store, teams, moveTo } = setUp();
    await send();
    directory.users = [fakeUser('adele', { methods: ['authenticatorPush'], displayName: 'Adele Vance' })];
    moveTo(hoursLater(50));
    const seriesId = (await store.openSeries('adele'))!.id;

    expect(await send()).toEqual({ kind: 'alreadyStrong', person: expect.objectContaining({ id: 'adele' }) });
    expect(await store.openSeries('adele')).toBeUndefined();
    expect((await store.find((await store.latestTo('adele'))!.nudge.id))?.series).toMatchObject({
      id: seriesId,
      endedAt: hoursLater(50),
      endReason: 'enrolled',
    });
    expect(teams.cards).toHaveLength(1);
  });

  it("asked for a passkey, nudges someone with Authenticator alone, and keeps the target for the card's recheck", async () => {
    const { send, directory, store, teams } = setUp();
    directory.users = [fakeUser('adele', { methods: ['authenticatorPush'], displayName: 'Adele Vance' })];
    expect(await send()).toMatchObject({ kind: 'alreadyStrong' });

    const result = await send({ target: 'passkey' });
    expect(result).toMatchObject({ kind: 'sent', strength: 'strong' });
    expect(teams.cards.at(-1)?.card).toMatchObject({
      kind: 'nudge',
      target: 'passkey',
      nextStep: { kind: 'addPasskey', hasAuthenticator: true },
    });
    expect((await store.latestTo('adele'))?.nudge.target).toBe('passkey');

    // Someone with a passkey has what is asked for: nothing is sent.
    directory.users = [fakeUser('adele', { methods: ['authenticatorPush', 'passkey'], displayName: 'Adele Vance' })];
    expect(await send({ target: 'passkey', force: true })).toMatchObject({ kind: 'alreadyStrong' });
  });

  it('without a target of its own, asks for what the setting says', async () => {
    const { deps, send, directory, store, teams } = setUp();
    directory.users = [fakeUser('adele', { methods: ['authenticatorPush'], displayName: 'Adele Vance' })];
    deps.nudges = { ...deps.nudges, target: 'passkey' };
    expect(await send()).toMatchObject({ kind: 'sent' });
    expect(teams.cards.at(-1)?.card).toMatchObject({ target: 'passkey' });
    expect((await store.latestTo('adele'))?.nudge.target).toBe('passkey');
  });

  it("waits for the person's sending hours in their own time zone, reserving and installing nothing", async () => {
    const { send, store, teams, moveTo } = setUp();
    // 08:30 in Paris: office hours open at 09:00 there, 08:00 UTC.
    moveTo(at('2026-12-07T07:30'));
    expect(await send()).toEqual({
      kind: 'deferred',
      person: expect.objectContaining({ id: 'adele' }),
      reason: 'sendingHours',
      notBefore: at('2026-12-07T08:00'),
      timeZone: 'Europe/Paris',
    });
    expect(await store.latestTo('adele')).toBeUndefined();
    expect(teams.events).toEqual([]);
    // A campaign's own window, from 08:00, lets it go now.
    expect((await send({ sendingHours: { startHour: 8, endHour: 18, weekdays: [1, 2, 3, 4, 5] } })).kind).toBe('sent');
  });

  it('holds to the cap across every nudge; an admin may force past it, and a reminder the person asked for is not held', async () => {
    const { send, teams, moveTo } = setUp();
    expect((await send()).kind).toBe('sent');
    moveTo(hoursLater(1));
    expect(await send({ source: 'campaign' })).toMatchObject({ kind: 'deferred', reason: 'frequencyCap', notBefore: hoursLater(48) });
    expect(await send({ force: true })).toMatchObject({ kind: 'sent' });
    expect(await send({ source: 'reminder' })).toMatchObject({ kind: 'sent' });
    expect(teams.cards).toHaveLength(3);
  });

  it('holds to a snooze, for reminders too; only an admin forcing it sends', async () => {
    const { send, store, teams, moveTo } = setUp();
    await send();
    const series = (await store.openSeries('adele'))!;
    expect(await store.snooze(series.id, hoursLater(72), 0)).toBe(true);
    // Past the cap, still snoozed.
    moveTo(hoursLater(49));
    for (const source of ['admin', 'campaign', 'reminder'] as const)
      expect(await send({ source })).toMatchObject({ kind: 'deferred', reason: 'snoozed', notBefore: hoursLater(72) });
    expect((await send({ force: true })).kind).toBe('sent');
    expect(teams.cards).toHaveLength(2);
  });

  it('shows the deadline as the end of that day where the person is', async () => {
    const { send, store } = setUp();
    const result = await send({ deadlineDay: '2026-12-31' });
    if (result.kind !== 'sent') throw new Error(`expected a send, got ${result.kind}`);
    expect((await store.find(result.nudgeId))?.nudge.deadline).toEqual(at('2026-12-31T22:59:59.999'));
  });

  it("opens the person's chat once and keeps it, and records what Teams answered", async () => {
    const { send, store, teams, references, moveTo } = setUp();
    teams.cardAnswers('adele', { kind: 'blocked', code: 'ConversationBlockedByUser' });
    expect(await send()).toMatchObject({ kind: 'blocked', code: 'ConversationBlockedByUser' });
    expect(await store.latestTo('adele')).toEqual({
      nudge: expect.objectContaining({ status: 'blocked' }),
      detail: 'ConversationBlockedByUser',
    });
    expect(await references.findPersonalByUser('adele')).toEqual(personalChat('adele'));
    // A blocked card did not reach them: it does not hold the next one back.
    moveTo(hoursLater(1));
    expect(await send()).toMatchObject({ kind: 'sent', conversationId: 'a:adele' });
    expect(teams.events).toEqual(['install adele', 'open chat adele', 'card adele', 'card adele']);
    expect((await store.latestTo('adele'))?.nudge).toMatchObject({ status: 'sent', conversationId: 'a:adele' });
  });

  it('sends nothing to someone the app cannot be installed for, and records why', async () => {
    const { send, store, teams } = setUp();
    teams.installAnswers('adele', { kind: 'notInstallable', reason: 'not in the catalog' });
    expect(await send()).toMatchObject({ kind: 'notInstallable', reason: 'not in the catalog' });
    expect(teams.events).toEqual(['install adele']);
    expect(await store.latestTo('adele')).toMatchObject({ nudge: { status: 'notInstallable' }, detail: 'not in the catalog' });
  });
});

describe('a request sent again under the same key', () => {
  it('is never sent twice once its card left, though recording what Teams answered failed', async () => {
    const { deps, store, teams, send } = setUp();
    // The database fails the first attempt's record of Teams' answer: the attempt fails, and is tried again.
    const recordDelivery = store.recordDelivery.bind(store);
    const flaky = jest.spyOn(store, 'recordDelivery').mockRejectedValueOnce(new Error('Connection terminated unexpectedly'));
    await expect(send({ requestKey: 'job-1' })).rejects.toThrow('Connection terminated unexpectedly');
    flaky.mockImplementation(recordDelivery);

    expect(await send({ requestKey: 'job-1' })).toMatchObject({
      kind: 'uncertain',
      reason: 'an earlier attempt stopped after its card left',
    });
    expect(await sendNudge(deps, { userId: 'adele', source: 'admin', requestKey: 'job-1' })).toMatchObject({
      kind: 'uncertain',
      reason: 'an earlier attempt had no answer from Teams',
    });
    expect(teams.cards).toHaveLength(1);
    // Uncertain, it still counts towards the cap.
    expect((await store.latestTo('adele'))?.nudge).toMatchObject({ status: 'uncertain', sentAt: NOW });
    expect(await send()).toMatchObject({ kind: 'deferred', reason: 'frequencyCap' });
  });

  it('answers the send its earlier attempt recorded', async () => {
    const { teams, send } = setUp();
    const first = await send({ requestKey: 'job-2' });
    expect(await send({ requestKey: 'job-2' })).toEqual(first);
    expect(teams.cards).toHaveLength(1);
  });
});

describe("the send gate around a nudge's requests to Teams", () => {
  it('takes a place before a new chat and before the card, frees each once Teams answered, and marks right before the card', async () => {
    const { send, teams } = setUp();
    teams.cardAnswers('adele', { kind: 'uncertain', reason: 'Bot Connector answered 502' });
    expect((await send({ gate: notingGate(teams.events) })).kind).toBe('uncertain');
    expect(teams.events).toEqual([
      'install adele',
      'place newChat',
      'open chat adele',
      'free newChat',
      'place card',
      'mark',
      'card adele',
      'free card',
    ]);
    // With the chat known, only the card takes a place.
    teams.events.length = 0;
    await send({ gate: notingGate(teams.events), force: true });
    expect(teams.events).toEqual(['place card', 'mark', 'card adele', 'free card']);
  });

  it("sends nothing when the mark says no, frees the card's place, and records a nudge that holds nothing back", async () => {
    const { send, store, teams } = setUp();
    const keyedMark = jest.spyOn(store, 'markSendStarted');
    expect(await send({ gate: notingGate(teams.events, false), requestKey: 'job-3' })).toMatchObject({
      kind: 'failed',
      reason: 'stopped before sending',
      transient: true,
    });
    expect(teams.cards).toEqual([]);
    expect(teams.events.slice(-3)).toEqual(['place card', 'mark', 'free card']);
    // The keyed request's own mark comes only after the gate's let the card go.
    expect(keyedMark).not.toHaveBeenCalled();
    expect((await store.latestTo('adele'))?.nudge.status).toBe('failed');
    expect((await send()).kind).toBe('sent');
  });

  it("marks a keyed request's nudge after the gate's own mark, right before the card leaves", async () => {
    const { send, store, teams } = setUp();
    const markSendStarted = store.markSendStarted.bind(store);
    jest.spyOn(store, 'markSendStarted').mockImplementation(async (...args) => {
      teams.events.push('nudge marked');
      return markSendStarted(...args);
    });
    await send({ gate: notingGate(teams.events), requestKey: 'job-4' });
    expect(teams.events.slice(-5)).toEqual(['place card', 'mark', 'nudge marked', 'card adele', 'free card']);
  });
});

import { InMemoryLiveCheckBudget } from '../../../src/adapters/in-memory-live-check-budget';
import type { MethodKind } from '../../../src/domain/mfa/method-kind';
import { DEFAULT_CLASSIFICATION_POLICY } from '../../../src/domain/mfa/mfa-strength';
import type { Nudge, NudgeAction, NudgeSeries } from '../../../src/domain/nudges/nudge';
import { DEFAULT_FREQUENCY_CAP } from '../../../src/domain/nudges/frequency-cap';
import { DEFAULT_SENDING_HOURS } from '../../../src/domain/nudges/quiet-hours';
import { DEFAULT_SNOOZE_POLICY } from '../../../src/domain/nudges/snooze-policy';
import type { NudgeStore } from '../../../src/domain/ports/nudge-store';
import { actOnNudge, type NudgeActionDeps } from '../../../src/use-cases/act-on-nudge';
import { checkOwnStatus } from '../../../src/use-cases/check-own-status';

const start = new Date('2026-11-24T10:00:00Z');
const later = (ms: number) => new Date(start.getTime() + ms);

/** The one nudge these tests press on, and what the store was told. */
class OneNudgeStore implements Pick<NudgeStore, 'find' | 'endSeries' | 'recordAction' | 'snooze'> {
  readonly actions: NudgeAction[] = [];
  series: NudgeSeries = { id: 'series-1', userId: 'adele', startedAt: start, snoozesUsed: 1 };
  readonly nudge: Nudge = {
    id: 'nudge-1',
    seriesId: 'series-1',
    userId: 'adele',
    source: 'admin',
    createdAt: start,
    recipientName: 'Adele Vance',
    greetingName: 'Adele',
    strength: 'none',
    methods: [],
    status: 'sent',
    sentAt: start,
  };

  async find(nudgeId: string) {
    return nudgeId === this.nudge.id ? { nudge: this.nudge, series: { ...this.series } } : undefined;
  }
  async endSeries(_seriesId: string, reason: 'enrolled', at: Date) {
    this.series = { ...this.series, endedAt: at, endReason: reason };
  }
  async recordAction(action: NudgeAction) {
    this.actions.push(action);
  }
  async snooze(): Promise<boolean> {
    throw new Error('not pressed in these tests');
  }
}

function setUp(methods: Record<string, MethodKind[]> = { adele: ['sms'] }) {
  let clock = start;
  const store = new OneNudgeStore();
  const currentMethods = jest.fn(async (userId: string) => [...(methods[userId] ?? [])]);
  const liveChecks = new InMemoryLiveCheckBudget();
  const deps: NudgeActionDeps = {
    store: store as unknown as NudgeStore,
    directory: { currentMethods },
    policy: DEFAULT_CLASSIFICATION_POLICY,
    nudges: { sendingHours: DEFAULT_SENDING_HOURS, defaultTimeZone: 'UTC', cap: DEFAULT_FREQUENCY_CAP, snooze: DEFAULT_SNOOZE_POLICY },
    now: () => clock,
    articleFor: () => undefined,
    remindAt: async () => {},
    recheckTimeoutMs: 1000,
    liveChecks,
  };
  const statusDeps = { directory: deps.directory, policy: deps.policy, now: deps.now, liveChecks };
  return {
    deps,
    store,
    currentMethods,
    methods,
    statusDeps,
    done: (actorId = 'adele') => actOnNudge(deps, { nudgeId: 'nudge-1', actorId, action: 'recheck' }),
    wait: (ms: number) => {
      clock = new Date(clock.getTime() + ms);
    },
  };
}

describe('actOnNudge: "I\'ve done it"', () => {
  it('answers a fourth press within a minute on the card, without a live check, and keeps the nudge as it was', async () => {
    const { done, store, currentMethods, wait } = setUp();
    for (let i = 0; i < 3; i++) {
      expect(await done()).toMatchObject({ kind: 'nudge', notice: { kind: 'stillMissing' } });
      wait(10_000);
    }
    const fourth = await done();

    expect(currentMethods).toHaveBeenCalledTimes(3);
    expect(fourth).toMatchObject({
      kind: 'nudge',
      nudgeId: 'nudge-1',
      name: 'Adele',
      strength: 'weak',
      methods: ['sms'],
      // The snoozes left are still offered: one was used before.
      snooze: { remaining: 2 },
      notice: { kind: 'checkLimited', retryAt: later(60_000), lastCheckedAt: later(20_000) },
    });
    expect(store.series).toEqual({ id: 'series-1', userId: 'adele', startedAt: start, snoozesUsed: 1 });
    expect(store.actions.map((a) => a.result)).toEqual(['stillMissing', 'stillMissing', 'stillMissing', 'checkLimited']);
  });

  it('checks live again once the minute has passed, and ends the series when strong MFA is there', async () => {
    const { done, store, currentMethods, methods, wait } = setUp();
    for (let i = 0; i < 4; i++) await done();
    methods.adele = ['authenticatorPush'];
    wait(60_000);

    expect(await done()).toEqual({ kind: 'enrolled', nudgeId: 'nudge-1', name: 'Adele', methods: ['authenticatorPush'] });
    expect(currentMethods).toHaveBeenCalledTimes(4);
    expect(store.series).toMatchObject({ endReason: 'enrolled', endedAt: later(60_000) });
  });

  it('shares the limit with "status": three checks by "status", then the press answers without a check', async () => {
    const { done, statusDeps, currentMethods } = setUp({ adele: [] });
    for (let i = 0; i < 3; i++) expect((await checkOwnStatus(statusDeps, 'adele')).kind).toBe('checked');

    expect(await done()).toMatchObject({
      kind: 'nudge',
      strength: 'none',
      notice: { kind: 'checkLimited', retryAt: later(60_000), lastCheckedAt: start },
    });
    expect(currentMethods).toHaveBeenCalledTimes(3);
  });

  it('and the other way round: presses on the card use up the checks "status" may make', async () => {
    const { done, statusDeps, currentMethods } = setUp({ adele: [] });
    for (let i = 0; i < 3; i++) await done();

    expect(await checkOwnStatus(statusDeps, 'adele')).toMatchObject({
      kind: 'limited',
      retryAt: later(60_000),
      last: { strength: 'none' },
    });
    expect(currentMethods).toHaveBeenCalledTimes(3);
  });

  it('takes a strong result from a moment ago as done: the series ends without another check', async () => {
    const { done, statusDeps, store, currentMethods } = setUp({ adele: ['authenticatorPush'] });
    for (let i = 0; i < 3; i++) await checkOwnStatus(statusDeps, 'adele');

    expect(await done()).toEqual({ kind: 'enrolled', nudgeId: 'nudge-1', name: 'Adele', methods: ['authenticatorPush'] });
    expect(currentMethods).toHaveBeenCalledTimes(3);
    expect(store.series.endReason).toBe('enrolled');
    expect(store.actions.at(-1)).toMatchObject({ result: 'enrolled', detail: { fromRecentCheck: true } });
  });

  it('without a result to show (the checks failed) shows what the nudge found and when to press again', async () => {
    const { done, currentMethods } = setUp();
    currentMethods.mockRejectedValue(new Error('503'));
    for (let i = 0; i < 3; i++) expect(await done()).toMatchObject({ notice: { kind: 'checkUnavailable' } });

    const fourth = await done();
    expect(fourth).toMatchObject({
      kind: 'nudge',
      strength: 'none',
      methods: [],
      notice: { kind: 'checkLimited', retryAt: later(60_000) },
    });
    expect(fourth.kind === 'nudge' && fourth.notice).not.toHaveProperty('lastCheckedAt');
    expect(currentMethods).toHaveBeenCalledTimes(3);
  });

  it("does not spend the recipient's checks when someone else presses their card", async () => {
    const { done, currentMethods } = setUp();
    for (let i = 0; i < 5; i++) expect(await done('alex')).toEqual({ kind: 'notYours' });
    expect(currentMethods).not.toHaveBeenCalled();
    expect(await done()).toMatchObject({ notice: { kind: 'stillMissing' } });
  });
});

describe('actOnNudge: "I\'ve done it" follows what the nudge asked for', () => {
  it('asked for a passkey, Authenticator alone is still missing, and the card asks for a passkey; a passkey ends it', async () => {
    const { done, store, methods, wait } = setUp({ adele: ['authenticatorPush'] });
    store.nudge.target = 'passkey';

    const still = await done();
    expect(still).toMatchObject({
      kind: 'nudge',
      strength: 'strong',
      target: 'passkey',
      nextStep: { kind: 'addPasskey', hasAuthenticator: true },
      notice: { kind: 'stillMissing' },
    });
    expect(store.series.endedAt).toBeUndefined();

    methods.adele = ['authenticatorPush', 'syncedPasskey'];
    wait(60_000);
    expect(await done()).toEqual({ kind: 'enrolled', nudgeId: 'nudge-1', name: 'Adele', methods: ['authenticatorPush', 'syncedPasskey'] });
    expect(store.series.endReason).toBe('enrolled');
    expect(store.actions.map((a) => a.result)).toEqual(['stillMissing', 'enrolled']);
  });

  it('asked for a passkey, a security key, Windows Hello for Business or a certificate is done too', async () => {
    for (const kind of ['fido2SecurityKey', 'windowsHelloForBusiness', 'certificate'] as const) {
      const { done, store } = setUp({ adele: [kind] });
      store.nudge.target = 'passkey';
      expect(await done()).toMatchObject({ kind: 'enrolled' });
    }
  });

  it('asked for Authenticator or either, Authenticator is done, as before', async () => {
    for (const target of ['authenticator', 'either'] as const) {
      const { done, store } = setUp({ adele: ['authenticatorPush'] });
      store.nudge.target = target;
      expect(await done()).toMatchObject({ kind: 'enrolled' });
    }
  });

  it('a nudge kept before it had a target follows the setting', async () => {
    const { done, deps, store } = setUp({ adele: ['authenticatorPush'] });
    deps.nudges = { ...deps.nudges, target: 'passkey' };
    expect(await done()).toMatchObject({ kind: 'nudge', target: 'passkey', notice: { kind: 'stillMissing' } });
    // The nudge's own target wins over the setting.
    store.nudge.target = 'either';
    expect(await done()).toMatchObject({ kind: 'enrolled' });
  });

  it('over the limit, a recent check that found only Authenticator does not end a passkey nudge', async () => {
    const { done, statusDeps, store, currentMethods } = setUp({ adele: ['authenticatorPush'] });
    store.nudge.target = 'passkey';
    for (let i = 0; i < 3; i++) await checkOwnStatus(statusDeps, 'adele');

    expect(await done()).toMatchObject({ kind: 'nudge', target: 'passkey', notice: { kind: 'checkLimited', lastCheckedAt: start } });
    expect(currentMethods).toHaveBeenCalledTimes(3);
    expect(store.series.endedAt).toBeUndefined();
  });

  it('snoozed, the reminder asks for what the nudge asked for', async () => {
    const { deps, store } = setUp();
    store.nudge.target = 'passkey';
    const remindAt = jest.fn(async () => {});
    const snoozing = { ...deps, remindAt, store: Object.assign(store, { snooze: async () => true }) as unknown as NudgeStore };
    await actOnNudge(snoozing, { nudgeId: 'nudge-1', actorId: 'adele', action: 'snooze', days: '1' });
    expect(remindAt).toHaveBeenCalledWith('adele', expect.any(Date), 'passkey');
  });
});

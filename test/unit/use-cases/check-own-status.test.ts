import { InMemoryLiveCheckBudget } from '../../../src/adapters/in-memory-live-check-budget';
import type { MethodKind } from '../../../src/domain/mfa/method-kind';
import { DEFAULT_CLASSIFICATION_POLICY } from '../../../src/domain/mfa/mfa-strength';
import { checkOwnStatus, type OwnStatusDeps } from '../../../src/use-cases/check-own-status';

const start = new Date('2026-11-24T10:00:00Z');

function setUp(methods: Record<string, MethodKind[]> = {}) {
  let clock = start;
  const currentMethods = jest.fn(async (userId: string) => [...(methods[userId] ?? [])]);
  const deps: OwnStatusDeps = {
    directory: { currentMethods },
    policy: DEFAULT_CLASSIFICATION_POLICY,
    now: () => clock,
    liveChecks: new InMemoryLiveCheckBudget(),
  };
  return {
    deps,
    currentMethods,
    methods,
    wait: (ms: number) => {
      clock = new Date(clock.getTime() + ms);
    },
  };
}

describe('checkOwnStatus', () => {
  it('checks live and judges what it found', async () => {
    const { deps } = setUp({ adele: ['sms'] });
    expect(await checkOwnStatus(deps, 'adele')).toEqual({
      kind: 'checked',
      strength: 'weak',
      methods: ['sms'],
      nextStep: { kind: 'replaceWeakMethods', weak: ['sms'] },
      checkedAt: start,
    });
  });

  it('gives the next step for what the organisation asks for: a passkey for someone with Authenticator', async () => {
    const { deps } = setUp({ adele: ['authenticatorPush'] });
    expect(await checkOwnStatus({ ...deps, target: 'passkey' }, 'adele')).toMatchObject({
      strength: 'strong',
      nextStep: { kind: 'addPasskey', hasAuthenticator: true },
    });
    expect(await checkOwnStatus({ ...deps, target: 'authenticator' }, 'adele')).toMatchObject({
      nextStep: { kind: 'addBackupStrongMethod' },
    });
  });

  it('answers a fourth "status" within a minute from the latest check, without asking the directory, and says when to come back', async () => {
    const { deps, currentMethods, wait } = setUp({ adele: ['sms'] });
    for (let i = 0; i < 3; i++) {
      expect((await checkOwnStatus(deps, 'adele')).kind).toBe('checked');
      wait(10_000);
    }
    const fourth = await checkOwnStatus(deps, 'adele');

    expect(currentMethods).toHaveBeenCalledTimes(3);
    expect(fourth).toEqual({
      kind: 'limited',
      retryAt: new Date(start.getTime() + 60_000),
      last: {
        strength: 'weak',
        methods: ['sms'],
        nextStep: { kind: 'replaceWeakMethods', weak: ['sms'] },
        checkedAt: new Date(start.getTime() + 20_000),
      },
    });
  });

  it('checks live again once the minute has passed, and sees what changed', async () => {
    const { deps, currentMethods, methods, wait } = setUp({ adele: [] });
    for (let i = 0; i < 3; i++) await checkOwnStatus(deps, 'adele');
    expect((await checkOwnStatus(deps, 'adele')).kind).toBe('limited');

    methods.adele = ['authenticatorPush'];
    wait(60_000);
    expect(await checkOwnStatus(deps, 'adele')).toMatchObject({ kind: 'checked', strength: 'strong' });
    expect(currentMethods).toHaveBeenCalledTimes(4);
  });

  it('does not hold back someone else', async () => {
    const { deps, currentMethods } = setUp({ adele: [], alex: ['authenticatorPush'] });
    for (let i = 0; i < 4; i++) await checkOwnStatus(deps, 'adele');
    expect(await checkOwnStatus(deps, 'alex')).toMatchObject({ kind: 'checked', strength: 'strong' });
    expect(currentMethods).toHaveBeenCalledTimes(4);
    expect(currentMethods).toHaveBeenLastCalledWith('alex');
  });

  it('counts failed checks too, and without a result to show says only when to come back', async () => {
    const { deps, currentMethods } = setUp();
    currentMethods.mockRejectedValue(new Error('503'));
    for (let i = 0; i < 3; i++) expect((await checkOwnStatus(deps, 'adele')).kind).toBe('unavailable');

    expect(await checkOwnStatus(deps, 'adele')).toEqual({ kind: 'limited', retryAt: new Date(start.getTime() + 60_000) });
    expect(currentMethods).toHaveBeenCalledTimes(3);
  });

  it('allows twenty checks an hour even when spread out, then waits for the oldest to be an hour old', async () => {
    const { deps, currentMethods, wait } = setUp({ adele: [] });
    for (let i = 0; i < 20; i++) {
      expect((await checkOwnStatus(deps, 'adele')).kind).toBe('checked');
      wait(150_000);
    }
    // 50 minutes after the first check.
    expect(await checkOwnStatus(deps, 'adele')).toMatchObject({ kind: 'limited', retryAt: new Date(start.getTime() + 3_600_000) });
    wait(600_000);
    expect((await checkOwnStatus(deps, 'adele')).kind).toBe('checked');
    expect(currentMethods).toHaveBeenCalledTimes(21);
  });
});

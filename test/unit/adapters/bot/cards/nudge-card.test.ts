import { nudgeCard } from '../../../../../src/adapters/bot/cards/nudge-card';
import type { NudgeCard } from '../../../../../src/domain/nudges/nudge-card';

const base: Extract<NudgeCard, { kind: 'nudge' }> = {
  kind: 'nudge',
  nudgeId: '9887a63a-8318-4a1d-98cf-812f6c9f2e04',
  name: 'Adele',
  strength: 'weak',
  methods: ['sms'],
  target: 'authenticator',
  nextStep: { kind: 'replaceWeakMethods', weak: ['sms'] },
  snooze: { choicesDays: [1, 3, 7], remaining: 3, nextIsLast: false },
};
const text = (value: unknown) => JSON.stringify(value);
interface Action {
  type: string;
  title: string;
  verb?: string;
  data?: Record<string, unknown>;
  card?: { actions: Action[] };
}

describe('nudgeCard', () => {
  it("gives someone whose only second step is a phone the domain's reason about SMS and voice instead of the general one", () => {
    const reason = 'Microsoft stops checking sign-ins by text message and phone call on 1 February 2027, in 59 days.';
    expect(text(nudgeCard({ ...base, phoneOnlyReason: reason }))).toContain(reason);
    expect(text(nudgeCard({ ...base, phoneOnlyReason: reason }))).not.toContain('swapping your SIM');
    expect(text(nudgeCard(base))).toContain('swapping your SIM');
  });

  it('is schema 1.5, refreshes for its recipient only, and carries the nudge id on every Execute', () => {
    const card = nudgeCard(base, '29:1abc') as unknown as {
      version: string;
      refresh: { action: { verb: string; data: unknown }; userIds: string[] };
      actions: Action[];
    };
    expect(card.version).toBe('1.5');
    expect(card.refresh).toEqual({
      action: { type: 'Action.Execute', title: 'Refresh', verb: 'nudge.refresh', data: { nudgeId: base.nudgeId } },
      userIds: ['29:1abc'],
    });
    const executes = [...card.actions, ...(card.actions[2]?.card?.actions ?? [])].filter((a) => a.type === 'Action.Execute');
    expect(executes.map((a) => a.verb)).toEqual(['nudge.done', 'nudge.help', 'nudge.snooze', 'nudge.snooze', 'nudge.snooze']);
    expect(executes.every((a) => a.data?.nudgeId === base.nudgeId)).toBe(true);
    expect(card.actions[2]?.card?.actions.map((a) => a.data?.days)).toEqual([1, 3, 7]);
  });

  it("leaves userIds out when the recipient's Teams id is unknown (a 1:1 chat refreshes for its member anyway)", () => {
    const card = nudgeCard(base, 'a-guid-not-an-mri') as unknown as { refresh: Record<string, unknown> };
    expect(card.refresh).not.toHaveProperty('userIds');
  });

  it("says what is weak and why it matters, and shows the deadline's day in the reader's own format", () => {
    // The end of 18 December in London: shown as its middle, the same day on a device up to 12 hours away.
    const card = nudgeCard({ ...base, deadline: new Date('2026-12-18T23:59:59.999Z') });
    expect(text(card)).toContain('You rely on text messages, phone calls or email codes only. You have: Text message (SMS).');
    expect(text(card)).toContain('SIM');
    expect(text(card)).toContain('Please do it by {{DATE(2026-12-18T11:59:59Z, LONG)}}.');
  });

  it('drops "Remind me later" when no snooze is left, and warns on the last one', () => {
    expect(text(nudgeCard({ ...base, snooze: null }))).not.toContain('Remind me later');
    expect(text(nudgeCard({ ...base, snooze: { choicesDays: [1, 3, 7], remaining: 1, nextIsLast: true } }))).toContain(
      'This is the last time you can put this off.',
    );
  });

  it('turns into a thank-you, a refusal or "no longer valid" without anyone\'s details', () => {
    expect(text(nudgeCard({ kind: 'enrolled', nudgeId: base.nudgeId, name: 'Adele', methods: ['authenticatorPush'] }))).toContain(
      'Thank you, Adele!',
    );
    const notYours = text(nudgeCard({ kind: 'notYours' }));
    expect(notYours).toContain('This reminder is for someone else');
    expect(notYours).not.toContain('refresh');
    expect(text(nudgeCard({ kind: 'unknown' }))).toContain('no longer valid');
  });

  it('pressed too often, says what the latest check found, from when to press again, and that nothing is lost', () => {
    const card = text(
      nudgeCard({
        ...base,
        notice: {
          kind: 'checkLimited',
          retryAt: new Date('2026-12-08T18:01:20.500Z'),
          lastCheckedAt: new Date('2026-12-08T18:00:20.500Z'),
        },
      }),
    );
    expect(card).toContain(
      'I checked at {{TIME(2026-12-08T18:00:00Z)}}: there was no Microsoft Authenticator or other strong method on your account yet.',
    );
    // Rounded up to the minute: never a time before pressing again works.
    expect(card).toContain('I can check again from {{TIME(2026-12-08T18:02:00Z)}}');
    expect(card).toContain('Nothing is lost.');
    expect(card).toContain("I've done it");
    expect(card).toContain('Remind me later');

    const noResult = text(nudgeCard({ ...base, notice: { kind: 'checkLimited', retryAt: new Date('2026-12-08T18:01:00Z') } }));
    expect(noResult).not.toContain('I checked at');
    expect(noResult).toContain('I can check again from {{TIME(2026-12-08T18:01:00Z)}}');
  });

  describe('by what it asks for', () => {
    const setUpUrl = (card: unknown) =>
      (card as { actions: { title: string; url?: string }[] }).actions.find((a) => a.title === 'Set up now')?.url;
    const checkedAt = new Date('2026-12-08T18:00:00Z');

    it('Microsoft Authenticator (the default): its steps, its set-up link, and what a recheck found missing', () => {
      const card = nudgeCard({ ...base, notice: { kind: 'stillMissing', checkedAt } });
      expect(text(card)).toContain('Add Microsoft Authenticator, then keep Text message (SMS) only as a fallback.');
      expect(setUpUrl(card)).toBe('https://aka.ms/mfasetup');
      expect(text(card)).toContain('there is no Microsoft Authenticator or other strong method on your account yet');
    });

    it('a passkey: the three ways, Security info, and a recheck that asks for a passkey, not Authenticator', () => {
      const passkey: typeof base = {
        ...base,
        strength: 'strong',
        methods: ['authenticatorPush'],
        target: 'passkey',
        nextStep: { kind: 'addPasskey', hasAuthenticator: true },
      };
      const card = text(nudgeCard({ ...passkey, notice: { kind: 'stillMissing', checkedAt } }));
      expect(card).toContain('Your organisation now asks for a passkey, a way to sign in that cannot be phished.');
      expect(card).toContain('You have: Authenticator app (push).');
      expect(card).toContain('A fake sign-in page can pass your Authenticator approval on to an attacker.');
      expect(card).toContain('You already have Microsoft Authenticator: now add a passkey');
      expect(card).toContain('**Passkey in Microsoft Authenticator**');
      expect(card).toContain('Windows Hello, iCloud Keychain or Google Password Manager');
      expect(card).toContain('security key');
      expect(setUpUrl(nudgeCard(passkey))).toBe('https://aka.ms/mysecurityinfo');
      expect(card).toContain('there is no passkey on your account yet, and a passkey is what your organisation asks for.');
      expect(card).not.toContain('no Microsoft Authenticator');

      const fromNothing = text(
        nudgeCard({ ...base, strength: 'none', methods: [], target: 'passkey', nextStep: { kind: 'addPasskey', hasAuthenticator: false } }),
      );
      expect(fromNothing).toContain(
        'Add a passkey to your work account, in one of three ways: a passkey in the Microsoft Authenticator app on your phone; a passkey on your own computer or phone (Windows Hello, iCloud Keychain or Google Password Manager, where your organisation allows them); or a security key you plug in or tap.',
      );
      expect(fromNothing).toContain('A passkey stops them');
      const limited = text(nudgeCard({ ...passkey, notice: { kind: 'checkLimited', retryAt: checkedAt, lastCheckedAt: checkedAt } }));
      expect(limited).toContain('there was no passkey on your account yet');
    });

    it('either: both offered briefly, Security info, and a recheck that names both', () => {
      const either: typeof base = { ...base, target: 'either', nextStep: { kind: 'replaceWeakMethods', weak: ['sms'], orPasskey: true } };
      const card = nudgeCard({ ...either, notice: { kind: 'stillMissing', checkedAt } });
      expect(text(card)).toContain('Add Microsoft Authenticator or a passkey, then keep Text message (SMS) only as a fallback.');
      expect(setUpUrl(card)).toBe('https://aka.ms/mysecurityinfo');
      expect(text(card)).toContain('there is no Microsoft Authenticator or passkey on your account yet');
      const none = text(nudgeCard({ ...either, strength: 'none', methods: [], nextStep: { kind: 'setUpAuthenticator', orPasskey: true } }));
      expect(none).toContain('or add a passkey instead');
    });
  });
});

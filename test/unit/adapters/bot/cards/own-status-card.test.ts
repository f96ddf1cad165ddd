import { ownStatusCard } from '../../../../../src/adapters/bot/cards/own-status-card';
import { STRENGTH_LOOK } from '../../../../../src/adapters/bot/cards/strength-label';
import { VERBS } from '../../../../../src/adapters/bot/cards/verbs';
import { action, allText, expectSoundCard, ofType, texts } from './card-inspect';

const checkedAt = new Date('2026-11-23T09:15:00Z');

describe('ownStatusCard', () => {
  it('tells someone with nothing what is missing, the one next step, and links to set up', () => {
    const card = ownStatusCard({ kind: 'checked', strength: 'none', methods: [], nextStep: { kind: 'setUpAuthenticator' }, checkedAt });
    expectSoundCard(card, 4_000);
    expect(texts(card)).toContain('Nothing yet.');
    expect(allText(card)).toMatch(/Install Microsoft Authenticator/);
    expect(allText(card)).toContain('Checked live just now (23 Nov 2026 09:15 UTC)');
    const urls = ofType(card, 'Action.OpenUrl').map((a) => a.url);
    expect(urls).toEqual(['https://aka.ms/mfasetup', 'https://aka.ms/mysecurityinfo']);
    expect(action(card, 'Check again')).toMatchObject({ type: 'Action.Execute', verb: VERBS.ownStatusCheck });
  });

  it('names the weak methods to keep only as a fallback, on the colour weak has on every card', () => {
    const card = ownStatusCard({
      kind: 'checked',
      strength: 'weak',
      methods: ['sms'],
      nextStep: { kind: 'replaceWeakMethods', weak: ['sms'] },
      checkedAt,
    });
    expect(allText(card)).toMatch(/intercept/);
    const verdict = ofType(card, 'Container')[0]!;
    expect(verdict.style).toBe(STRENGTH_LOOK.weak.containerStyle);
    // Its words in the default colour on the strength's own: coloured words on it would fall below WCAG AA.
    expect(ofType(verdict, 'TextBlock')[0]!.color).toBe('Default');
    expect(allText(card)).toMatch(/keep Text message \(SMS\) only as a fallback/);
  });

  it('congratulates the strong without a set-up button, and suggests a backup', () => {
    const card = ownStatusCard({
      kind: 'checked',
      strength: 'strong',
      methods: ['authenticatorPush'],
      nextStep: { kind: 'addBackupStrongMethod' },
      checkedAt,
    });
    expect(allText(card)).toMatch(/set up with strong MFA/);
    expect(allText(card)).toMatch(/passkey or a security key/);
    expect(ofType(card, 'Action.OpenUrl').map((a) => a.url)).toEqual(['https://aka.ms/mysecurityinfo']);
  });

  it("asked for a passkey, shows someone with Authenticator the passkey step and the Security info link, not strong's green", () => {
    const card = ownStatusCard({
      kind: 'checked',
      strength: 'strong',
      methods: ['authenticatorPush'],
      nextStep: { kind: 'addPasskey', hasAuthenticator: true },
      checkedAt,
    });
    expect(allText(card)).toContain('your organisation now asks for a passkey as well');
    expect(allText(card)).toMatch(/now add a passkey/);
    expect(ofType(card, 'Container')[0]!.style).toBe(STRENGTH_LOOK.acceptable.containerStyle);
    expect(ofType(card, 'Action.OpenUrl').map((a) => [a.title, a.url])).toEqual([
      ['Set up now', 'https://aka.ms/mysecurityinfo'],
      ['My sign-in methods', 'https://aka.ms/mysecurityinfo'],
    ]);
  });

  it("tells someone whose MFA is their organisation's own provider that there is nothing to do, with no set-up button", () => {
    const card = ownStatusCard({
      kind: 'checked',
      strength: 'acceptable',
      methods: ['externalAuth'],
      nextStep: { kind: 'managedElsewhere' },
      checkedAt,
    });
    expect(allText(card)).toContain('You are set up with a sign-in method your organisation manages');
    expect(allText(card)).toContain("External sign-in method (your organisation's MFA provider)");
    expect(allText(card)).not.toMatch(/one-time codes/);
    expect(ofType(card, 'Action.OpenUrl').map((a) => a.title)).not.toContain('Set up now');
  });

  it('says honestly when the live check failed, and offers to check again', () => {
    const card = ownStatusCard({ kind: 'unavailable', error: new Error('503') });
    expect(allText(card)).toMatch(/couldn't check your sign-in methods just now/);
    expect(allText(card)).not.toMatch(/Nothing yet|Next step/);
    expect(action(card, 'Check again')).toBeDefined();
  });

  it('over the limit, shows what the latest check found, when, and from when they can check again', () => {
    const card = ownStatusCard({
      kind: 'limited',
      retryAt: new Date('2026-11-23T09:16:20Z'),
      last: { strength: 'none', methods: [], nextStep: { kind: 'setUpAuthenticator' }, checkedAt },
    });
    expectSoundCard(card, 4_000);
    expect(texts(card)).toContain('Nothing yet.');
    expect(allText(card)).toMatch(/Install Microsoft Authenticator/);
    // Rounded up: the time shown is never before a new check is allowed.
    expect(allText(card)).toContain(
      "You've checked a few times in a short while, so this is what I found at 23 Nov 2026 09:15 UTC. You can check again from 09:17 UTC.",
    );
    expect(allText(card)).not.toContain('Checked live just now');
    expect(action(card, 'Check again')).toBeDefined();
  });

  it('over the limit with no result to show, says only from when they can check again', () => {
    const card = ownStatusCard({ kind: 'limited', retryAt: new Date('2026-11-23T09:16:00Z') });
    expect(allText(card)).toMatch(/You've checked a few times in a short while.*You can check again from 09:16 UTC\./);
    expect(allText(card)).not.toMatch(/Nothing yet|Next step|couldn't check/);
  });
});

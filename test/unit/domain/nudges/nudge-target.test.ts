import type { MethodKind } from '../../../../src/domain/mfa/method-kind';
import { classifyMethods } from '../../../../src/domain/mfa/mfa-strength';
import { isNudgeTarget, meetsTarget, NUDGE_TARGETS, type NudgeTarget } from '../../../../src/domain/nudges/nudge-target';

const met = (target: NudgeTarget, methods: MethodKind[]) => meetsTarget(target, classifyMethods(methods), methods);

/** Each way someone may sign in, and whether each target counts it as done: authenticator, passkey, either. */
const CASES: [string, MethodKind[], Record<NudgeTarget, boolean>][] = [
  ['nothing', [], { authenticator: false, passkey: false, either: false }],
  ['text messages', ['sms'], { authenticator: false, passkey: false, either: false }],
  ['phone calls and email', ['voice', 'email'], { authenticator: false, passkey: false, either: false }],
  ['one-time codes', ['softwareOath', 'sms'], { authenticator: false, passkey: false, either: false }],
  ['an external MFA provider', ['externalAuth'], { authenticator: false, passkey: false, either: false }],
  ['a Temporary Access Pass', ['temporaryAccessPass'], { authenticator: false, passkey: false, either: false }],
  ['Authenticator push', ['authenticatorPush'], { authenticator: true, passkey: false, either: true }],
  ['Authenticator passwordless', ['authenticatorPasswordless', 'sms'], { authenticator: true, passkey: false, either: true }],
  ['a passkey in Authenticator', ['passkey'], { authenticator: true, passkey: true, either: true }],
  ['a synced passkey', ['syncedPasskey'], { authenticator: true, passkey: true, either: true }],
  ['a security key', ['fido2SecurityKey'], { authenticator: true, passkey: true, either: true }],
  ['Windows Hello for Business', ['windowsHelloForBusiness'], { authenticator: true, passkey: true, either: true }],
  ['Platform Credential for macOS', ['platformCredential'], { authenticator: true, passkey: true, either: true }],
  ['a certificate', ['certificate'], { authenticator: true, passkey: true, either: true }],
  ['Authenticator and a security key', ['authenticatorPush', 'fido2SecurityKey'], { authenticator: true, passkey: true, either: true }],
];

describe('meetsTarget', () => {
  it.each(CASES)('%s: done for each target as asked', (_name, methods, expected) => {
    for (const target of NUDGE_TARGETS) expect([target, met(target, methods)]).toEqual([target, expected[target]]);
  });

  it('never chases someone with a passkey to install Authenticator too', () => {
    for (const kind of ['passkey', 'syncedPasskey', 'fido2SecurityKey'] as const) expect(met('authenticator', [kind])).toBe(true);
  });

  it('knows its three targets and nothing else', () => {
    expect(NUDGE_TARGETS.filter(isNudgeTarget)).toEqual(['authenticator', 'passkey', 'either']);
    for (const value of ['', 'Passkey', 'fido2', undefined, 3]) expect(isNudgeTarget(value)).toBe(false);
  });
});

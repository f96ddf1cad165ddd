import { DEFAULT_CLASSIFICATION_POLICY, classifyMethods } from '../../../../src/domain/mfa/mfa-strength';
import type { MethodKind } from '../../../../src/domain/mfa/method-kind';
import { nextStepFor } from '../../../../src/domain/mfa/next-step';
import type { NudgeTarget } from '../../../../src/domain/nudges/nudge-target';

const stepFor = (methods: MethodKind[], target?: NudgeTarget) =>
  nextStepFor(classifyMethods(methods), methods, DEFAULT_CLASSIFICATION_POLICY, target);

describe('nextStepFor', () => {
  it('moves each level one step up', () => {
    expect(stepFor([])).toEqual({ kind: 'setUpAuthenticator' });
    expect(stepFor(['sms', 'email'])).toEqual({ kind: 'replaceWeakMethods', weak: ['sms', 'email'] });
    expect(stepFor(['softwareOath', 'sms'])).toEqual({ kind: 'upgradeFromCodes' });
    expect(stepFor(['authenticatorPush', 'sms'])).toEqual({ kind: 'addBackupStrongMethod' });
  });

  it('asks the strong for a backup until they have two strong methods on different devices', () => {
    // Push and passwordless sign-in are the same Authenticator on the same phone.
    expect(stepFor(['authenticatorPush', 'authenticatorPasswordless'])).toEqual({ kind: 'addBackupStrongMethod' });
    expect(stepFor(['authenticatorPush', 'passkey'])).toEqual({ kind: 'nothing' });
    expect(stepFor(['fido2SecurityKey', 'windowsHelloForBusiness'])).toEqual({ kind: 'nothing' });
  });

  it('asks for Authenticator by default, the same as when asked for it', () => {
    for (const methods of [[], ['sms'], ['softwareOath'], ['authenticatorPush'], ['passkey', 'authenticatorPush']] as MethodKind[][])
      expect(stepFor(methods, 'authenticator')).toEqual(stepFor(methods));
  });

  it('asked for a passkey, asks everyone without a phishing-resistant method to add one, Authenticator users too', () => {
    expect(stepFor([], 'passkey')).toEqual({ kind: 'addPasskey', hasAuthenticator: false });
    expect(stepFor(['sms'], 'passkey')).toEqual({ kind: 'addPasskey', hasAuthenticator: false });
    expect(stepFor(['softwareOath'], 'passkey')).toEqual({ kind: 'addPasskey', hasAuthenticator: false });
    // Strong, but not what is asked for: not "nothing", and the easiest way is in the app they have.
    expect(stepFor(['authenticatorPush'], 'passkey')).toEqual({ kind: 'addPasskey', hasAuthenticator: true });
    expect(stepFor(['authenticatorPush', 'authenticatorPasswordless', 'sms'], 'passkey')).toEqual({
      kind: 'addPasskey',
      hasAuthenticator: true,
    });
  });

  it('asked for a passkey, those who have one go on as the strong do: a backup, then nothing', () => {
    expect(stepFor(['syncedPasskey'], 'passkey')).toEqual({ kind: 'addBackupStrongMethod' });
    expect(stepFor(['windowsHelloForBusiness'], 'passkey')).toEqual({ kind: 'addBackupStrongMethod' });
    expect(stepFor(['passkey', 'authenticatorPush'], 'passkey')).toEqual({ kind: 'nothing' });
  });

  it('asked for either, offers a passkey beside Authenticator in the first steps', () => {
    expect(stepFor([], 'either')).toEqual({ kind: 'setUpAuthenticator', orPasskey: true });
    expect(stepFor(['sms', 'voice'], 'either')).toEqual({ kind: 'replaceWeakMethods', weak: ['sms', 'voice'], orPasskey: true });
    expect(stepFor(['softwareOath'], 'either')).toEqual({ kind: 'upgradeFromCodes' });
    expect(stepFor(['authenticatorPush'], 'either')).toEqual({ kind: 'addBackupStrongMethod' });
  });
});

describe('a method MFA Coach cannot judge', () => {
  it('asks nothing of someone whose MFA is an external provider or a method not known yet, and still upgrades codes', () => {
    const policy = DEFAULT_CLASSIFICATION_POLICY;
    expect(nextStepFor('acceptable', ['externalAuth'], policy)).toEqual({ kind: 'managedElsewhere' });
    expect(nextStepFor('acceptable', ['unknownMethod', 'sms'], policy)).toEqual({ kind: 'managedElsewhere' });
    expect(nextStepFor('acceptable', ['externalAuth', 'softwareOath'], policy)).toEqual({ kind: 'upgradeFromCodes' });
  });
});

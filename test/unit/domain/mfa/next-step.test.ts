import { DEFAULT_CLASSIFICATION_POLICY, classifyMethods } from '../../../../src/domain/mfa/mfa-strength';
import type { MethodKind } from '../../../../src/domain/mfa/method-kind';
import { nextStepFor } from '../../../../src/domain/mfa/next-step';

const stepFor = (methods: MethodKind[]) => nextStepFor(classifyMethods(methods), methods, DEFAULT_CLASSIFICATION_POLICY);

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
});

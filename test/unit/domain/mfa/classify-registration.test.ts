import { classifyRegistration, isCriticalAdmin } from '../../../../src/domain/mfa/classify-registration';
import { METHOD_KINDS, type MethodKind } from '../../../../src/domain/mfa/method-kind';
import {
  classifyMethods,
  DEFAULT_CLASSIFICATION_POLICY,
  isPhishingResistant,
  type ClassificationPolicy,
  type MfaStrength,
} from '../../../../src/domain/mfa/mfa-strength';
import { countsInRates, DEFAULT_RATE_POLICY } from '../../../../src/domain/mfa/rate-policy';
import { registration as aRegistration } from '../../../fakes/registration';
import type { UserRegistration } from '../../../../src/domain/mfa/user-registration';

function registration(overrides: Partial<UserRegistration> = {}): UserRegistration {
  return aRegistration({ department: 'Research', ...overrides });
}

describe('classifying methods with the default policy', () => {
  // The rules, written out per method rather than derived from the policy under test.
  const expected: Record<MethodKind, MfaStrength> = {
    authenticatorPush: 'strong',
    authenticatorPasswordless: 'strong',
    fido2SecurityKey: 'strong',
    passkey: 'strong',
    syncedPasskey: 'strong',
    windowsHelloForBusiness: 'strong',
    platformCredential: 'strong',
    certificate: 'strong',
    softwareOath: 'acceptable',
    hardwareOath: 'acceptable',
    // MFA the directory counts whose strength MFA Coach cannot judge: never "no MFA", never chased.
    externalAuth: 'acceptable',
    unknownMethod: 'acceptable',
    sms: 'weak',
    voice: 'weak',
    email: 'weak',
    // A temporary access pass is an onboarding credential, not a second factor.
    temporaryAccessPass: 'none',
    // A QR code and PIN is a single-factor sign-in for frontline workers.
    qrCodePin: 'none',
  };

  it('has an expectation for every method kind', () => {
    expect(Object.keys(expected).sort()).toEqual([...METHOD_KINDS].sort());
  });

  it.each(METHOD_KINDS.map((method) => [method, expected[method]] as const))('%s alone is %s', (method, strength) => {
    expect(classifyMethods([method])).toBe(strength);
  });

  it.each<[string, MethodKind[], MfaStrength]>([
    ['no method at all', [], 'none'],
    ['two weak methods', ['sms', 'voice'], 'weak'],
    ['weak + acceptable', ['sms', 'softwareOath'], 'acceptable'],
    ['weak + strong', ['voice', 'authenticatorPush'], 'strong'],
    ['acceptable + strong', ['hardwareOath', 'fido2SecurityKey'], 'strong'],
    ['weak + acceptable + strong, strong listed last', ['email', 'softwareOath', 'passkey'], 'strong'],
    ['a temporary access pass + weak', ['temporaryAccessPass', 'sms'], 'weak'],
    ['the same weak method twice', ['sms', 'sms'], 'weak'],
  ])('%s is %s', (_name, methods, strength) => {
    expect(classifyMethods(methods)).toBe(strength);
  });
});

describe('phishing-resistant methods', () => {
  // Entra's built-in "Phishing-resistant MFA" strength, written out rather than read from the list under test.
  const resistant: MethodKind[] = [
    'fido2SecurityKey',
    'passkey',
    'syncedPasskey',
    'windowsHelloForBusiness',
    'platformCredential',
    'certificate',
  ];

  it.each(METHOD_KINDS.map((method) => [method, resistant.includes(method)] as const))('%s alone: %s', (method, expected) => {
    expect(isPhishingResistant([method])).toBe(expected);
  });

  it('needs only one phishing-resistant method among others', () => {
    expect(isPhishingResistant(['sms', 'authenticatorPush', 'certificate'])).toBe(true);
    expect(isPhishingResistant(['sms', 'authenticatorPush', 'authenticatorPasswordless'])).toBe(false);
    expect(isPhishingResistant([])).toBe(false);
  });
});

describe('classifying methods with a tenant policy', () => {
  it('treats software OATH as strong when the tenant says so', () => {
    const policy: ClassificationPolicy = {
      ...DEFAULT_CLASSIFICATION_POLICY,
      strong: [...DEFAULT_CLASSIFICATION_POLICY.strong, 'softwareOath'],
      acceptable: ['hardwareOath'],
    };

    expect(classifyMethods(['softwareOath'], policy)).toBe('strong');
    expect(classifyMethods(['hardwareOath'], policy)).toBe('acceptable');
    expect(classifyMethods(['softwareOath'])).toBe('acceptable');
  });

  it('treats email as no MFA at all when the tenant says so', () => {
    const policy: ClassificationPolicy = { ...DEFAULT_CLASSIFICATION_POLICY, weak: ['sms', 'voice'] };

    expect(classifyMethods(['email'], policy)).toBe('none');
    expect(classifyMethods(['email', 'voice'], policy)).toBe('weak');
  });

  it('takes the strongest class when the tenant lists a method twice', () => {
    const policy: ClassificationPolicy = { ...DEFAULT_CLASSIFICATION_POLICY, strong: ['hardwareOath'] };

    expect(classifyMethods(['hardwareOath'], policy)).toBe('strong');
  });
});

describe('critical admins', () => {
  it.each<[string, Partial<UserRegistration>, MfaStrength, boolean]>([
    ['an admin with strong MFA', { isAdmin: true }, 'strong', false],
    ['an admin with acceptable MFA', { isAdmin: true }, 'acceptable', true],
    ['an admin with weak MFA', { isAdmin: true }, 'weak', true],
    ['an admin with nothing', { isAdmin: true }, 'none', true],
    ['a guest admin with weak MFA (an admin role is an admin role)', { isAdmin: true, userType: 'guest' }, 'weak', true],
    ['a disabled admin with nothing (cannot sign in)', { isAdmin: true, accountEnabled: false }, 'none', false],
    ['an admin whose account state is unknown', { isAdmin: true, accountEnabled: undefined }, 'none', true],
    ['a non-admin with nothing', { isAdmin: false }, 'none', false],
  ])('%s: %s → critical %s', (_name, overrides, strength, critical) => {
    expect(isCriticalAdmin(registration(overrides), strength)).toBe(critical);
  });
});

describe('who counts in rates', () => {
  it.each<[string, Partial<UserRegistration>, { includeGuests: boolean; includeDisabled: boolean }, boolean]>([
    ['an enabled member, by default', {}, DEFAULT_RATE_POLICY, true],
    ['a member whose account state is unknown', { accountEnabled: undefined }, DEFAULT_RATE_POLICY, true],
    ['a guest, by default', { userType: 'guest' }, DEFAULT_RATE_POLICY, false],
    ['a guest, when guests are included', { userType: 'guest' }, { includeGuests: true, includeDisabled: false }, true],
    ['a disabled member, by default', { accountEnabled: false }, DEFAULT_RATE_POLICY, false],
    [
      'a disabled member, when disabled accounts are included',
      { accountEnabled: false },
      { includeGuests: false, includeDisabled: true },
      true,
    ],
    [
      'a disabled guest, when only guests are included',
      { userType: 'guest', accountEnabled: false },
      { includeGuests: true, includeDisabled: false },
      false,
    ],
    [
      'a disabled guest, when both are included',
      { userType: 'guest', accountEnabled: false },
      { includeGuests: true, includeDisabled: true },
      true,
    ],
  ])('%s → %s', (_name, overrides, rates, counts) => {
    expect(countsInRates(registration(overrides), rates)).toBe(counts);
  });

  it('leaves guests and disabled accounts out by default', () => {
    expect(DEFAULT_RATE_POLICY).toEqual({ includeGuests: false, includeDisabled: false });
  });
});

describe('classifyRegistration', () => {
  it('keeps the registration and adds the judgement', () => {
    const weakAdmin = registration({ isAdmin: true, methods: ['sms'], jobTitle: 'CFO' });

    expect(classifyRegistration(weakAdmin)).toEqual({
      ...weakAdmin,
      strength: 'weak',
      isCriticalAdmin: true,
      countsInRates: true,
    });
  });

  it('applies the tenant policies it is given', () => {
    const guestWithCodes = registration({ userType: 'guest', isAdmin: true, methods: ['softwareOath'] });
    const policy: ClassificationPolicy = { ...DEFAULT_CLASSIFICATION_POLICY, strong: ['softwareOath'] };

    const byDefault = classifyRegistration(guestWithCodes);
    const byTenant = classifyRegistration(guestWithCodes, policy, { includeGuests: true, includeDisabled: false });

    expect([byDefault.strength, byDefault.isCriticalAdmin, byDefault.countsInRates]).toEqual(['acceptable', true, false]);
    expect([byTenant.strength, byTenant.isCriticalAdmin, byTenant.countsInRates]).toEqual(['strong', false, true]);
  });
});

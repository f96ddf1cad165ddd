import {
  generateDemoTenant,
  METHOD_TYPES,
  methodCategoryOf,
  PASSWORD_METHOD,
  toRegistrationDetail,
  WELL_KNOWN_METHOD_IDS,
  type AuthenticationMethod,
  type DemoUser,
} from '../../../emulators/demo-tenant';

const tenant = generateDemoTenant({ users: 2000 });
const someone = tenant.users.find((u) => u.userType === 'Member' && !u.isAdmin)!;
const as = (methods: AuthenticationMethod[]): DemoUser => ({ ...someone, methods: [PASSWORD_METHOD, ...methods] });
const mobile: AuthenticationMethod = {
  '@odata.type': METHOD_TYPES.phone,
  id: WELL_KNOWN_METHOD_IDS.mobilePhone,
  phoneNumber: '+1 2065550100',
  phoneType: 'mobile',
  smsSignInState: 'notAllowedByPolicy',
};
const push: AuthenticationMethod = {
  '@odata.type': METHOD_TYPES.microsoftAuthenticator,
  id: 'a1',
  displayName: 'iPhone 15',
  deviceTag: 'SoftwareTokenActivated',
  phoneAppVersion: '6.8.14',
  createdDateTime: null,
};

describe('toRegistrationDetail', () => {
  it('serves every documented v1.0 field and nothing else', () => {
    const row = toRegistrationDetail(someone, '2025-03-01T10:00:00Z');
    expect(Object.keys(row).sort()).toEqual(
      [
        'id',
        'userPrincipalName',
        'userDisplayName',
        'isAdmin',
        'isSsprRegistered',
        'isSsprEnabled',
        'isSsprCapable',
        'isMfaRegistered',
        'isMfaCapable',
        'isPasswordlessCapable',
        'lastUpdatedDateTime',
        'methodsRegistered',
        'isSystemPreferredAuthenticationMethodEnabled',
        'systemPreferredAuthenticationMethods',
        'userPreferredMethodForSecondaryAuthentication',
        'userType',
      ].sort(),
    );
    expect(row.lastUpdatedDateTime).toBe('2025-03-01T10:00:00Z');
  });

  it('reports a password-only user as registered for nothing', () => {
    const row = toRegistrationDetail(as([]), new Date(0));
    expect(row).toMatchObject({
      methodsRegistered: [],
      isMfaRegistered: false,
      isMfaCapable: false,
      isSsprRegistered: false,
      isPasswordlessCapable: false,
      systemPreferredAuthenticationMethods: [],
      userPreferredMethodForSecondaryAuthentication: 'none',
    });
  });

  it('counts SMS as MFA-registered (weak, but registered) with sms as the system-preferred method', () => {
    const row = toRegistrationDetail(as([mobile]), new Date(0));
    expect(row).toMatchObject({
      methodsRegistered: ['mobilePhone'],
      isMfaRegistered: true,
      isPasswordlessCapable: false,
      systemPreferredAuthenticationMethods: ['sms'],
    });
  });

  it('tells push from passwordless Authenticator by createdDateTime, as the v1.0 resource documents', () => {
    expect(toRegistrationDetail(as([push]), new Date(0)).methodsRegistered).toEqual(['microsoftAuthenticatorPush']);
    const passwordless = toRegistrationDetail(
      as([{ ...push, createdDateTime: '2024-01-01T00:00:00Z' } as AuthenticationMethod]),
      new Date(0),
    );
    expect(passwordless.methodsRegistered).toEqual(['microsoftAuthenticatorPush', 'microsoftAuthenticatorPasswordless']);
    expect(passwordless.isPasswordlessCapable).toBe(true);
  });

  it('does not count email as MFA, only as a password reset method', () => {
    const row = toRegistrationDetail(
      as([{ '@odata.type': METHOD_TYPES.email, id: WELL_KNOWN_METHOD_IDS.email, emailAddress: 'a@example.com' }]),
      new Date(0),
    );
    expect(row).toMatchObject({ methodsRegistered: ['email'], isMfaRegistered: false, isSsprRegistered: true, isSsprCapable: true });
  });

  it('agrees with the methods for every generated user', () => {
    for (const user of tenant.users) {
      const row = toRegistrationDetail(user, new Date(0));
      const category = methodCategoryOf(user.methods);
      expect(row.id).toBe(user.id);
      expect(row.userType).toBe(user.userType === 'Member' ? 'member' : 'guest');
      expect(row.isAdmin).toBe(user.isAdmin);
      expect(row.isMfaRegistered).toBe(!['none', 'email'].includes(category));
      const names = new Set(row.methodsRegistered);
      const types = new Set(user.methods.map((m) => m['@odata.type']));
      expect(names.has('microsoftAuthenticatorPush')).toBe(types.has(METHOD_TYPES.microsoftAuthenticator));
      expect(names.has('windowsHelloForBusiness')).toBe(types.has(METHOD_TYPES.windowsHelloForBusiness));
      expect(names.has('softwareOneTimePasscode')).toBe(types.has(METHOD_TYPES.softwareOath));
      expect(names.has('email')).toBe(types.has(METHOD_TYPES.email));
      const fido = [
        'fido2SecurityKey',
        'passKeyDeviceBound',
        'passKeyDeviceBoundAuthenticator',
        'passKeyDeviceBoundWindowsHello',
        'passKeySynced',
      ].some((n) => names.has(n));
      expect(fido).toBe(types.has(METHOD_TYPES.fido2));
      for (const phone of user.methods.filter((m) => m['@odata.type'] === METHOD_TYPES.phone)) {
        const expected = { mobile: 'mobilePhone', alternateMobile: 'alternateMobilePhone', office: 'officePhone' }[
          (phone as { phoneType: 'mobile' | 'alternateMobile' | 'office' }).phoneType
        ];
        expect(names.has(expected)).toBe(true);
      }
      if (category === 'phishingResistant') expect(row.isPasswordlessCapable).toBe(true);
      if (['none', 'email', 'phone', 'oath'].includes(category)) expect(row.isPasswordlessCapable).toBe(false);
    }
  });

  it('uses both names real tenants show for security keys', () => {
    const names = new Set(tenant.users.flatMap((u) => toRegistrationDetail(u, new Date(0)).methodsRegistered));
    expect(names).toContain('fido2SecurityKey');
    expect(names).toContain('passKeyDeviceBound');
    expect(names).toContain('passKeyDeviceBoundAuthenticator');
    expect(names).toContain('microsoftAuthenticatorPasswordless');
  });
});

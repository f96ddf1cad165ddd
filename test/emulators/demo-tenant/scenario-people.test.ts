import {
  CONDITIONAL_ACCESS_POLICY_IDS,
  generateDemoTenant,
  METHOD_TYPES,
  methodCategoryOf,
  MFA_EXCLUSIONS_GROUP,
  PHISHING_RESISTANT_MFA_STRENGTH,
  SCENARIO_PLANS,
  scenarioPeople,
  toRegistrationDetail,
} from '../../../emulators/demo-tenant';

const tenant = generateDemoTenant({ users: 120 });
const cast = scenarioPeople(tenant);
const namesOf = (key: keyof typeof cast) => toRegistrationDetail(cast[key], new Date(0)).methodsRegistered;
const phoneTypes = (key: keyof typeof cast) => cast[key].methods.flatMap((m) => ('phoneType' in m ? [m.phoneType] : []));

describe('the scenario cast', () => {
  it('comes after the generated people, keeps the manager tree whole and is the same for every tenant size', () => {
    expect(tenant.users.slice(-SCENARIO_PLANS.length).map((u) => u.id)).toEqual(Object.values(cast).map((u) => u.id));
    const byId = new Set(tenant.users.map((u) => u.id));
    for (const person of Object.values(cast)) {
      expect(person.accountEnabled && person.userType === 'Member').toBe(true);
      expect(byId.has(person.managerId as string)).toBe(true);
    }
    const bigger = scenarioPeople(generateDemoTenant({ users: 800 }));
    expect(Object.values(bigger).map((u) => [u.id, u.userPrincipalName])).toEqual(
      Object.values(cast).map((u) => [u.id, u.userPrincipalName]),
    );
    expect(() => scenarioPeople(generateDemoTenant({ users: 120, scenarioPeople: false }))).toThrow(/scenarioPeople: false/);
  });

  it('has phone-only people of each phone type, and mobile + office', () => {
    expect(phoneTypes('mobileOnly')).toEqual(['mobile']);
    expect(phoneTypes('mobileOnlySmsSignIn')).toEqual(['mobile']);
    expect(phoneTypes('alternateMobileOnly')).toEqual(['alternateMobile']);
    expect(phoneTypes('officeOnly')).toEqual(['office']);
    expect(phoneTypes('officeOnlyLegal')).toEqual(['office']);
    expect(phoneTypes('mobileAndOffice')).toEqual(['mobile', 'office']);
    for (const key of ['mobileOnly', 'alternateMobileOnly', 'officeOnly', 'mobileAndOffice'] as const) {
      expect(cast[key].methods).toHaveLength(1 + phoneTypes(key).length);
      expect(methodCategoryOf(cast[key].methods)).toBe('phone');
    }
    expect(namesOf('alternateMobileOnly')).toEqual(['alternateMobilePhone']);
    expect(namesOf('mobileAndOffice')).toEqual(['mobilePhone', 'officePhone']);
  });

  it('names passkeys by where they live: synced, in Authenticator, in Windows Hello; the break-glass key is device-bound', () => {
    expect(namesOf('passkeySyncedApple')).toEqual(['passKeySynced']);
    expect(namesOf('passkeySyncedGoogle')).toEqual(['passKeySynced']);
    expect(namesOf('passkeyAuthenticator')).toEqual(['passKeyDeviceBoundAuthenticator']);
    expect(namesOf('passkeyWindowsHello')).toEqual(['passKeyDeviceBoundWindowsHello']);
    expect(namesOf('breakGlass')).toEqual(['passKeyDeviceBound']);
    for (const key of ['passkeySyncedApple', 'passkeyAuthenticator', 'passkeyWindowsHello'] as const) {
      const row = toRegistrationDetail(cast[key], new Date(0));
      expect(row).toMatchObject({ isMfaRegistered: true, isPasswordlessCapable: true });
    }
  });

  it('has one person with only an external MFA provider (MFA) and one with only a QR code and PIN (not MFA)', () => {
    expect(cast.externalMfaOnly.methods.map((m) => m['@odata.type'])).toEqual([METHOD_TYPES.password, METHOD_TYPES.external]);
    expect(toRegistrationDetail(cast.externalMfaOnly, new Date(0))).toMatchObject({
      methodsRegistered: ['externalAuthMethod'],
      isMfaRegistered: true,
      isPasswordlessCapable: false,
    });
    expect(cast.qrCodePinOnly.methods.map((m) => m['@odata.type'])).toEqual([METHOD_TYPES.password, METHOD_TYPES.qrCodePin]);
    expect(toRegistrationDetail(cast.qrCodePinOnly, new Date(0))).toMatchObject({
      methodsRegistered: ['qrCode'],
      isMfaRegistered: false,
      isSsprRegistered: false,
    });
    expect(methodCategoryOf(cast.qrCodePinOnly.methods)).toBe('none');
  });

  it('makes the break-glass account a Global Administrator with a security key', () => {
    const globalAdmins = tenant.directoryRoles.find((r) => r.displayName === 'Global Administrator')!;
    expect(globalAdmins.memberIds).toContain(cast.breakGlass.id);
    expect(cast.breakGlass).toMatchObject({ isAdmin: true, adminRole: 'Global Administrator' });
    expect(methodCategoryOf(cast.breakGlass.methods)).toBe('phishingResistant');
  });
});

describe('the demo policies', () => {
  const exclusions = tenant.groups.find((g) => g.displayName === MFA_EXCLUSIONS_GROUP)!;
  const policy = (id: string) => tenant.policies.conditionalAccessPolicies.find((p) => p.id === id)!;

  it('run a Microsoft managed Authenticator campaign for everyone, with security defaults off', () => {
    expect(tenant.policies.registrationCampaign).toEqual({
      snoozeDurationInDays: 1,
      state: 'default',
      excludeTargets: [],
      includeTargets: [{ id: 'all_users', targetType: 'group', targetedAuthenticationMethod: 'microsoftAuthenticator' }],
    });
    expect(tenant.policies.securityDefaultsEnabled).toBe(false);
    expect(tenant.policies.authenticationMethodConfigurations.map((c) => [c.id, c.state])).toEqual(
      expect.arrayContaining([
        ['Sms', 'enabled'],
        ['Voice', 'enabled'],
        ['MicrosoftAuthenticator', 'enabled'],
        ['Fido2', 'enabled'],
      ]),
    );
  });

  it('require MFA for everyone but the break-glass account and an "MFA exclusions" group of real people', () => {
    const all = policy(CONDITIONAL_ACCESS_POLICY_IDS.requireMfaForAllUsers);
    expect(all).toMatchObject({ state: 'enabled', grantControls: { builtInControls: ['mfa'] } });
    expect(all.conditions.users).toMatchObject({
      includeUsers: ['All'],
      excludeUsers: [cast.breakGlass.id],
      excludeGroups: [exclusions.id],
    });
    expect(all.conditions.applications.includeApplications).toEqual(['All']);
    expect(exclusions.memberIds.length).toBeGreaterThanOrEqual(3);
    const ids = new Set(tenant.users.map((u) => u.id));
    for (const id of exclusions.memberIds) expect(ids.has(id)).toBe(true);
  });

  it('ask admin roles for phishing-resistant MFA, and hold a report-only and a disabled policy', () => {
    const admins = policy(CONDITIONAL_ACCESS_POLICY_IDS.phishingResistantMfaForAdmins);
    expect(admins.grantControls?.authenticationStrength).toEqual(PHISHING_RESISTANT_MFA_STRENGTH);
    expect(admins.conditions.users.includeRoles).toContain('62e90394-69f5-4237-9190-012177145e10');
    expect(policy(CONDITIONAL_ACCESS_POLICY_IDS.blockLegacyAuthenticationReportOnly).state).toBe('enabledForReportingButNotEnforced');
    expect(policy(CONDITIONAL_ACCESS_POLICY_IDS.requireMfaForGuestsDisabled).state).toBe('disabled');
  });
});

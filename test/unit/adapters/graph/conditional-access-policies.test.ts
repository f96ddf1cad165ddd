import {
  mapAuthenticationStrength,
  mapConditionalAccessPolicies,
  mapConditionalAccessPolicy,
  mapSecurityDefaultsEnabled,
  type GraphAuthenticationStrength,
  type GraphConditionalAccessPolicy,
} from '../../../../src/adapters/graph/conditional-access-policies';
import { assessMfaRequirement } from '../../../../src/domain/policy/mfa-assessment';
import { peopleLeftOut, toPerson } from '../../../../src/domain/policy/people-left-out';
import { adminRolesLine, mfaRequirementLine } from '../../../../src/domain/policy/policy-summaries';

/** Representative Conditional Access policies in Graph v1.0 shape, as `GET /identity/conditionalAccess/policies` returns them. */

const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';
const HELPDESK_ADMIN = '729827e3-9c14-49f7-bb1b-9608f156bbb8';
const BREAK_GLASS = '11111111-1111-4111-8111-111111111111';
const EXCLUSIONS_GROUP = '22222222-2222-4222-8222-222222222222';
const EXCHANGE_ONLINE = '00000002-0000-0ff1-ce00-000000000000';
const ALL_GUEST_TYPES = 'internalGuest,b2bCollaborationGuest,b2bCollaborationMember,b2bDirectConnectUser,otherExternalUser,serviceProvider';

const BUILT_IN = (n: 2 | 3 | 4, displayName: string, allowedCombinations: string[]): GraphAuthenticationStrength => ({
  id: `00000000-0000-0000-0000-00000000000${n}`,
  displayName,
  policyType: 'builtIn',
  requirementsSatisfied: 'mfa',
  allowedCombinations,
});
const MFA = BUILT_IN(2, 'Multifactor authentication', [
  'windowsHelloForBusiness',
  'fido2',
  'password,microsoftAuthenticatorPush',
  'password,sms',
]);
const PASSWORDLESS = BUILT_IN(3, 'Passwordless MFA', ['windowsHelloForBusiness', 'fido2', 'x509CertificateMultiFactor', 'deviceBasedPush']);
const PHISHING_RESISTANT = BUILT_IN(4, 'Phishing-resistant MFA', ['windowsHelloForBusiness', 'fido2', 'x509CertificateMultiFactor']);

type Users = NonNullable<NonNullable<GraphConditionalAccessPolicy['conditions']>['users']>;
type Grant = NonNullable<GraphConditionalAccessPolicy['grantControls']>;

interface Plan {
  id?: string;
  state?: string;
  users?: Partial<Users>;
  includeApplications?: string[];
  excludeApplications?: string[];
  grant?: Partial<Grant>;
  conditions?: Partial<NonNullable<GraphConditionalAccessPolicy['conditions']>>;
}

/** "Require MFA for all users, all resources", enforced, with every v1.0 property present as Graph returns it. */
function graphPolicy(plan: Plan = {}): GraphConditionalAccessPolicy {
  return {
    id: plan.id ?? 'p-all',
    displayName: plan.id ?? 'Require MFA for all users',
    state: plan.state ?? 'enabled',
    conditions: {
      userRiskLevels: [],
      signInRiskLevels: [],
      clientAppTypes: ['all'],
      insiderRiskLevels: null,
      platforms: null,
      locations: null,
      devices: null,
      authenticationFlows: null,
      applications: {
        includeApplications: plan.includeApplications ?? ['All'],
        excludeApplications: plan.excludeApplications ?? [],
        applicationFilter: null,
      },
      users: {
        includeUsers: ['All'],
        excludeUsers: [],
        includeGroups: [],
        excludeGroups: [],
        includeRoles: [],
        excludeRoles: [],
        includeGuestsOrExternalUsers: null,
        excludeGuestsOrExternalUsers: null,
        ...plan.users,
      },
      ...plan.conditions,
    },
    grantControls: {
      operator: 'OR',
      builtInControls: ['mfa'],
      customAuthenticationFactors: [],
      termsOfUse: [],
      authenticationStrength: null,
      ...plan.grant,
    },
  };
}

/** MFA for all users, all apps, excluding one of each kind: a user, a group, a role and guests. */
const EXCLUDING_EVERY_KIND = graphPolicy({
  users: {
    excludeUsers: [BREAK_GLASS],
    excludeGroups: [EXCLUSIONS_GROUP],
    excludeRoles: [HELPDESK_ADMIN],
    excludeGuestsOrExternalUsers: {
      guestOrExternalUserTypes: 'internalGuest,b2bCollaborationGuest',
      externalTenants: { membershipKind: 'all' },
    },
  },
});

const assess = (policies: GraphConditionalAccessPolicy[], securityDefaults = false, adminRoles?: string[]) =>
  assessMfaRequirement(mapConditionalAccessPolicies(policies), securityDefaults, adminRoles);

describe('mapConditionalAccessPolicy', () => {
  it('maps who is included and excluded: users, groups, roles and guests', () => {
    const mapped = mapConditionalAccessPolicy(EXCLUDING_EVERY_KIND);
    expect(mapped.state).toBe('on');
    expect(mapped.users).toEqual({
      includeAll: true,
      include: { users: [], groups: [], roles: [], guests: null },
      exclude: {
        users: [BREAK_GLASS],
        groups: [EXCLUSIONS_GROUP],
        roles: [HELPDESK_ADMIN],
        guests: { kinds: ['internalGuest', 'b2bGuest'], someTenantsOnly: false },
      },
    });
    expect(mapped.grant).toEqual({ operator: 'OR', controls: ['mfa'], strength: null, otherControls: 0 });
    expect(mapped.narrowedBy).toEqual([]);
    expect(mapped.unknowns).toEqual([]);
  });

  it('maps the three states, and names one it does not know', () => {
    const states = ['enabled', 'enabledForReportingButNotEnforced', 'disabled', 'unknownFutureValue'].map(
      (state) => mapConditionalAccessPolicy(graphPolicy({ state })).state,
    );
    expect(states).toEqual(['on', 'reportOnly', 'off', 'unknown']);
    expect(mapConditionalAccessPolicy(graphPolicy({ state: 'unknownFutureValue' })).unknowns).toEqual(["state 'unknownFutureValue'"]);
  });

  it('reads the keywords in the user lists as keywords, not ids', () => {
    const legacyGuests = mapConditionalAccessPolicy(graphPolicy({ users: { includeUsers: ['GuestsOrExternalUsers'] } }));
    expect(legacyGuests.users.includeAll).toBe(false);
    expect(legacyGuests.users.include.users).toEqual([]);
    expect(legacyGuests.users.include.guests?.kinds).toContain('b2bGuest');
    const nobody = mapConditionalAccessPolicy(graphPolicy({ users: { includeUsers: ['None'] } }));
    expect(nobody.users).toMatchObject({ includeAll: false, include: { users: [] } });
  });

  it('takes guests of some organisations only as "some", and an unknown guest kind as unknown', () => {
    const mapped = mapConditionalAccessPolicy(
      graphPolicy({
        users: {
          includeUsers: [],
          includeGuestsOrExternalUsers: {
            guestOrExternalUserTypes: ALL_GUEST_TYPES,
            externalTenants: { membershipKind: 'enumerated', members: ['t-1'] },
          },
          excludeGuestsOrExternalUsers: { guestOrExternalUserTypes: 'unknownFutureValue', externalTenants: null },
        },
      }),
    );
    expect(mapped.users.include.guests).toEqual({
      kinds: ['internalGuest', 'b2bGuest', 'b2bMember', 'b2bDirectConnect', 'otherExternal', 'serviceProvider'],
      someTenantsOnly: true,
    });
    expect(mapped.users.exclude.guests).toEqual({ kinds: ['unknown'], someTenantsOnly: false });
    expect(mapped.unknowns).toEqual(["guest or external user type 'unknownFutureValue'"]);
  });

  it('maps the grant: operator, controls, an unknown control, terms of use', () => {
    const mapped = mapConditionalAccessPolicy(
      graphPolicy({ grant: { operator: 'AND', builtInControls: ['mfa', 'compliantDevice', 'riskRemediation'], termsOfUse: ['tou-1'] } }),
    );
    expect(mapped.grant).toEqual({ operator: 'AND', controls: ['mfa', 'compliantDevice', 'unknown'], strength: null, otherControls: 1 });
    expect(mapped.unknowns).toEqual(["grant control 'riskRemediation'"]);
  });

  it('names the conditions that limit a policy to some sign-ins', () => {
    const mapped = mapConditionalAccessPolicy(
      graphPolicy({
        conditions: {
          clientAppTypes: ['browser', 'mobileAppsAndDesktopClients'],
          locations: { includeLocations: ['All'], excludeLocations: ['AllTrusted'] },
          platforms: { includePlatforms: ['android', 'iOS'], excludePlatforms: [] },
          signInRiskLevels: ['high'],
          userRiskLevels: ['medium'],
          insiderRiskLevels: 'elevated',
          devices: { deviceFilter: { mode: 'exclude', rule: 'device.isCompliant -eq True' } },
          authenticationFlows: { transferMethods: 'deviceCodeFlow' },
        },
      }),
    );
    expect(mapped.narrowedBy.map((n) => n.detail)).toEqual([
      'client apps: browser, mobileAppsAndDesktopClients',
      'device platforms android, iOS only',
      'locations other than AllTrusted',
      'sign-in risk high',
      'user risk medium',
      'insider risk elevated',
      'devices not matching a filter',
      'sign-in flows deviceCodeFlow',
    ]);
  });

  it('reads every client app type listed one by one, and All locations and platforms, as no narrowing', () => {
    const mapped = mapConditionalAccessPolicy(
      graphPolicy({
        conditions: {
          clientAppTypes: ['browser', 'mobileAppsAndDesktopClients', 'exchangeActiveSync', 'other'],
          locations: { includeLocations: ['All'], excludeLocations: [] },
          platforms: { includePlatforms: ['all'], excludePlatforms: null },
        },
      }),
    );
    expect(mapped.narrowedBy).toEqual([]);
  });

  it('survives a policy with almost nothing in it', () => {
    const mapped = mapConditionalAccessPolicy({ id: 'p-bare' });
    expect(mapped).toMatchObject({ id: 'p-bare', name: 'p-bare', state: 'unknown', users: { includeAll: false }, apps: { include: [] } });
    expect(mapped.grant).toEqual({ operator: 'unknown', controls: [], strength: null, otherControls: 0 });
    expect(mapConditionalAccessPolicies(null)).toEqual([]);
  });
});

describe('mapAuthenticationStrength', () => {
  it('knows the three built-in strengths by id', () => {
    expect(mapAuthenticationStrength(MFA)).toMatchObject({ kind: 'mfa', phishingResistant: false, grantsMfa: true });
    expect(mapAuthenticationStrength(PASSWORDLESS)).toMatchObject({ kind: 'passwordless', phishingResistant: false, grantsMfa: true });
    expect(mapAuthenticationStrength(PHISHING_RESISTANT)).toMatchObject({
      kind: 'phishingResistant',
      phishingResistant: true,
      grantsMfa: true,
    });
  });

  it('judges a custom strength by what it allows and satisfies', () => {
    const custom = (allowedCombinations: string[], requirementsSatisfied: string | null) =>
      mapAuthenticationStrength({ id: 'c-1', displayName: 'Custom', policyType: 'custom', requirementsSatisfied, allowedCombinations });
    expect(custom(['fido2', 'x509CertificateMultiFactor'], 'mfa')).toMatchObject({
      kind: 'custom',
      phishingResistant: true,
      grantsMfa: true,
    });
    expect(custom(['fido2', 'password,sms'], 'mfa')).toMatchObject({ phishingResistant: false, grantsMfa: true });
    expect(custom(['password'], 'none')).toMatchObject({ phishingResistant: false, grantsMfa: false });
    expect(custom([], null)).toMatchObject({ phishingResistant: false, grantsMfa: 'unknown' });
  });
});

describe('coverage from representative policies', () => {
  const people = [
    toPerson({ id: 'u-1', userType: 'Member' }),
    toPerson({ id: 'u-2', userType: 'Member', groupIds: ['g-sales'] }),
    toPerson({ id: 'u-3', userType: 'Member', groupIds: [EXCLUSIONS_GROUP] }),
    toPerson({ id: BREAK_GLASS, userType: 'Member' }),
    toPerson({ id: 'u-help', userType: 'Member', roleTemplateIds: [HELPDESK_ADMIN] }),
    toPerson({ id: 'g-1', userType: 'Guest' }),
    toPerson({ id: 'u-off', userType: 'Member', accountEnabled: false, groupIds: [EXCLUSIONS_GROUP] }),
  ];

  it('counts excluded users, group members, role holders and guests as left out', () => {
    const assessment = assess([EXCLUDING_EVERY_KIND]);
    const result = peopleLeftOut(assessment, people);
    expect(result.byReason).toEqual({ excludedUser: 1, excludedRole: 1, excludedGroup: 1, excludedGuest: 1, notIncluded: 0 });
    expect(mfaRequirementLine(assessment, result)).toBe('MFA required for 33% by Conditional Access; 4 people excluded');
    expect(mfaRequirementLine(assessment)).toBe(
      'MFA required for all users by Conditional Access; excluded: 1 user, 1 group, 1 role, guests',
    );
  });

  it('does not take a policy for Office 365 only, or one with an app excluded, as all cloud apps', () => {
    const office = graphPolicy({ id: 'p-office', includeApplications: ['Office365'] });
    const carvedOut = graphPolicy({ id: 'p-carved', excludeApplications: [EXCHANGE_ONLINE] });
    const assessment = assess([office, carvedOut]);
    expect(assessment.by).toBe('nothing');
    expect(assessment.notCounting.map((n) => n.reasons)).toEqual([
      ['applies to some apps only (Office365)'],
      [`excludes 1 app (${EXCHANGE_ONLINE})`],
    ]);
    expect(peopleLeftOut(assessment, people).byReason.notIncluded).toBe(6);
  });

  it('never counts report-only or disabled policies, but says they would count', () => {
    const assessment = assess([
      graphPolicy({ id: 'p-ro', state: 'enabledForReportingButNotEnforced' }),
      graphPolicy({ id: 'p-off', state: 'disabled' }),
    ]);
    expect(assessment.counting).toEqual([]);
    expect(assessment.reportOnly).toEqual([{ policy: { id: 'p-ro', name: 'p-ro' }, wouldCount: true }]);
    expect(assessment.off).toEqual([{ policy: { id: 'p-off', name: 'p-off' }, wouldCount: true }]);
    expect(mfaRequirementLine(assessment)).toBe(
      'No enabled Conditional Access policy requires MFA for all cloud apps (1 report-only, 1 disabled)',
    );
  });

  it('does not count MFA offered beside a compliant device (OR), but does with AND', () => {
    const either = assess([graphPolicy({ grant: { operator: 'OR', builtInControls: ['mfa', 'compliantDevice'] } })]);
    expect(either.notCounting[0]?.reasons).toEqual(['MFA or another control (OR): MFA is not strictly required']);
    const both = assess([graphPolicy({ grant: { operator: 'AND', builtInControls: ['mfa', 'compliantDevice'] } })]);
    expect(both.by).toBe('conditionalAccess');
  });

  it('does not count a block policy as MFA', () => {
    const assessment = assess([graphPolicy({ grant: { builtInControls: ['block'] } })]);
    expect(assessment.by).toBe('nothing');
  });

  it('counts a policy requiring any built-in authentication strength', () => {
    for (const strength of [MFA, PASSWORDLESS, PHISHING_RESISTANT]) {
      const assessment = assess([graphPolicy({ grant: { builtInControls: [], authenticationStrength: strength } })]);
      expect(assessment.by).toBe('conditionalAccess');
    }
  });

  it('says whether admin roles require a phishing-resistant strength', () => {
    const admins = (strength: GraphAuthenticationStrength, excludeUsers: string[] = []) =>
      graphPolicy({
        id: 'p-admins',
        users: { includeUsers: [], includeRoles: [GLOBAL_ADMIN, HELPDESK_ADMIN], excludeUsers },
        grant: { builtInControls: [], authenticationStrength: strength },
      });
    const roles = [GLOBAL_ADMIN, HELPDESK_ADMIN];
    expect(adminRolesLine(assess([EXCLUDING_EVERY_KIND, admins(PHISHING_RESISTANT)], false, roles))).toBe(
      'Admin roles: phishing-resistant MFA required',
    );
    expect(adminRolesLine(assess([admins(PHISHING_RESISTANT, [BREAK_GLASS])], false, roles))).toBe(
      'Admin roles: phishing-resistant MFA required, with exclusions',
    );
    expect(adminRolesLine(assess([admins(MFA)], false, roles))).toBe('Admin roles: phishing-resistant MFA not required');
    const partly = graphPolicy({
      users: { includeUsers: ['All'], excludeRoles: [HELPDESK_ADMIN] },
      grant: { builtInControls: [], authenticationStrength: PHISHING_RESISTANT },
    });
    expect(assess([partly], false, roles).adminRoles.rolesLeftOut).toEqual([HELPDESK_ADMIN]);
  });

  it('takes security defaults as MFA for everyone', () => {
    expect(mapSecurityDefaultsEnabled({ isEnabled: true })).toBe(true);
    expect(mapSecurityDefaultsEnabled({ isEnabled: null })).toBe(false);
    expect(mapSecurityDefaultsEnabled(undefined)).toBe(false);
    const assessment = assess([], mapSecurityDefaultsEnabled({ isEnabled: true }));
    expect(mfaRequirementLine(assessment, peopleLeftOut(assessment, people))).toBe('MFA required for everyone by security defaults');
    expect(peopleLeftOut(assessment, people)).toMatchObject({ enabled: 6, covered: 6, leftOut: 0 });
  });
});

import type {
  AuthenticationStrength,
  ConditionalAccessPolicy,
  PeopleScope,
  PolicyGrant,
  PolicyUsers,
} from '../../../../src/domain/policy/conditional-access-policy';
import type { Person } from '../../../../src/domain/policy/people-left-out';

export const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';
export const HELPDESK_ADMIN = '729827e3-9c14-49f7-bb1b-9608f156bbb8';

export const NOBODY: PeopleScope = { users: [], groups: [], roles: [], guests: null };

export const MFA_STRENGTH: AuthenticationStrength = {
  id: '00000000-0000-0000-0000-000000000002',
  name: 'Multifactor authentication',
  kind: 'mfa',
  phishingResistant: false,
  grantsMfa: true,
};

export const PASSWORDLESS: AuthenticationStrength = {
  id: '00000000-0000-0000-0000-000000000003',
  name: 'Passwordless MFA',
  kind: 'passwordless',
  phishingResistant: false,
  grantsMfa: true,
};

export const PHISHING_RESISTANT: AuthenticationStrength = {
  id: '00000000-0000-0000-0000-000000000004',
  name: 'Phishing-resistant MFA',
  kind: 'phishingResistant',
  phishingResistant: true,
  grantsMfa: true,
};

export const REQUIRE_MFA: PolicyGrant = { operator: 'OR', controls: ['mfa'], strength: null, otherControls: 0 };

export function allUsers(exclude: Partial<PeopleScope> = {}): PolicyUsers {
  return { includeAll: true, include: NOBODY, exclude: { ...NOBODY, ...exclude } };
}

export function only(include: Partial<PeopleScope>, exclude: Partial<PeopleScope> = {}): PolicyUsers {
  return { includeAll: false, include: { ...NOBODY, ...include }, exclude: { ...NOBODY, ...exclude } };
}

/** "Require MFA for all users, all cloud apps", enforced, unless told otherwise. */
export function policy(overrides: Partial<ConditionalAccessPolicy> = {}): ConditionalAccessPolicy {
  return {
    id: overrides.id ?? 'p-all',
    name: overrides.name ?? 'Require MFA for everyone',
    state: 'on',
    users: allUsers(),
    apps: { include: ['All'], exclude: [], filtered: false },
    grant: REQUIRE_MFA,
    narrowedBy: [],
    unknowns: [],
    ...overrides,
  };
}

export function person(id: string, extra: Partial<Omit<Person, 'id'>> = {}): Person {
  return { id, groupIds: new Set(), roleTemplateIds: new Set(), isGuest: false, enabled: true, ...extra };
}

import type {
  AuthenticationStrength,
  ConditionalAccessPolicy,
  GrantControl,
  GuestKind,
  GuestScope,
  Narrowing,
  PeopleScope,
  PolicyState,
  StrengthKind,
} from '../../domain/policy/conditional-access-policy';

/**
 * Graph v1.0 JSON onto the domain's Conditional Access model; no requests here. Shapes from the v1.0 resource
 * pages: conditionalAccessPolicy, conditionalAccessConditionSet, conditionalAccessUsers,
 * conditionalAccessGuestsOrExternalUsers, conditionalAccessApplications, conditionalAccessGrantControls,
 * authenticationStrengthPolicy, identitySecurityDefaultsEnforcementPolicy. Every enum is evolvable: a value not
 * listed here becomes 'unknown' and is named in the policy's `unknowns`, never a crash and never a guess.
 */

type Strings = readonly string[] | null | undefined;

export interface GraphGuestsOrExternalUsers {
  /** A flags enum, comma-separated: "internalGuest,b2bCollaborationGuest". */
  guestOrExternalUserTypes?: string | null;
  externalTenants?: { membershipKind?: string | null; members?: Strings } | null;
}

export interface GraphAuthenticationStrength {
  id?: string | null;
  displayName?: string | null;
  policyType?: string | null;
  requirementsSatisfied?: string | null;
  allowedCombinations?: Strings;
}

/** One item of `GET /identity/conditionalAccess/policies` (the list returns authenticationStrength inline). */
export interface GraphConditionalAccessPolicy {
  id?: string | null;
  displayName?: string | null;
  state?: string | null;
  conditions?: {
    users?: {
      includeUsers?: Strings;
      excludeUsers?: Strings;
      includeGroups?: Strings;
      excludeGroups?: Strings;
      includeRoles?: Strings;
      excludeRoles?: Strings;
      includeGuestsOrExternalUsers?: GraphGuestsOrExternalUsers | null;
      excludeGuestsOrExternalUsers?: GraphGuestsOrExternalUsers | null;
    } | null;
    applications?: { includeApplications?: Strings; excludeApplications?: Strings; applicationFilter?: object | null } | null;
    clientAppTypes?: Strings;
    platforms?: { includePlatforms?: Strings; excludePlatforms?: Strings } | null;
    locations?: { includeLocations?: Strings; excludeLocations?: Strings } | null;
    signInRiskLevels?: Strings;
    userRiskLevels?: Strings;
    insiderRiskLevels?: string | null;
    devices?: { deviceFilter?: { mode?: string | null; rule?: string | null } | null } | null;
    authenticationFlows?: { transferMethods?: string | null } | null;
  } | null;
  grantControls?: {
    operator?: string | null;
    builtInControls?: Strings;
    customAuthenticationFactors?: Strings;
    termsOfUse?: Strings;
    authenticationStrength?: GraphAuthenticationStrength | null;
  } | null;
}

const STATES: Readonly<Record<string, PolicyState>> = { enabled: 'on', enabledForReportingButNotEnforced: 'reportOnly', disabled: 'off' };

const CONTROLS: ReadonlySet<string> = new Set([
  'block',
  'mfa',
  'compliantDevice',
  'domainJoinedDevice',
  'approvedApplication',
  'compliantApplication',
  'passwordChange',
]);

const GUEST_KINDS: Readonly<Record<string, GuestKind>> = {
  internalGuest: 'internalGuest',
  b2bCollaborationGuest: 'b2bGuest',
  b2bCollaborationMember: 'b2bMember',
  b2bDirectConnectUser: 'b2bDirectConnect',
  otherExternalUser: 'otherExternal',
  serviceProvider: 'serviceProvider',
};
const ALL_GUEST_KINDS: readonly GuestKind[] = Object.values(GUEST_KINDS);

/** Ids of Entra's built-in strengths (v1.0 "List authenticationStrengthPolicies" example). */
export const BUILT_IN_STRENGTHS: Readonly<Record<string, { kind: StrengthKind; name: string }>> = {
  '00000000-0000-0000-0000-000000000002': { kind: 'mfa', name: 'Multifactor authentication' },
  '00000000-0000-0000-0000-000000000003': { kind: 'passwordless', name: 'Passwordless MFA' },
  '00000000-0000-0000-0000-000000000004': { kind: 'phishingResistant', name: 'Phishing-resistant MFA' },
};

/** The modes the built-in phishing-resistant strength allows; a custom strength allowing only these is one too. */
const PHISHING_RESISTANT_MODES: ReadonlySet<string> = new Set(['windowsHelloForBusiness', 'fido2', 'x509CertificateMultiFactor']);

/** The client app types that together mean every client, as 'all' does. */
const EVERY_CLIENT_APP: readonly string[] = ['browser', 'mobileAppsAndDesktopClients', 'exchangeActiveSync', 'other'];

export function mapConditionalAccessPolicies(items: readonly GraphConditionalAccessPolicy[] | null | undefined): ConditionalAccessPolicy[] {
  return (items ?? []).map(mapConditionalAccessPolicy);
}

export function mapConditionalAccessPolicy(item: GraphConditionalAccessPolicy): ConditionalAccessPolicy {
  const unknowns: string[] = [];
  const state = STATES[item.state ?? ''] ?? 'unknown';
  if (state === 'unknown') unknowns.push(`state '${item.state ?? ''}'`);
  const users = item.conditions?.users;
  const includeUsers = list(users?.includeUsers);
  const excludeUsers = list(users?.excludeUsers);
  const apps = item.conditions?.applications;
  return {
    id: item.id ?? '',
    name: item.displayName ?? item.id ?? '',
    state,
    users: {
      includeAll: includeUsers.includes('All'),
      include: scope(includeUsers, users?.includeGroups, users?.includeRoles, users?.includeGuestsOrExternalUsers, unknowns),
      exclude: scope(excludeUsers, users?.excludeGroups, users?.excludeRoles, users?.excludeGuestsOrExternalUsers, unknowns),
    },
    apps: {
      include: list(apps?.includeApplications),
      exclude: list(apps?.excludeApplications),
      filtered: Boolean(apps?.applicationFilter),
    },
    grant: grant(item.grantControls, unknowns),
    narrowedBy: narrowings(item.conditions, unknowns),
    unknowns,
  };
}

/** `GET /policies/identitySecurityDefaultsEnforcementPolicy`: anything but an explicit true reads as off. */
export function mapSecurityDefaultsEnabled(policy: { isEnabled?: boolean | null } | null | undefined): boolean {
  return policy?.isEnabled === true;
}

/** 'All', 'None' and 'GuestsOrExternalUsers' are keywords in the user lists, not ids. */
function scope(
  users: readonly string[],
  groups: Strings,
  roles: Strings,
  guests: GraphGuestsOrExternalUsers | null | undefined,
  unknowns: string[],
): PeopleScope {
  const legacyGuests = users.includes('GuestsOrExternalUsers');
  return {
    users: users.filter((u) => u !== 'All' && u !== 'None' && u !== 'GuestsOrExternalUsers'),
    groups: list(groups),
    roles: list(roles),
    guests: legacyGuests ? { kinds: ALL_GUEST_KINDS, someTenantsOnly: false } : guestScope(guests, unknowns),
  };
}

function guestScope(guests: GraphGuestsOrExternalUsers | null | undefined, unknowns: string[]): GuestScope | null {
  const kinds: GuestKind[] = [];
  for (const value of flags(guests?.guestOrExternalUserTypes)) {
    if (value === 'none') continue;
    const kind = GUEST_KINDS[value];
    if (!kind) unknowns.push(`guest or external user type '${value}'`);
    kinds.push(kind ?? 'unknown');
  }
  if (kinds.length === 0) return null;
  // 'enumerated' names some organisations; an unknown kind of list is taken as "some" too, the cautious reading.
  const membership = guests?.externalTenants?.membershipKind;
  return { kinds, someTenantsOnly: membership !== undefined && membership !== null && membership !== 'all' };
}

function grant(controls: GraphConditionalAccessPolicy['grantControls'], unknowns: string[]): ConditionalAccessPolicy['grant'] {
  const builtIn: GrantControl[] = list(controls?.builtInControls).map((control) => {
    if (CONTROLS.has(control)) return control as GrantControl;
    unknowns.push(`grant control '${control}'`);
    return 'unknown';
  });
  const operator = controls?.operator?.toUpperCase();
  return {
    operator: operator === 'AND' || operator === 'OR' ? operator : 'unknown',
    controls: builtIn,
    strength: controls?.authenticationStrength ? mapAuthenticationStrength(controls.authenticationStrength) : null,
    otherControls: list(controls?.customAuthenticationFactors).length + list(controls?.termsOfUse).length,
  };
}

export function mapAuthenticationStrength(graph: GraphAuthenticationStrength): AuthenticationStrength {
  const id = (graph.id ?? '').toLowerCase();
  const builtIn = BUILT_IN_STRENGTHS[id];
  const combinations = list(graph.allowedCombinations);
  const onlyPhishingResistant =
    combinations.length > 0 &&
    combinations.every((combination) => combination.split(',').every((mode) => PHISHING_RESISTANT_MODES.has(mode.trim())));
  const satisfied = flags(graph.requirementsSatisfied);
  return {
    id,
    name: graph.displayName ?? builtIn?.name ?? id,
    kind: builtIn?.kind ?? 'custom',
    phishingResistant: builtIn ? builtIn.kind === 'phishingResistant' : onlyPhishingResistant,
    // Every built-in strength grants MFA; a custom one says so in requirementsSatisfied, or we do not know.
    grantsMfa: builtIn || satisfied.includes('mfa') ? true : satisfied.includes('none') ? false : 'unknown',
  };
}

function narrowings(conditions: GraphConditionalAccessPolicy['conditions'], unknowns: string[]): Narrowing[] {
  const found: Narrowing[] = [];
  const clientApps = list(conditions?.clientAppTypes);
  const everyClient = clientApps.length === 0 || clientApps.includes('all') || EVERY_CLIENT_APP.every((t) => clientApps.includes(t));
  if (!everyClient) found.push({ kind: 'clientApps', detail: `client apps: ${clientApps.join(', ')}` });
  for (const type of clientApps) if (type === 'unknownFutureValue') unknowns.push(`client app type '${type}'`);
  const platforms = includeExclude(conditions?.platforms?.includePlatforms, conditions?.platforms?.excludePlatforms, 'all');
  if (platforms) found.push({ kind: 'platforms', detail: `device platforms ${platforms}` });
  const locations = includeExclude(conditions?.locations?.includeLocations, conditions?.locations?.excludeLocations, 'All');
  if (locations) found.push({ kind: 'locations', detail: `locations ${locations}` });
  const signInRisk = list(conditions?.signInRiskLevels);
  if (signInRisk.length > 0) found.push({ kind: 'signInRisk', detail: `sign-in risk ${signInRisk.join(', ')}` });
  const userRisk = list(conditions?.userRiskLevels);
  if (userRisk.length > 0) found.push({ kind: 'userRisk', detail: `user risk ${userRisk.join(', ')}` });
  const insiderRisk = flags(conditions?.insiderRiskLevels);
  if (insiderRisk.length > 0) found.push({ kind: 'insiderRisk', detail: `insider risk ${insiderRisk.join(', ')}` });
  const filter = conditions?.devices?.deviceFilter;
  if (filter)
    found.push({ kind: 'deviceFilter', detail: filter.mode === 'exclude' ? 'devices not matching a filter' : 'devices matching a filter' });
  const flows = flags(conditions?.authenticationFlows?.transferMethods).filter((m) => m !== 'none');
  if (flows.length > 0) found.push({ kind: 'authenticationFlows', detail: `sign-in flows ${flows.join(', ')}` });
  return found;
}

/** "" when the list means everything (or nothing was configured), else how it is narrowed, in words. */
function includeExclude(include: Strings, exclude: Strings, everything: string): string {
  const included = list(include);
  const excluded = list(exclude);
  if (included.length === 0 && excluded.length === 0) return '';
  if (!included.includes(everything)) return `${included.join(', ') || 'none'} only`;
  return excluded.length > 0 ? `other than ${excluded.join(', ')}` : '';
}

function list(values: Strings): string[] {
  return (values ?? []).filter((v): v is string => typeof v === 'string' && v !== '');
}

function flags(value: string | null | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

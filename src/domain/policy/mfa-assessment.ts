import { DEFAULT_ADMIN_ROLES } from './admin-roles';
import { mfaRequirement, requiresPhishingResistant, targetsAllApps, type ConditionalAccessPolicy } from './conditional-access-policy';
import { listed, plural } from './words';

export interface PolicyRef {
  id: string;
  name: string;
}

/** A report-only or disabled policy, and whether it would count were it switched on. */
export interface NotEnforced {
  policy: PolicyRef;
  wouldCount: boolean;
}

/** An enforced policy that asks for MFA but does not count as "MFA for all cloud apps", and why, in plain words. */
export interface NotCounting {
  policy: PolicyRef;
  reasons: readonly string[];
}

export interface Exclusions {
  users: readonly string[];
  groups: readonly string[];
  roles: readonly string[];
  guests: boolean;
}

export interface AdminRoleProtection {
  phishingResistantRequired: boolean;
  /** The policies that demand a phishing-resistant strength of admins for all apps. */
  policies: readonly PolicyRef[];
  /** Admin role template ids no such policy covers, out of `rolesChecked`. */
  rolesLeftOut: readonly string[];
  rolesChecked: number;
  /** Those policies exclude some users, groups or guests, who may hold admin roles. */
  withExclusions: boolean;
}

export interface MfaAssessment {
  by: 'securityDefaults' | 'conditionalAccess' | 'nothing';
  /** Enforced policies requiring MFA for all cloud apps at every sign-in, whoever they include. */
  counting: readonly ConditionalAccessPolicy[];
  notCounting: readonly NotCounting[];
  reportOnly: readonly NotEnforced[];
  off: readonly NotEnforced[];
  unknownState: readonly PolicyRef[];
  /** Some counting policy includes all users. */
  allUsersIncluded: boolean;
  /**
   * The union of what the counting all-users policies exclude. An upper bound: someone excluded by one policy
   * may still be covered by another; peopleLeftOut() gives the exact count.
   */
  exclusions: Exclusions;
  adminRoles: AdminRoleProtection;
  notes: readonly string[];
}

/** Security defaults are not "MFA at every sign-in", and admins should know what they do and do not ask. */
export const SECURITY_DEFAULTS_NOTE =
  'Security defaults ask for MFA when Microsoft judges it necessary (new device, place or risk), not at every sign-in, ' +
  'and only with Microsoft Authenticator or an authenticator app code; admins in the main admin roles are asked every time.';

/**
 * Which policies make MFA required for all cloud apps (rules in conditional-access-policy.ts): enforced, MFA
 * required whatever the other controls, 'All' apps with none excluded, and no condition that limits it to some
 * sign-ins. Report-only and disabled policies are listed, never counted. Security defaults on means everyone.
 */
export function assessMfaRequirement(
  policies: readonly ConditionalAccessPolicy[],
  securityDefaultsEnabled: boolean,
  adminRoles: readonly string[] = DEFAULT_ADMIN_ROLES,
): MfaAssessment {
  const counting: ConditionalAccessPolicy[] = [];
  const notCounting: NotCounting[] = [];
  const reportOnly: NotEnforced[] = [];
  const off: NotEnforced[] = [];
  const unknownState: PolicyRef[] = [];
  for (const policy of policies) {
    const reasons = whyNotCounting(policy);
    const ref = { id: policy.id, name: policy.name };
    if (policy.state === 'reportOnly') reportOnly.push({ policy: ref, wouldCount: reasons === null });
    else if (policy.state === 'off') off.push({ policy: ref, wouldCount: reasons === null });
    else if (policy.state === 'unknown') unknownState.push(ref);
    else if (reasons === null) counting.push(policy);
    else if (mfaRequirement(policy.grant) !== 'none' && mfaRequirement(policy.grant) !== 'block')
      notCounting.push({ policy: ref, reasons });
  }
  const notes: string[] = [];
  if (securityDefaultsEnabled) notes.push(SECURITY_DEFAULTS_NOTE);
  if (unknownState.length > 0) notes.push(`${unknownState.length} policy state(s) this version does not know; not counted.`);
  for (const policy of policies)
    if (policy.unknowns.length > 0) notes.push(`"${policy.name}": not understood: ${policy.unknowns.join('; ')}.`);
  return {
    by: securityDefaultsEnabled ? 'securityDefaults' : counting.length > 0 ? 'conditionalAccess' : 'nothing',
    counting,
    notCounting,
    reportOnly,
    off,
    unknownState,
    allUsersIncluded: counting.some((p) => p.users.includeAll),
    exclusions: unionOfExclusions(counting.filter((p) => p.users.includeAll)),
    adminRoles: adminProtection(policies, adminRoles),
    notes,
  };
}

/** Null when the policy, once enforced, makes MFA required for all cloud apps; else why not. */
function whyNotCounting(policy: ConditionalAccessPolicy): string[] | null {
  const reasons: string[] = [];
  const requirement = mfaRequirement(policy.grant);
  if (requirement === 'none') reasons.push('does not ask for MFA');
  if (requirement === 'block') reasons.push('blocks access instead of asking for MFA');
  if (requirement === 'alternative') reasons.push('MFA or another control (OR): MFA is not strictly required');
  if (!policy.apps.include.includes('All')) reasons.push(`applies to some apps only (${policy.apps.include.join(', ') || 'none'})`);
  if (policy.apps.exclude.length > 0)
    reasons.push(`excludes ${plural(policy.apps.exclude.length, 'app')} (${listed(policy.apps.exclude)})`);
  if (policy.apps.filtered) reasons.push('picks apps by a filter');
  for (const narrowing of policy.narrowedBy) reasons.push(`only for ${narrowing.detail}`);
  if (!includesAnyone(policy)) reasons.push('includes nobody');
  return reasons.length === 0 ? null : reasons;
}

function includesAnyone(policy: ConditionalAccessPolicy): boolean {
  const { includeAll, include } = policy.users;
  return includeAll || include.users.length + include.groups.length + include.roles.length > 0 || (include.guests?.kinds.length ?? 0) > 0;
}

function unionOfExclusions(policies: readonly ConditionalAccessPolicy[]): Exclusions {
  const users = new Set<string>();
  const groups = new Set<string>();
  const roles = new Set<string>();
  let guests = false;
  for (const { users: scope } of policies) {
    scope.exclude.users.forEach((id) => users.add(id));
    scope.exclude.groups.forEach((id) => groups.add(id));
    scope.exclude.roles.forEach((id) => roles.add(id));
    guests ||= (scope.exclude.guests?.kinds.length ?? 0) > 0;
  }
  return { users: [...users], groups: [...groups], roles: [...roles], guests };
}

/**
 * Admin roles need phishing-resistant MFA when, for each admin role, some enforced policy that includes the role
 * (or all users) and does not exclude it requires a phishing-resistant strength for all apps, unnarrowed.
 */
function adminProtection(policies: readonly ConditionalAccessPolicy[], adminRoles: readonly string[]): AdminRoleProtection {
  const qualifying = policies.filter(
    (p) => p.state === 'on' && requiresPhishingResistant(p.grant) && targetsAllApps(p.apps) && p.narrowedBy.length === 0,
  );
  const covers = (p: ConditionalAccessPolicy, role: string): boolean =>
    (p.users.includeAll || hasId(p.users.include.roles, role)) && !hasId(p.users.exclude.roles, role);
  const rolesLeftOut = adminRoles.filter((role) => !qualifying.some((p) => covers(p, role)));
  const used = qualifying.filter((p) => adminRoles.some((role) => covers(p, role)));
  return {
    phishingResistantRequired: adminRoles.length > 0 && rolesLeftOut.length === 0,
    policies: used.map((p) => ({ id: p.id, name: p.name })),
    rolesLeftOut,
    rolesChecked: adminRoles.length,
    withExclusions: used.some(
      ({ users: { exclude } }) => exclude.users.length + exclude.groups.length + (exclude.guests?.kinds.length ?? 0) > 0,
    ),
  };
}

/** Role template ids are GUIDs: compared without regard to case, as Entra does. */
function hasId(ids: readonly string[], id: string): boolean {
  const wanted = id.toLowerCase();
  return ids.some((candidate) => candidate.toLowerCase() === wanted);
}

import { roleLabel } from './admin-roles';
import type { ConditionalAccessPolicy, PeopleScope } from './conditional-access-policy';
import type { MfaAssessment, NotEnforced } from './mfa-assessment';
import type { PeopleLeftOut } from './people-left-out';
import { listed, plural } from './words';

/**
 * The sentences `posture` and `policy` show. Cards only render them, so wording stays here, next to the rules it
 * describes, and is tested with them.
 */

/** Display names the bot knows for ids; an id it cannot name is shown as it is rather than hidden. */
export interface PolicyNames {
  user?: (id: string) => string | undefined;
  group?: (id: string) => string | undefined;
}

/**
 * One line for admins on who must do MFA ("MFA required for 97% by Conditional Access; 41 people excluded").
 * With the people counted (peopleLeftOut) it gives a share; without, it says what the policies name.
 */
export function mfaRequirementLine(assessment: MfaAssessment, people?: PeopleLeftOut): string {
  if (assessment.by === 'securityDefaults') return 'MFA required for everyone by security defaults';
  if (assessment.by === 'nothing')
    return `No enabled Conditional Access policy requires MFA for all cloud apps${notEnforcedSuffix(assessment)}`;
  if (people) return withPeople(people);
  if (!assessment.allUsersIncluded) return 'MFA required by Conditional Access for some people only (named users, groups or roles)';
  const excluded = exclusionList(assessment);
  return `MFA required for all users by Conditional Access${excluded ? `; excluded: ${excluded}` : ''}`;
}

export function adminRolesLine(assessment: MfaAssessment): string {
  const { phishingResistantRequired, rolesLeftOut, rolesChecked, policies, withExclusions } = assessment.adminRoles;
  if (phishingResistantRequired) return `Admin roles: phishing-resistant MFA required${withExclusions ? ', with exclusions' : ''}`;
  if (policies.length > 0)
    return `Admin roles: phishing-resistant MFA not required (missing for ${rolesLeftOut.length} of ${plural(rolesChecked, 'role')})`;
  return 'Admin roles: phishing-resistant MFA not required';
}

/**
 * The `policy` detail, one sentence a line: the summary, each policy that counts and whom it leaves out, each
 * that does not and why, the ones not enforced, who is left out by group and role, admin roles, and notes.
 */
export function policyDetailLines(assessment: MfaAssessment, people?: PeopleLeftOut, names: PolicyNames = {}): string[] {
  const lines = [mfaRequirementLine(assessment, people)];
  for (const policy of assessment.counting) lines.push(countingLine(policy, names));
  for (const { policy, reasons } of assessment.notCounting) lines.push(`Does not count: "${policy.name}": ${reasons.join('; ')}`);
  for (const entry of assessment.reportOnly) lines.push(notEnforcedLine('Report-only', entry));
  for (const entry of assessment.off) lines.push(notEnforcedLine('Disabled', entry));
  if (people) lines.push(...leftOutLines(people, names));
  lines.push(adminRolesLine(assessment));
  const { rolesLeftOut } = assessment.adminRoles;
  if (rolesLeftOut.length > 0 && assessment.adminRoles.policies.length > 0)
    lines.push(`Roles without it: ${listed(rolesLeftOut.map(roleLabel))}`);
  lines.push(...assessment.notes);
  return lines;
}

function countingLine(policy: ConditionalAccessPolicy, names: PolicyNames): string {
  const who = policy.users.includeAll ? 'all users' : scopeWords(policy.users.include, names) || 'nobody';
  const excluded = scopeWords(policy.users.exclude, names);
  return `Counts: "${policy.name}" requires MFA for ${who}${excluded ? `, excluding ${excluded}` : ''}`;
}

/** "1 user (Break glass), 2 groups (A, B), role Helpdesk Administrator, guests". */
function scopeWords(scope: PeopleScope, names: PolicyNames): string {
  const named = (ids: readonly string[], lookup?: (id: string) => string | undefined): string =>
    listed(ids.map((id) => lookup?.(id) ?? id));
  return [
    scope.users.length > 0 ? `${plural(scope.users.length, 'user')} (${named(scope.users, names.user)})` : '',
    scope.groups.length > 0 ? `${plural(scope.groups.length, 'group')} (${named(scope.groups, names.group)})` : '',
    scope.roles.length > 0 ? `${plural(scope.roles.length, 'role')} (${named(scope.roles, roleLabel)})` : '',
    (scope.guests?.kinds.length ?? 0) > 0 ? `guests or external users${scope.guests?.someTenantsOnly ? ' of some organisations' : ''}` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

/** Report-only and disabled policies never count; the admin still wants to know which would, once enforced. */
function notEnforcedLine(label: string, { policy, wouldCount }: NotEnforced): string {
  return `${label}, not enforced: "${policy.name}"${wouldCount ? ' (would count if turned on)' : ''}`;
}

function leftOutLines(people: PeopleLeftOut, names: PolicyNames): string[] {
  const byCount = (map: ReadonlyMap<string, number>): [string, number][] =>
    [...map].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const lines = byCount(people.byGroup).map(
    ([id, n]) => `Left out by excluded group ${names.group?.(id) ?? id}: ${plural(n, 'person', 'people')}`,
  );
  lines.push(...byCount(people.byRole).map(([id, n]) => `Left out by excluded role ${roleLabel(id)}: ${plural(n, 'person', 'people')}`));
  const { excludedUser, excludedGuest, notIncluded } = people.byReason;
  if (excludedUser > 0) lines.push(`Excluded by name: ${plural(excludedUser, 'person', 'people')}`);
  if (excludedGuest > 0) lines.push(`Guests excluded: ${plural(excludedGuest, 'person', 'people')}`);
  if (notIncluded > 0 && people.leftOut > notIncluded)
    lines.push(`Not included by any policy that counts: ${plural(notIncluded, 'person', 'people')}`);
  return lines;
}

function withPeople(people: PeopleLeftOut): string {
  if (people.coveredPercent === null) return 'MFA required by Conditional Access; no enabled people to count';
  if (people.leftOut === 0) return 'MFA required for everyone by Conditional Access';
  const notIncluded = people.byReason.notIncluded;
  const excluded = people.leftOut - notIncluded;
  const detail =
    notIncluded === 0
      ? `${plural(excluded, 'person', 'people')} excluded`
      : excluded === 0
        ? `${plural(notIncluded, 'person', 'people')} not included`
        : `${plural(people.leftOut, 'person', 'people')} not covered (${excluded} excluded, ${notIncluded} not included)`;
  return `MFA required for ${people.coveredPercent}% by Conditional Access; ${detail}`;
}

/** Only the policies that would count matter here: a report-only policy for one app is no near miss. */
function notEnforcedSuffix(assessment: MfaAssessment): string {
  const reportOnly = assessment.reportOnly.filter((p) => p.wouldCount).length;
  const off = assessment.off.filter((p) => p.wouldCount).length;
  const parts = [reportOnly > 0 ? `${reportOnly} report-only` : '', off > 0 ? `${off} disabled` : ''].filter(Boolean);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

function exclusionList(assessment: MfaAssessment): string {
  const { users, groups, roles, guests } = assessment.exclusions;
  return [
    users.length > 0 ? plural(users.length, 'user') : '',
    groups.length > 0 ? plural(groups.length, 'group') : '',
    roles.length > 0 ? plural(roles.length, 'role') : '',
    guests ? 'guests' : '',
  ]
    .filter(Boolean)
    .join(', ');
}

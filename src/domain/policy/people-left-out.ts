import type { ConditionalAccessPolicy, GuestScope, PeopleScope } from './conditional-access-policy';
import type { MfaAssessment } from './mfa-assessment';

/** One person, with group membership (transitive) and role template ids already resolved by the caller. */
export interface Person {
  id: string;
  groupIds: ReadonlySet<string>;
  roleTemplateIds: ReadonlySet<string>;
  isGuest: boolean;
  enabled: boolean;
}

/** A directory entry as the bot holds it; `userType` is Entra's 'Member' or 'Guest'. */
export interface DirectoryPerson {
  id: string;
  groupIds?: Iterable<string>;
  roleTemplateIds?: Iterable<string>;
  userType?: string | null;
  accountEnabled?: boolean | null;
}

/**
 * From the bot's directory data to a Person. Only an explicit `accountEnabled: false` leaves someone aside: an
 * account we know nothing about might sign in, so it is counted rather than quietly dropped.
 */
export function toPerson(entry: DirectoryPerson): Person {
  return {
    id: entry.id,
    groupIds: new Set(entry.groupIds ?? []),
    roleTemplateIds: new Set(entry.roleTemplateIds ?? []),
    isGuest: (entry.userType ?? '').toLowerCase() === 'guest',
    enabled: entry.accountEnabled !== false,
  };
}

export type LeftOutReason = 'excludedUser' | 'excludedRole' | 'excludedGroup' | 'excludedGuest' | 'notIncluded';

export interface PeopleLeftOut {
  /** Enabled people looked at; disabled accounts cannot sign in and are left aside. */
  enabled: number;
  covered: number;
  leftOut: number;
  /** Share of enabled people covered, rounded down so 100 is never shown while someone is left out; null for nobody. */
  coveredPercent: number | null;
  byReason: Readonly<Record<LeftOutReason, number>>;
  /** Excluded group id → people left out because of it (the first policy that included them decides). */
  byGroup: ReadonlyMap<string, number>;
  byRole: ReadonlyMap<string, number>;
  leftOutIds: readonly string[];
}

interface Scope {
  all: boolean;
  users: ReadonlySet<string>;
  groups: readonly string[];
  groupSet: ReadonlySet<string>;
  /** Lower-cased: role template ids come from several places, and GUIDs are case-insensitive. */
  roles: ReadonlySet<string>;
  guests: boolean;
}

type Exclusion = { reason: Exclude<LeftOutReason, 'notIncluded'>; key?: string };

/**
 * Who the counting policies leave without required MFA, and why. A person is covered when at least one counting
 * policy includes them and does not exclude them; otherwise the first counting policy that included them says
 * why (by user, then role, then group, then guest), and if none did they were "not included".
 *
 * Linear in the number of people: each person is checked against the few counting policies, and each group
 * check walks the smaller of the person's groups and the policy's list, against a Set.
 */
export function peopleLeftOut(assessment: MfaAssessment, people: Iterable<Person>): PeopleLeftOut {
  const everyone = assessment.by === 'securityDefaults';
  const policies = assessment.counting.map(compile);
  const byReason: Record<LeftOutReason, number> = { excludedUser: 0, excludedRole: 0, excludedGroup: 0, excludedGuest: 0, notIncluded: 0 };
  const byGroup = new Map<string, number>();
  const byRole = new Map<string, number>();
  const leftOutIds: string[] = [];
  let enabled = 0;
  for (const person of people) {
    if (!person.enabled) continue;
    enabled += 1;
    if (everyone) continue;
    const why = whyLeftOut(policies, person);
    if (why === null) continue;
    leftOutIds.push(person.id);
    byReason[why.reason] += 1;
    if (why.reason === 'excludedGroup' && why.key) byGroup.set(why.key, (byGroup.get(why.key) ?? 0) + 1);
    if (why.reason === 'excludedRole' && why.key) byRole.set(why.key, (byRole.get(why.key) ?? 0) + 1);
  }
  const covered = enabled - leftOutIds.length;
  const coveredPercent = enabled === 0 ? null : Math.floor((covered * 100) / enabled);
  return { enabled, covered, leftOut: leftOutIds.length, coveredPercent, byReason, byGroup, byRole, leftOutIds };
}

/**
 * Two counts of disjoint people as one: how a tenant too large to hold at once is counted, a page at a time.
 */
export function addLeftOut(a: PeopleLeftOut, b: PeopleLeftOut): PeopleLeftOut {
  const enabled = a.enabled + b.enabled;
  const covered = a.covered + b.covered;
  const sum = (x: ReadonlyMap<string, number>, y: ReadonlyMap<string, number>) => {
    const total = new Map(x);
    for (const [key, count] of y) total.set(key, (total.get(key) ?? 0) + count);
    return total;
  };
  const byReason = { ...a.byReason };
  for (const reason of Object.keys(byReason) as LeftOutReason[]) byReason[reason] += b.byReason[reason];
  return {
    enabled,
    covered,
    leftOut: a.leftOut + b.leftOut,
    coveredPercent: enabled === 0 ? null : Math.floor((covered * 100) / enabled),
    byReason,
    byGroup: sum(a.byGroup, b.byGroup),
    byRole: sum(a.byRole, b.byRole),
    leftOutIds: [...a.leftOutIds, ...b.leftOutIds],
  };
}

function whyLeftOut(policies: readonly { include: Scope; exclude: Scope }[], person: Person): Exclusion | { reason: 'notIncluded' } | null {
  let first: Exclusion | null = null;
  for (const policy of policies) {
    if (!matches(policy.include, person)) continue;
    const excluded = exclusion(policy.exclude, person);
    if (excluded === null) return null;
    first ??= excluded;
  }
  return first ?? { reason: 'notIncluded' };
}

function matches(scope: Scope, person: Person): boolean {
  return (
    scope.all ||
    scope.users.has(person.id) ||
    sharedGroup(scope, person) !== undefined ||
    sharedRole(scope, person) !== undefined ||
    (scope.guests && person.isGuest)
  );
}

function exclusion(scope: Scope, person: Person): Exclusion | null {
  if (scope.users.has(person.id)) return { reason: 'excludedUser' };
  const role = sharedRole(scope, person);
  if (role !== undefined) return { reason: 'excludedRole', key: role };
  const group = sharedGroup(scope, person);
  if (group !== undefined) return { reason: 'excludedGroup', key: group };
  if (scope.guests && person.isGuest) return { reason: 'excludedGuest' };
  return null;
}

function sharedGroup(scope: Scope, person: Person): string | undefined {
  if (scope.groups.length === 0 || person.groupIds.size === 0) return undefined;
  if (scope.groups.length <= person.groupIds.size) return scope.groups.find((g) => person.groupIds.has(g));
  for (const g of person.groupIds) if (scope.groupSet.has(g)) return g;
  return undefined;
}

function sharedRole(scope: Scope, person: Person): string | undefined {
  if (scope.roles.size === 0) return undefined;
  for (const role of person.roleTemplateIds) if (scope.roles.has(role.toLowerCase())) return role.toLowerCase();
  return undefined;
}

function compile(policy: ConditionalAccessPolicy): { include: Scope; exclude: Scope } {
  return {
    include: scope(policy.users.include, policy.users.includeAll, includesGuests(policy.users.include.guests)),
    exclude: scope(policy.users.exclude, false, excludesGuests(policy.users.exclude.guests)),
  };
}

function scope(people: PeopleScope, all: boolean, guests: boolean): Scope {
  return {
    all,
    users: new Set(people.users),
    groups: people.groups,
    groupSet: new Set(people.groups),
    roles: new Set(people.roles.map((r) => r.toLowerCase())),
    guests,
  };
}

/**
 * Our people only say "guest" or not, so only the guest kinds whose directory entry is a guest can be matched.
 * Included: only a known such kind, for every outside organisation, counts (coverage is never assumed).
 * Excluded: such a kind, or one we do not know, excludes every guest, whatever organisation (the safe side).
 */
function includesGuests(guests: GuestScope | null): boolean {
  return guests !== null && !guests.someTenantsOnly && guests.kinds.some((k) => k === 'internalGuest' || k === 'b2bGuest');
}

function excludesGuests(guests: GuestScope | null): boolean {
  return guests !== null && guests.kinds.some((k) => k === 'internalGuest' || k === 'b2bGuest' || k === 'unknown');
}

import type { ConditionalAccessPolicy } from '../domain/policy/conditional-access-policy';
import { assessMfaRequirement, type MfaAssessment } from '../domain/policy/mfa-assessment';
import { addLeftOut, peopleLeftOut, toPerson } from '../domain/policy/people-left-out';
import { PEOPLE_NOTES, type CampaignReport, type MfaRequirementReport, type TenantPolicyReport } from '../domain/policy/policy-report';
import type { PolicyNames } from '../domain/policy/policy-summaries';
import type { PostureStore } from '../domain/ports/posture-store';
import type { PolicyRead, TenantPolicies } from '../domain/ports/tenant-policies';
import { pagesOfScan } from './scan-pages';

export interface TenantPolicyDeps {
  policies: TenantPolicies;
  /**
   * The latest scan's people: who the policies are judged against, and the names of those they name. The scan
   * already holds every person with their type and account state, so counting costs Graph only the groups and roles
   * policies name. Read a page at a time: a million people are counted in the memory of one page.
   */
  people: Pick<PostureStore, 'usersOfScan' | 'latestSnapshots' | 'findUser'>;
}

const PAGE = 5000;

/**
 * `policy`: who must use MFA (Conditional Access, security defaults) and how many enabled members that leaves
 * out, and Entra's registration campaign. Read-only. The three Graph reads run together and each may fail alone:
 * what could not be read says why, and the rest is shown.
 */
export async function readTenantPolicies(deps: TenantPolicyDeps): Promise<TenantPolicyReport> {
  const [policies, defaults, campaign] = await Promise.all([
    deps.policies.conditionalAccessPolicies(),
    deps.policies.securityDefaultsEnabled(),
    deps.policies.registrationCampaign(),
  ]);
  const requirement = await requirementReport(deps.policies, policies, defaults, deps.people);
  const campaignReport = await campaignReportOf(deps.policies, campaign, deps.people);
  const [latest] = requirement.read && requirement.people ? await deps.people.latestSnapshots(1) : [];
  return { requirement, campaign: campaignReport, ...(latest ? { peopleFrom: latest.takenAt } : {}) };
}

/**
 * Who must use MFA, alone: posture's one line. The registration campaign is not read, as posture does not show it.
 */
export async function readMfaRequirement(deps: TenantPolicyDeps): Promise<MfaRequirementReport> {
  const [policies, defaults] = await Promise.all([deps.policies.conditionalAccessPolicies(), deps.policies.securityDefaultsEnabled()]);
  return requirementReport(deps.policies, policies, defaults, deps.people);
}

async function requirementReport(
  reader: TenantPolicies,
  policies: PolicyRead<ConditionalAccessPolicy[]>,
  defaults: PolicyRead<boolean>,
  people: TenantPolicyDeps['people'],
): Promise<MfaRequirementReport> {
  // Security defaults on means everyone, whatever Conditional Access could be read (the two exclude each other).
  const defaultsOn = defaults.ok && defaults.value;
  if (!policies.ok && !defaultsOn) return { read: false, failure: policies };
  const assessment = assessMfaRequirement(policies.ok ? policies.value : [], defaultsOn);
  const notes = defaults.ok ? [] : [PEOPLE_NOTES.securityDefaultsUnread(defaults)];
  // Only Conditional Access leaves some people out: security defaults cover everyone, and with neither nobody is.
  if (assessment.by !== 'conditionalAccess') return { read: true, assessment, names: {}, notes };
  const names = await namesOf(
    people,
    named(assessment, (scope) => scope.users),
  );
  const [latest] = await people.latestSnapshots(1);
  if (!latest) return { read: true, assessment, names, notes: [...notes, PEOPLE_NOTES.noScan] };
  const counted = await countLeftOut(reader, assessment, people, latest.scanId);
  if (!counted.ok) return { read: true, assessment, names, notes: [...notes, PEOPLE_NOTES.notCounted(counted)] };
  const groupNames = counted.value.groupNames;
  return {
    read: true,
    assessment,
    people: counted.value.leftOut,
    names: { ...names, group: (id) => groupNames.get(id) },
    notes: [...notes, PEOPLE_NOTES.counted(counted.value.leftOut.enabled)],
  };
}

/** Ids the counting policies name, included or excluded, picked from each side's people. */
function named(assessment: MfaAssessment, pick: (scope: ConditionalAccessPolicy['users']['include']) => readonly string[]): string[] {
  return [...new Set(assessment.counting.flatMap((p) => [...pick(p.users.include), ...pick(p.users.exclude)]))];
}

/**
 * The people the counting policies leave out, among the scan's enabled members (guests are not the tenant's to
 * enrol), counted a page at a time. Group members and role holders are read for the groups and roles those
 * policies name, and no others.
 */
async function countLeftOut(reader: TenantPolicies, assessment: MfaAssessment, people: TenantPolicyDeps['people'], scanId: string) {
  const groupIds = named(assessment, (scope) => scope.groups);
  const roleIds = named(assessment, (scope) => scope.roles);
  const [groups, roles] = await Promise.all([
    groupIds.length > 0 ? reader.groups(groupIds) : ok([]),
    roleIds.length > 0 ? reader.roleHolders(roleIds) : ok(new Map<string, readonly string[]>()),
  ]);
  // Without them someone excluded by a group or role would count as covered: no count beats a flattering one.
  if (!groups.ok) return groups;
  if (!roles.ok) return roles;
  const groupsOf = membership(groups.value.map((g) => [g.id, g.memberIds ?? []] as const));
  const rolesOf = membership([...roles.value]);
  let leftOut = peopleLeftOut(assessment, []);
  for await (const page of pagesOfScan(people, scanId, PAGE)) {
    const members = page
      .filter((p) => p.userType === 'member')
      .map((p) =>
        toPerson({
          id: p.id,
          groupIds: groupsOf.get(p.id) ?? [],
          roleTemplateIds: rolesOf.get(p.id) ?? [],
          accountEnabled: p.accountEnabled ?? null,
        }),
      );
    leftOut = addLeftOut(leftOut, peopleLeftOut(assessment, members));
  }
  const groupNames = new Map(groups.value.flatMap((g) => (g.displayName ? [[g.id, g.displayName] as const] : [])));
  return ok({ leftOut, groupNames });
}

async function campaignReportOf(
  reader: TenantPolicies,
  read: Awaited<ReturnType<TenantPolicies['registrationCampaign']>>,
  people: TenantPolicyDeps['people'],
): Promise<CampaignReport> {
  if (!read.ok) return { read: false, failure: read };
  const campaign = read.value;
  const targets = [...campaign.includes, ...campaign.excludes];
  const groupIds = targets.filter((t) => t.kind === 'group').map((t) => t.id);
  const groups = groupIds.length > 0 ? await reader.groupNames(groupIds) : new Map<string, string>();
  const users = await namesOf(
    people,
    targets.filter((t) => t.kind === 'user').map((t) => t.id),
  );
  return {
    read: true,
    campaign,
    names: (kind, id) => (kind === 'group' ? groups.get(id) : kind === 'user' ? users.user?.(id) : undefined),
  };
}

/** The names the latest scan gives the people a policy or the campaign names (a handful, each looked up by id). */
async function namesOf(people: TenantPolicyDeps['people'], ids: readonly string[]): Promise<PolicyNames> {
  const found = await Promise.all(ids.map(async (id) => [id, (await people.findUser(id))?.displayName] as const));
  const byId = new Map(found.flatMap(([id, name]) => (name ? [[id, name] as const] : [])));
  return { user: (id) => byId.get(id) };
}

/** Person id → the ids (of groups or roles) they belong to, from id → members. */
function membership(entries: Iterable<readonly [string, readonly string[]]>): Map<string, string[]> {
  const of = new Map<string, string[]>();
  for (const [key, memberIds] of entries) for (const id of memberIds) of.set(id, [...(of.get(id) ?? []), key]);
  return of;
}

function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

import type { MfaStrength } from '../domain/mfa/mfa-strength';
import type { UserMfaStatus } from '../domain/mfa/user-registration';
import type { ConditionalAccessPolicy } from '../domain/policy/conditional-access-policy';
import { assessMfaRequirement, type MfaAssessment } from '../domain/policy/mfa-assessment';
import { peopleLeftOut, toPerson } from '../domain/policy/people-left-out';
import { PEOPLE_NOTES, type CampaignReport, type MfaRequirementReport, type TenantPolicyReport } from '../domain/policy/policy-report';
import type { PolicyNames } from '../domain/policy/policy-summaries';
import type { PostureStore } from '../domain/ports/posture-store';
import type { PolicyRead, TenantPolicies } from '../domain/ports/tenant-policies';

export interface TenantPolicyDeps {
  policies: TenantPolicies;
  /**
   * The latest scan's people: who the policies are judged against, and their names. The scan already holds every
   * person with their type and account state, so counting costs Graph only the groups and roles policies name.
   */
  people: Pick<PostureStore, 'listUsers' | 'latestSnapshots'>;
}

const EVERY_STRENGTH: readonly MfaStrength[] = ['strong', 'acceptable', 'weak', 'none'];
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
  const scan = once(() => scannedPeople(deps.people));
  const requirement = await requirementReport(deps.policies, policies, defaults, scan);
  const campaignReport = await campaignReportOf(deps.policies, campaign, scan);
  const scanned = requirement.read && requirement.people ? await scan() : undefined;
  return { requirement, campaign: campaignReport, ...(scanned?.takenAt ? { peopleFrom: scanned.takenAt } : {}) };
}

/**
 * Who must use MFA, alone: posture's one line. The registration campaign is not read, as posture does not show it.
 */
export async function readMfaRequirement(deps: TenantPolicyDeps): Promise<MfaRequirementReport> {
  const [policies, defaults] = await Promise.all([deps.policies.conditionalAccessPolicies(), deps.policies.securityDefaultsEnabled()]);
  return requirementReport(
    deps.policies,
    policies,
    defaults,
    once(() => scannedPeople(deps.people)),
  );
}

interface Scanned {
  takenAt?: Date;
  people: UserMfaStatus[];
}

async function requirementReport(
  reader: TenantPolicies,
  policies: PolicyRead<ConditionalAccessPolicy[]>,
  defaults: PolicyRead<boolean>,
  scan: () => Promise<Scanned>,
): Promise<MfaRequirementReport> {
  // Security defaults on means everyone, whatever Conditional Access could be read (the two exclude each other).
  const defaultsOn = defaults.ok && defaults.value;
  if (!policies.ok && !defaultsOn) return { read: false, failure: policies };
  const assessment = assessMfaRequirement(policies.ok ? policies.value : [], defaultsOn);
  const notes = defaults.ok ? [] : [PEOPLE_NOTES.securityDefaultsUnread(defaults)];
  // Only Conditional Access leaves some people out: security defaults cover everyone, and with neither nobody is.
  if (assessment.by !== 'conditionalAccess') return { read: true, assessment, names: {}, notes };
  const { people } = await scan();
  const names = namesOf(people);
  if (people.length === 0) return { read: true, assessment, names, notes: [...notes, PEOPLE_NOTES.noScan] };
  const counted = await countLeftOut(reader, assessment, people);
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

/**
 * The people the counting policies leave out, among the scan's enabled members (guests are not the tenant's to
 * enrol). Group members and role holders are read for the groups and roles those policies name, and no others.
 */
async function countLeftOut(reader: TenantPolicies, assessment: MfaAssessment, people: readonly UserMfaStatus[]) {
  const named = (pick: (p: ConditionalAccessPolicy) => readonly string[]) => [...new Set(assessment.counting.flatMap(pick))];
  const groupIds = named((p) => [...p.users.include.groups, ...p.users.exclude.groups]);
  const roleIds = named((p) => [...p.users.include.roles, ...p.users.exclude.roles]);
  const [groups, roles] = await Promise.all([
    groupIds.length > 0 ? reader.groups(groupIds) : ok([]),
    roleIds.length > 0 ? reader.roleHolders(roleIds) : ok(new Map<string, readonly string[]>()),
  ]);
  // Without them someone excluded by a group or role would count as covered: no count beats a flattering one.
  if (!groups.ok) return groups;
  if (!roles.ok) return roles;
  const groupsOf = membership(groups.value.map((g) => [g.id, g.memberIds ?? []] as const));
  const rolesOf = membership([...roles.value]);
  const members = people
    .filter((p) => p.userType === 'member')
    .map((p) =>
      toPerson({
        id: p.id,
        groupIds: groupsOf.get(p.id) ?? [],
        roleTemplateIds: rolesOf.get(p.id) ?? [],
        accountEnabled: p.accountEnabled ?? null,
      }),
    );
  const groupNames = new Map(groups.value.flatMap((g) => (g.displayName ? [[g.id, g.displayName] as const] : [])));
  return ok({ leftOut: peopleLeftOut(assessment, members), groupNames });
}

async function campaignReportOf(
  reader: TenantPolicies,
  read: Awaited<ReturnType<TenantPolicies['registrationCampaign']>>,
  scan: () => Promise<Scanned>,
): Promise<CampaignReport> {
  if (!read.ok) return { read: false, failure: read };
  const campaign = read.value;
  const targets = [...campaign.includes, ...campaign.excludes];
  const groupIds = targets.filter((t) => t.kind === 'group').map((t) => t.id);
  const groups = groupIds.length > 0 ? await reader.groupNames(groupIds) : new Map<string, string>();
  const users = targets.some((t) => t.kind === 'user') ? namesOf((await scan()).people) : {};
  return {
    read: true,
    campaign,
    names: (kind, id) => (kind === 'group' ? groups.get(id) : kind === 'user' ? users.user?.(id) : undefined),
  };
}

/** Everyone of the latest completed scan, guests and disabled accounts included (the rules decide who counts). */
async function scannedPeople(store: TenantPolicyDeps['people']): Promise<Scanned> {
  const [latest] = await store.latestSnapshots(1);
  const people: UserMfaStatus[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await store.listUsers({ strengths: EVERY_STRENGTH, includeExcluded: true, offset, limit: PAGE });
    people.push(...page.users);
    if (page.users.length < PAGE || people.length >= page.total) break;
  }
  return { ...(latest ? { takenAt: latest.takenAt } : {}), people };
}

function namesOf(people: readonly UserMfaStatus[]): PolicyNames {
  const byId = new Map(people.map((p) => [p.id, p.displayName]));
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

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}

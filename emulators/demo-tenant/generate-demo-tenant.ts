import type { DemoDirectoryRole, DemoGroup, DemoTenant, DemoUser } from './demo-tenant';
import {
  DEPARTMENTS,
  EXECUTIVE_OFFICE,
  HR_DEPARTMENT,
  IT_DEPARTMENT,
  SALES_DEPARTMENT,
  SPAN_OF_CONTROL,
  type DepartmentPlan,
} from './department-plan';
import { buildDemoPolicies } from './demo-policies';
import { methodCategoryOf } from './method-category';
import { newGuest, newMember } from './new-person';
import { OFFICES, type Office } from './office-plan';
import { buildMethods, REGISTRATION_PICKER, type RegistrationProfile } from './registration-profile';
import { buildScenarioPeople, MFA_EXCLUSION_KEYS, SCENARIO_PLANS } from './scenario-people';
import { SeededRandom } from './seeded-random';
import { UniqueNamer } from './unique-namer';

export interface GenerateDemoTenantOptions {
  /** Same seed and user count, same tenant, byte for byte. */
  seed?: string;
  /** Generated accounts, guests included. At least MIN_DEMO_USERS. */
  users?: number;
  /**
   * Add the fixed scenario cast (scenario-people.ts: 14 members, one of them a break-glass Global Administrator)
   * and their "MFA exclusions" group after the generated accounts. Default true; false gives the tenant as it was
   * before the cast existed, for suites whose expected counts predate it.
   */
  scenarioPeople?: boolean;
}

export const DEMO_DOMAIN = 'contoso-demo.example';
export const MIN_DEMO_USERS = 10;
export const MFA_COACH_ADMINS_GROUP = 'MFA Coach admins';
export const CAMPAIGN_MANAGERS_GROUP = 'Campaign managers';
export const MFA_EXCLUSIONS_GROUP = 'MFA exclusions';

/**
 * Directory roles the generated admins hold. Template ids are Microsoft's, the same in every tenant.
 * Reports Reader is an admin role outside the report's privilegedAdmin set, so the two filters differ.
 */
const ROLE_TEMPLATES: readonly { displayName: string; roleTemplateId: string; isPrivileged: boolean }[] = [
  { displayName: 'Global Administrator', roleTemplateId: '62e90394-69f5-4237-9190-012177145e10', isPrivileged: true },
  { displayName: 'Security Administrator', roleTemplateId: '194ae4cb-b126-40b2-bd5b-6091b380977d', isPrivileged: true },
  { displayName: 'Reports Reader', roleTemplateId: '4a5d8f65-41da-4de4-8968-e035b65339cf', isPrivileged: false },
  { displayName: 'Helpdesk Administrator', roleTemplateId: '729827e3-9c14-49f7-bb1b-9608f156bbb8', isPrivileged: true },
  { displayName: 'User Administrator', roleTemplateId: 'fe930be7-5e62-47db-91af-98c3a49a38b1', isPrivileged: true },
  { displayName: 'Authentication Administrator', roleTemplateId: 'c4e39bd9-1100-46d3-8c65-fb160da0071f', isPrivileged: true },
];

/** Admin i gets ADMIN_PROFILES[i % length]: most are strong, some are not (the posture the demo must reveal). */
const ADMIN_PROFILES: readonly RegistrationProfile[] = [
  'fido2AndAuthenticator',
  'authenticatorPush',
  'windowsHelloAndAuthenticator',
  'mobilePhone',
  'authenticatorPasswordless',
  'none',
];

/**
 * Builds a deterministic demo organisation: a CEO, department heads, managers and staff in a tree, offices in
 * several time zones, a few guests, disabled accounts and directory admins, and a realistic registration mix.
 * Linear in `users`; 100,000 users take well under two seconds.
 */
export function generateDemoTenant(options: GenerateDemoTenantOptions = {}): DemoTenant {
  const seed = options.seed ?? 'mfa-coach-demo';
  const total = options.users ?? 500;
  if (!Number.isInteger(total) || total < MIN_DEMO_USERS) {
    throw new RangeError(`generateDemoTenant: users must be an integer >= ${MIN_DEMO_USERS} (got ${total})`);
  }
  // Tenant-level ids come from their own stream so they do not move when the user count changes.
  const idRandom = new SeededRandom(`ids:${seed}`);
  const tenantId = idRandom.guid();
  const teamsAppId = idRandom.guid();
  const teamsAppExternalId = idRandom.guid();
  const botAppId = idRandom.guid();
  const adminsGroupId = idRandom.guid();
  const campaignGroupId = idRandom.guid();
  const roleIds = ROLE_TEMPLATES.map(() => idRandom.guid());
  // Drawn after the older ids, so those keep their values.
  const exclusionsGroupId = idRandom.guid();

  const random = new SeededRandom(`people:${seed}`);
  const guestCount = total < 50 ? 0 : Math.max(1, Math.round(total * 0.015));
  const memberCount = total - guestCount;
  const namer = new UniqueNamer(DEMO_DOMAIN);

  // 1. People, department by department, each department a tree under its head; heads report to the CEO.
  const departments = planDepartmentSizes(memberCount);
  const byDepartment = new Map<string, DemoUser[]>();
  const members: DemoUser[] = [];
  let ceo: DemoUser | null = null;
  for (const { plan, size } of departments) {
    const people: DemoUser[] = [];
    const depth: number[] = [];
    for (let k = 0; k < size; k++) {
      const parent = k === 0 ? null : (people[Math.floor((k - 1) / SPAN_OF_CONTROL)] as DemoUser);
      depth.push(k === 0 ? 0 : (depth[Math.floor((k - 1) / SPAN_OF_CONTROL)] as number) + 1);
      const hasReports = SPAN_OF_CONTROL * k + 1 < size;
      const title =
        k === 0 ? plan.headTitle : hasReports ? (depth[k] === 1 ? plan.directorTitle : plan.managerTitle) : random.pick(plan.staffTitles);
      const managerId = parent ? parent.id : ceo && plan.name !== EXECUTIVE_OFFICE ? ceo.id : null;
      const person = newMember(random, namer, plan, title, managerId, members.length + 1);
      if (!ceo) ceo = person;
      people.push(person);
      members.push(person);
    }
    byDepartment.set(plan.name, people);
  }

  // 2. Personas, admins, then everyone's methods and account state.
  const employee = pickEmployeePersona(byDepartment);
  const admins = pickAdmins(members, byDepartment, employee, Math.max(5, Math.round(memberCount * 0.004)));
  const adminIndex = new Map(admins.map((a, i) => [a, i]));
  const heads = new Set([...byDepartment.values()].map((people) => people[0]));
  const officeOf = new Map<DemoUser, Office>();
  for (const person of members) officeOf.set(person, OFFICES.find((o) => o.city === person.city) as Office);
  for (const person of members) {
    const i = adminIndex.get(person);
    const profile: RegistrationProfile =
      person === employee
        ? 'none'
        : i !== undefined
          ? (ADMIN_PROFILES[i % ADMIN_PROFILES.length] as RegistrationProfile)
          : REGISTRATION_PICKER.pick(random);
    const office = officeOf.get(person) as Office;
    person.methods = buildMethods(
      profile,
      { givenName: person.givenName ?? person.displayName, surname: person.surname ?? '', phonePrefix: office.phonePrefix },
      random,
    );
    if (i !== undefined) {
      person.isAdmin = true;
      const role = ROLE_TEMPLATES[i === 0 ? 0 : 1 + ((i - 1) % (ROLE_TEMPLATES.length - 1))];
      person.adminRole = role?.displayName ?? null;
    }
    // A few leavers and long-term absences: disabled, never a head, an admin or a persona.
    if (i === undefined && person !== employee && !heads.has(person) && random.chance(0.02)) person.accountEnabled = false;
  }
  const admin = admins[0] as DemoUser;

  // 3. Guests: accounts from partner organisations, methods registered in their home tenant (none here).
  const guests: DemoUser[] = [];
  for (let g = 0; g < guestCount; g++) guests.push(newGuest(random, namer, DEMO_DOMAIN));

  // 4. Groups and roles. "MFA Coach admins" is nested in "Campaign managers" so transitive lookups matter.
  const strongAdmins = admins.filter(
    (a) => a !== admin && ['phishingResistant', 'microsoftAuthenticator'].includes(methodCategoryOf(a.methods)),
  );
  const itStaff = (byDepartment.get(IT_DEPARTMENT) ?? []).filter((p) => !p.isAdmin && p.accountEnabled);
  const hrHead = byDepartment.get(HR_DEPARTMENT)?.[0];
  const groups: DemoGroup[] = [
    {
      id: adminsGroupId,
      displayName: MFA_COACH_ADMINS_GROUP,
      description: 'May see MFA posture and user lists in MFA Coach.',
      mailNickname: 'mfa-coach-admins',
      securityEnabled: true,
      mailEnabled: false,
      groupTypes: [],
      memberIds: [admin.id, ...strongAdmins.slice(0, 2).map((a) => a.id)],
      memberGroupIds: [],
    },
    {
      id: campaignGroupId,
      displayName: CAMPAIGN_MANAGERS_GROUP,
      description: 'May schedule MFA Coach reminder campaigns.',
      mailNickname: 'campaign-managers',
      securityEnabled: true,
      mailEnabled: false,
      groupTypes: [],
      memberIds: unique([hrHead?.id, ...itStaff.slice(0, 2).map((p) => p.id)]),
      memberGroupIds: [adminsGroupId],
    },
  ];
  const directoryRoles: DemoDirectoryRole[] = ROLE_TEMPLATES.map((t, i) => ({
    id: roleIds[i] as string,
    displayName: t.displayName,
    roleTemplateId: t.roleTemplateId,
    isPrivileged: t.isPrivileged,
    memberIds: admins.filter((a) => a.adminRole === t.displayName).map((a) => a.id),
  }));

  // 5. Directory order is not department order: shuffle so pages and filters see a mixed population.
  const users = random.shuffle([...members, ...guests]);

  // 6. The scenario cast, after everyone else, and the policies that name its break-glass account and exclusions group.
  const cast = options.scenarioPeople === false ? [] : buildScenarioPeople(seed, (d) => byDepartment.get(d)?.[0], ceo as DemoUser);
  const taken = new Set(users.map((u) => u.userPrincipalName));
  for (const person of cast) if (taken.has(person.userPrincipalName)) throw new Error(`scenario UPN ${person.userPrincipalName} is taken`);
  users.push(...cast);
  const castIds = new Map(SCENARIO_PLANS.map((plan, i) => [plan.key, cast[i]?.id]));
  const breakGlassId = castIds.get('breakGlass') ?? null;
  // The shared mailbox the printer sends as is the demo employee's: its SMTP AUTH nudge goes to their chat.
  const scannerMailbox = cast.find((person) => person.id === castIds.get('scannerMailbox'));
  if (scannerMailbox) scannerMailbox.managerId = employee.id;
  if (breakGlassId) (directoryRoles[0] as DemoDirectoryRole).memberIds.push(breakGlassId);
  if (cast.length > 0) {
    groups.push({
      id: exclusionsGroupId,
      displayName: MFA_EXCLUSIONS_GROUP,
      description: 'Left out of the "Require MFA for all users" Conditional Access policy until they can do MFA.',
      mailNickname: 'mfa-exclusions',
      securityEnabled: true,
      mailEnabled: false,
      groupTypes: [],
      memberIds: MFA_EXCLUSION_KEYS.map((key) => castIds.get(key) as string),
      memberGroupIds: [],
    });
  }
  const policies = buildDemoPolicies({
    breakGlassUserId: breakGlassId,
    mfaExclusionsGroupId: cast.length > 0 ? exclusionsGroupId : null,
    directoryRoles,
  });
  return {
    seed,
    tenantId,
    domain: DEMO_DOMAIN,
    organizationName: 'Contoso Demo',
    users,
    groups,
    directoryRoles,
    teamsAppId,
    teamsAppExternalId,
    botAppId,
    personaIds: { employee: employee.id, admin: admin.id },
    policies,
  };
}

/** Fixed-size departments first, then largest-remainder shares of the rest. */
function planDepartmentSizes(memberCount: number): { plan: DepartmentPlan; size: number }[] {
  let remaining = memberCount;
  const sizes = new Map<DepartmentPlan, number>();
  for (const plan of DEPARTMENTS) {
    if (plan.fixedSize === undefined) continue;
    const size = Math.min(plan.fixedSize, remaining);
    sizes.set(plan, size);
    remaining -= size;
  }
  const weighted = DEPARTMENTS.filter((p) => p.weight !== undefined);
  const weightSum = weighted.reduce((s, p) => s + (p.weight ?? 0), 0);
  const shares = weighted.map((plan) => {
    const exact = (remaining * (plan.weight ?? 0)) / weightSum;
    return { plan, size: Math.floor(exact), fraction: exact - Math.floor(exact) };
  });
  let left = remaining - shares.reduce((s, x) => s + x.size, 0);
  for (const share of [...shares].sort((a, b) => b.fraction - a.fraction)) {
    if (left <= 0) break;
    share.size += 1;
    left -= 1;
  }
  for (const share of shares) sizes.set(share.plan, share.size);
  return DEPARTMENTS.map((plan) => ({ plan, size: sizes.get(plan) ?? 0 })).filter((d) => d.size > 0);
}

/** The demo's unenrolled employee: the first individual contributor in Sales (or, in tiny tenants, anywhere). */
function pickEmployeePersona(byDepartment: Map<string, DemoUser[]>): DemoUser {
  const order = [
    SALES_DEPARTMENT,
    ...[...byDepartment.keys()].filter((d) => d !== SALES_DEPARTMENT && d !== IT_DEPARTMENT && d !== EXECUTIVE_OFFICE),
  ];
  for (const name of order) {
    const people = byDepartment.get(name) ?? [];
    if (people.length < 2) continue;
    const firstLeaf = Math.floor((people.length - 2) / SPAN_OF_CONTROL) + 1;
    return people[firstLeaf] as DemoUser;
  }
  const exec = byDepartment.get(EXECUTIVE_OFFICE) ?? [];
  return (exec[exec.length - 1] ?? [...byDepartment.values()][0]?.[0]) as DemoUser;
}

/** Directory admins: IT & Security first (its head is the Global Administrator and the admin persona). */
function pickAdmins(members: DemoUser[], byDepartment: Map<string, DemoUser[]>, employee: DemoUser, count: number): DemoUser[] {
  const chosen: DemoUser[] = [];
  const seen = new Set<DemoUser>([employee]);
  const take = (p: DemoUser) => {
    if (chosen.length < count && !seen.has(p)) {
      chosen.push(p);
      seen.add(p);
    }
  };
  for (const p of byDepartment.get(IT_DEPARTMENT) ?? []) take(p);
  for (const p of members) {
    if (chosen.length >= count) break;
    if (p.department !== EXECUTIVE_OFFICE) take(p);
  }
  return chosen;
}

function unique(ids: readonly (string | undefined)[]): string[] {
  return [...new Set(ids.filter((id): id is string => id !== undefined))];
}

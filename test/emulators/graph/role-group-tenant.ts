import type { DemoDirectoryRole, DemoGroup, DemoTenant, DemoUser } from '../../../emulators/demo-tenant';

/** Who is who in a tenant from withRolesThroughGroups. */
export interface RoleGroupCast {
  tenant: DemoTenant;
  /** Holds the first role in person. */
  direct: DemoUser;
  /** Hold both roles only through the role-assignable group. */
  viaGroup: [DemoUser, DemoUser];
  /** In a group that merely contains the role-assignable group: no role. */
  bystander: DemoUser;
  roleGroup: DemoGroup;
  outerGroup: DemoGroup;
  /** The two roles assigned to roleGroup; the first also to `direct`. */
  roles: [DemoDirectoryRole, DemoDirectoryRole];
}

/**
 * A copy of `base` (left untouched: suites share generated tenants) whose only administrators are three
 * people: one holding a role directly, two holding it (and a second role) through a role-assignable group.
 * That group sits inside an ordinary group with a fourth person, who must not count. Their `isAdmin` flags
 * (what the report says) match, so the per-user mode can be held to the report's answer.
 */
export function withRolesThroughGroups(base: DemoTenant): RoleGroupCast {
  const candidates = base.users.filter((u) => u.accountEnabled && u.userType === 'Member' && !u.isAdmin);
  const [direct, first, second, bystander] = candidates as [DemoUser, DemoUser, DemoUser, DemoUser];
  const [roleA, roleB] = base.directoryRoles as [DemoDirectoryRole, DemoDirectoryRole];
  const adminRoles = new Map([direct, first, second].map((u) => [u.id, roleA.displayName]));
  const users = base.users.map((u) => ({ ...u, isAdmin: adminRoles.has(u.id), adminRole: adminRoles.get(u.id) ?? null }));
  const group = (id: string, displayName: string, memberIds: string[], extra: Partial<DemoGroup>): DemoGroup => ({
    id,
    displayName,
    description: `${displayName} (test)`,
    mailNickname: displayName.toLowerCase().replace(/\W+/g, '-'),
    securityEnabled: true,
    mailEnabled: false,
    groupTypes: [],
    memberIds,
    memberGroupIds: [],
    ...extra,
  });
  const roleGroup = group('5f0c3a52-7a43-4c55-9d39-6b1e1c2b7a01', 'Tier 0 admins', [first.id, second.id], { isAssignableToRole: true });
  const outerGroup = group('5f0c3a52-7a43-4c55-9d39-6b1e1c2b7a02', 'IT department', [bystander.id], { memberGroupIds: [roleGroup.id] });
  const roles: [DemoDirectoryRole, DemoDirectoryRole] = [
    { ...roleA, memberIds: [direct.id], memberGroupIds: [roleGroup.id] },
    { ...roleB, memberIds: [], memberGroupIds: [roleGroup.id] },
  ];
  const others = base.directoryRoles.slice(2).map((r) => ({ ...r, memberIds: [] }));
  const tenant: DemoTenant = { ...base, users, groups: [...base.groups, roleGroup, outerGroup], directoryRoles: [...roles, ...others] };
  const find = (u: DemoUser) => users.find((c) => c.id === u.id) as DemoUser;
  return {
    tenant,
    direct: find(direct),
    viaGroup: [find(first), find(second)],
    bystander: find(bystander),
    roleGroup,
    outerGroup,
    roles,
  };
}

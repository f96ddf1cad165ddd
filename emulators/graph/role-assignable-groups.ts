import type { DemoDirectoryRole, DemoTenant } from '../demo-tenant';

/**
 * The directory roles each group is assigned, by group id. Refuses a tenant Entra ID could not hold, so a
 * client is never tested against one: a role assigned to a group not created role-assignable (Graph refuses
 * the assignment), or a role-assignable group with groups in it ("Group nesting isn't supported").
 */
export function rolesByGroup(tenant: DemoTenant): Map<string, DemoDirectoryRole[]> {
  const byGroup = new Map<string, DemoDirectoryRole[]>();
  for (const role of tenant.directoryRoles) {
    for (const groupId of role.memberGroupIds ?? []) {
      const group = tenant.groups.find((g) => g.id === groupId);
      if (!group) throw new Error(`directory role '${role.displayName}' is assigned to group ${groupId}, which the tenant lacks`);
      if (!group.isAssignableToRole)
        throw new Error(`directory role '${role.displayName}' is assigned to group '${group.displayName}', which is not role-assignable`);
      byGroup.set(groupId, [...(byGroup.get(groupId) ?? []), role]);
    }
  }
  for (const group of tenant.groups) {
    if (group.isAssignableToRole && group.memberGroupIds.length > 0)
      throw new Error(`role-assignable group '${group.displayName}' contains groups, which Entra ID does not allow`);
  }
  return byGroup;
}

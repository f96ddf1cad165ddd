import { walkCollection } from './collection-walk';
import type { CallCounters, GraphCaller } from './graph-caller';
import { graphPath } from './graph-path';

/**
 * Ids of everyone holding an activated directory role: what the registration report calls `isAdmin`, for the
 * per-user mode, which has no report. A handful of roles with a handful of members each, read once per scan
 * (directory service, not the reports budget). Needs RoleManagement.Read.Directory. Eligible (PIM) assignments
 * that are not active are not members, as in the report.
 */
export async function readAdminIds(caller: GraphCaller, counters: CallCounters): Promise<Set<string>> {
  const roleIds: string[] = [];
  // GET /directoryRoles takes no query options.
  await walkCollection<{ id?: string }>(caller, '/directoryRoles', { counters }, async (roles) => {
    for (const role of roles) if (role.id) roleIds.push(role.id);
  });
  const adminIds = new Set<string>();
  for (const roleId of roleIds) {
    const path = graphPath(`/directoryRoles/${encodeURIComponent(roleId)}/members`, { $select: 'id' });
    await walkCollection<{ id?: string; '@odata.type'?: string }>(caller, path, { counters }, async (members) => {
      for (const member of members)
        if (member.id && (member['@odata.type'] ?? '#microsoft.graph.user') === '#microsoft.graph.user') adminIds.add(member.id);
    });
  }
  return adminIds;
}

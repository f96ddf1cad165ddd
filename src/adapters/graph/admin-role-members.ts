import { walkCollection } from './collection-walk';
import type { CallCounters, GraphCaller } from './graph-caller';
import { GraphFailure } from './graph-failure';
import { graphPath } from './graph-path';

const USER = '#microsoft.graph.user';
const GROUP = '#microsoft.graph.group';

interface DirectoryObject {
  id?: string;
  '@odata.type'?: string;
}

/**
 * Ids of everyone holding an activated directory role: what the registration report calls `isAdmin`, for the
 * per-user mode, which has no report. A handful of roles with a handful of members each, read once per scan
 * (directory service, not the reports budget). Needs RoleManagement.Read.Directory. Eligible (PIM) assignments
 * that are not active are not members, as in the report.
 *
 * A role assigned to a role-assignable group lists the group, not its people; they hold the role all the same.
 * So each such group is read too, once however many roles it holds: `/groups/{id}/transitiveMembers`, users
 * only. Role-assignable groups cannot contain groups today, but the transitive list costs the same and stays
 * right should that change. This needs GroupMember.Read.All, and only in tenants that assign a role to a group.
 *
 * Without it Graph answers 403 and the scan fails (GRAPH-FORBIDDEN, naming GroupMember.Read.All); the previous
 * results are kept. Warning and going on was the alternative, but this walk has no logger and its stats no
 * place for it, and a scan that knowingly counts administrators as non-admins would show an admin posture
 * better than it is. It is also what a missing RoleManagement.Read.Directory already does here, and it happens
 * before the first request of the reports budget, so nothing slow is wasted.
 */
export async function readAdminIds(caller: GraphCaller, counters: CallCounters): Promise<Set<string>> {
  const roleIds: string[] = [];
  // GET /directoryRoles takes no query options.
  await walkCollection<{ id?: string }>(caller, '/directoryRoles', { counters }, async (roles) => {
    for (const role of roles) if (role.id) roleIds.push(role.id);
  });
  const adminIds = new Set<string>();
  const groupIds = new Set<string>();
  for (const roleId of roleIds) {
    const path = graphPath(`/directoryRoles/${encodeURIComponent(roleId)}/members`, { $select: 'id' });
    await walkCollection<DirectoryObject>(caller, path, { counters }, async (members) => {
      for (const member of members) {
        if (!member.id) continue;
        // Service principals can hold roles too; they are nobody's MFA.
        const type = member['@odata.type'] ?? USER;
        if (type === USER) adminIds.add(member.id);
        else if (type === GROUP) groupIds.add(member.id);
      }
    });
  }
  for (const groupId of groupIds) await addUsersOfGroup(caller, counters, groupId, adminIds);
  return adminIds;
}

/**
 * Every user in the group, however nested. No OData cast to users: Graph documents a type cast on
 * transitiveMembers as an advanced query (ConsistencyLevel: eventual and $count=true, on an index that lags);
 * the plain list with `$select=id` still names each member's type.
 */
async function addUsersOfGroup(caller: GraphCaller, counters: CallCounters, groupId: string, into: Set<string>): Promise<void> {
  const path = graphPath(`/groups/${encodeURIComponent(groupId)}/transitiveMembers`, { $select: 'id', $top: 999 });
  try {
    await walkCollection<DirectoryObject>(caller, path, { counters }, async (members) => {
      for (const member of members) if (member.id && (member['@odata.type'] ?? USER) === USER) into.add(member.id);
    });
  } catch (error) {
    if (!(error instanceof GraphFailure)) throw error;
    // Deleted since the role listed it: nobody holds a role through it any more.
    if (error.kind === 'notFound') return;
    if (error.kind !== 'forbidden') throw error;
    throw new GraphFailure({
      kind: error.kind,
      operation: error.operation,
      status: error.status,
      code: error.code,
      requestId: error.requestId,
      attempts: error.attempts,
      detail:
        'A directory role is assigned to this group: without reading its members, the people holding the role ' +
        'through it would count as non-admins, so the scan stopped',
    });
  }
}

import type { DemoGroup, DemoUser } from '../../demo-tenant';
import { notFound } from '../graph-error';
import { ok, type GraphRequest } from '../graph-request';
import { route, type GraphRoute, type RouteContext } from '../graph-route';
import { readSelect, rejectUnknownOptions } from '../odata-query';
import { MEMBER_PROPERTIES, memberPage } from './memberships-routes';

/** "It returns a default of 1,000 objects and doesn't support pagination using $top" (directoryrole-list-members). */
const MEMBERS_PAGE_SIZE = 1000;

/**
 * Activated directory roles and who holds them: how a client without the registration report (no Entra ID
 * P1/P2) learns who is an administrator, the report's `isAdmin`.
 */
export const directoryRolesRoutes: GraphRoute[] = [
  route('GET', '/directoryRoles', 'directory', listRoles),
  route('GET', '/directoryRoles/{id}/members', 'directory', listRoleMembers),
];

function listRoles(req: GraphRequest, _params: string[], ctx: RouteContext) {
  // The docs: this method does not support the OData query parameters.
  rejectUnknownOptions(req, []);
  return ok({
    '@odata.context': `${ctx.metadata}#directoryRoles`,
    value: ctx.state.tenant.directoryRoles.map((r) => ({
      id: r.id,
      deletedDateTime: null,
      description: `${r.displayName} (demo tenant)`,
      displayName: r.displayName,
      roleTemplateId: r.roleTemplateId,
    })),
  });
}

/**
 * By object id or role template id, as Graph accepts both. Only $select. Direct members only: a role assigned
 * to a role-assignable group lists the group itself, never its people (they are in /groups/{id}/transitiveMembers).
 */
function listRoleMembers(req: GraphRequest, [id]: string[], ctx: RouteContext) {
  rejectUnknownOptions(req, ['$select', '$skiptoken']);
  const role = ctx.state.findDirectoryRole(id as string);
  if (!role) throw notFound(id as string);
  const select = readSelect(req, MEMBER_PROPERTIES, 'microsoft.graph.directoryObject');
  const members: (DemoUser | DemoGroup)[] = [
    ...role.memberIds.map((m) => ctx.state.findUser(m)).filter((u): u is DemoUser => u !== undefined),
    ...(role.memberGroupIds ?? []).map((g) => ctx.state.findGroup(g)).filter((g): g is DemoGroup => g !== undefined),
  ];
  return ok(memberPage(req, ctx, members, select, MEMBERS_PAGE_SIZE));
}

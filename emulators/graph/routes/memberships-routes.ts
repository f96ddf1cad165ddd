import type { DemoDirectoryRole, DemoGroup, DemoUser } from '../../demo-tenant';
import { pageBody, readPage } from '../collection-page';
import type { FilterResource } from '../compile-filter';
import { badRequest, notFound } from '../graph-error';
import { ok, type GraphRequest } from '../graph-request';
import { ROLE_READERS } from '../route-permissions';
import { route, type GraphRoute, type RouteContext } from '../graph-route';
import type { Membership } from '../graph-state';
import { isEventual, readCount, readFilter, readSelect, readTop, rejectUnknownOptions } from '../odata-query';
import { renderUser, USER_PROPERTY_NAMES } from '../user-representation';

/**
 * Who belongs where: how the bot decides that someone is an MFA Coach admin or a campaign manager
 * (checkMemberGroups, or transitiveMemberOf filtered by id), plus the group side for listing members.
 */
export const membershipsRoutes: GraphRoute[] = [
  route('POST', '/users/{id}/checkMemberGroups', 'directory', checkMemberGroups),
  route('GET', '/users/{id}/memberOf', 'directory', (req, [id], ctx) => listMemberOf(req, id as string, '', false, ctx)),
  route('GET', '/users/{id}/memberOf/{cast}', 'directory', (req, [id, cast], ctx) =>
    listMemberOf(req, id as string, cast as string, false, ctx),
  ),
  route('GET', '/users/{id}/transitiveMemberOf', 'directory', (req, [id], ctx) => listMemberOf(req, id as string, '', true, ctx)),
  route('GET', '/users/{id}/transitiveMemberOf/{cast}', 'directory', (req, [id, cast], ctx) =>
    listMemberOf(req, id as string, cast as string, true, ctx),
  ),
  route('GET', '/groups/{id}', 'directory', getGroup),
  route('GET', '/groups/{id}/members', 'directory', (req, [id], ctx) => listMembers(req, id as string, false, ctx)),
  route('GET', '/groups/{id}/transitiveMembers', 'directory', (req, [id], ctx) => listMembers(req, id as string, true, ctx)),
];

/** Graph accepts at most 20 ids per checkMemberGroups call. */
export const MAX_CHECK_MEMBER_GROUPS = 20;

function checkMemberGroups(req: GraphRequest, [id]: string[], ctx: RouteContext) {
  rejectUnknownOptions(req, []);
  const user = ctx.state.findUser(id as string);
  if (!user) throw notFound(id as string);
  const groupIds = (req.body as { groupIds?: unknown } | undefined)?.groupIds;
  if (!Array.isArray(groupIds) || groupIds.some((g) => typeof g !== 'string'))
    throw badRequest("The request body needs 'groupIds', an array of group ids.", 'Request_BadRequest');
  if (groupIds.length > MAX_CHECK_MEMBER_GROUPS) {
    throw badRequest(
      `Too many group ids: ${groupIds.length}. checkMemberGroups accepts at most ${MAX_CHECK_MEMBER_GROUPS}.`,
      'Request_BadRequest',
    );
  }
  // Transitive, like Graph: membership through a nested group counts.
  const member = new Set(ctx.state.memberships(user.id, true).flatMap((m) => (m.kind === 'group' ? [m.group.id] : [])));
  return ok({ '@odata.context': `${ctx.metadata}#Collection(Edm.String)`, value: (groupIds as string[]).filter((g) => member.has(g)) });
}

const MEMBERSHIP_FILTER: FilterResource<Membership> = {
  typeName: 'microsoft.graph.directoryObject',
  schema: {
    id: { type: 'string', get: (m) => idOf(m), operators: ['eq', 'in'] },
    displayName: {
      type: 'string',
      get: (m) => (m.kind === 'group' ? m.group.displayName : m.role.displayName),
      operators: ['eq', 'startswith', 'in'],
    },
  },
};
export const GROUP_PROPERTIES = [
  'id',
  'displayName',
  'description',
  'mailNickname',
  'mail',
  'securityEnabled',
  'mailEnabled',
  'groupTypes',
  'roleTemplateId',
];
/** What `$select` may name on a collection of directory objects that mixes users and groups. */
export const MEMBER_PROPERTIES = [...USER_PROPERTY_NAMES, ...GROUP_PROPERTIES.filter((p) => !USER_PROPERTY_NAMES.includes(p))];

function listMemberOf(req: GraphRequest, id: string, cast: string, transitive: boolean, ctx: RouteContext) {
  rejectUnknownOptions(req, ['$top', '$select', '$filter', '$count', '$skiptoken']);
  const user = ctx.state.findUser(id);
  if (!user) throw notFound(id);
  const kind = castKind(cast);
  const withCount = readCount(req);
  // Filtering memberOf / transitiveMemberOf, or casting it to a type, is an advanced query in Graph: its docs
  // require ConsistencyLevel: eventual and $count=true for $filter and for an OData cast.
  if ((req.query.has('$filter') || kind !== null) && !(isEventual(req) && withCount)) {
    throw badRequest(
      `${kind !== null ? 'A type cast' : '$filter'} on memberOf / transitiveMemberOf needs ConsistencyLevel: eventual and $count=true (an advanced query).`,
      'Request_UnsupportedQuery',
    );
  }
  const predicate = readFilter(req, MEMBERSHIP_FILTER);
  const select = readSelect(req, GROUP_PROPERTIES, 'microsoft.graph.directoryObject');
  const memberships = ctx.state.memberships(user.id, transitive).filter((m) => kind === null || m.kind === kind);
  const page = readPage(
    req,
    { length: memberships.length, at: (p) => memberships[p] },
    { pageSize: readTop(req), predicate, baseUrl: ctx.baseUrl, withCount },
  );
  const context = cast ? `${ctx.metadata}#${kind === 'group' ? 'groups' : 'directoryRoles'}` : `${ctx.metadata}#directoryObjects`;
  // "If the app doesn't have permission to read a certain resource type, members of that type are returned but with
  // limited information": a directoryRole shows only its id without a role-reading permission.
  const readsRoles = ROLE_READERS.some((role) => req.roles.includes(role));
  return ok(pageBody(context, page, (m) => (m.kind === 'role' && !readsRoles ? limited(m) : renderMembership(m, select))));
}

function limited(m: Extract<Membership, { kind: 'role' }>): Record<string, unknown> {
  return { '@odata.type': '#microsoft.graph.directoryRole', id: m.role.id };
}

function castKind(cast: string): Membership['kind'] | null {
  if (cast === '') return null;
  if (cast.toLowerCase() === 'microsoft.graph.group') return 'group';
  if (cast.toLowerCase() === 'microsoft.graph.directoryrole') return 'role';
  throw badRequest(`Unsupported type cast '${cast}': use microsoft.graph.group or microsoft.graph.directoryRole.`);
}

function getGroup(req: GraphRequest, [id]: string[], ctx: RouteContext) {
  rejectUnknownOptions(req, ['$select']);
  const group = ctx.state.findGroup(id as string);
  if (!group) throw notFound(id as string);
  const select = readSelect(req, GROUP_PROPERTIES, 'microsoft.graph.group');
  const { '@odata.type': _t, ...body } = renderMembership({ kind: 'group', group }, select);
  return ok({ '@odata.context': `${ctx.metadata}#groups/$entity`, ...body });
}

function listMembers(req: GraphRequest, id: string, transitive: boolean, ctx: RouteContext) {
  rejectUnknownOptions(req, ['$top', '$select', '$skiptoken']);
  const group = ctx.state.findGroup(id);
  if (!group) throw notFound(id);
  const select = readSelect(req, MEMBER_PROPERTIES, 'microsoft.graph.directoryObject');
  const members: (DemoUser | DemoGroup)[] = [];
  const seen = new Set<string>();
  const visit = (g: DemoGroup) => {
    for (const userId of g.memberIds) {
      const user = ctx.state.findUser(userId);
      if (user && !seen.has(user.id)) {
        seen.add(user.id);
        members.push(user);
      }
    }
    for (const childId of g.memberGroupIds) {
      const child = ctx.state.findGroup(childId);
      if (!child || seen.has(child.id)) continue;
      seen.add(child.id);
      members.push(child);
      if (transitive) visit(child);
    }
  };
  visit(group);
  return ok(memberPage(req, ctx, members, select, readTop(req)));
}

/** One page of a members list (people and groups), as Graph renders directoryObjects. */
export function memberPage(
  req: GraphRequest,
  ctx: RouteContext,
  members: readonly (DemoUser | DemoGroup)[],
  select: readonly string[] | null,
  pageSize: number,
) {
  const page = readPage(
    req,
    { length: members.length, at: (p) => members[p] },
    { pageSize, predicate: null, baseUrl: ctx.baseUrl, withCount: false },
  );
  return pageBody(`${ctx.metadata}#directoryObjects`, page, (m) =>
    'userPrincipalName' in m
      ? {
          '@odata.type': '#microsoft.graph.user',
          ...renderUser(m, ctx.state.tenant, select?.filter((s) => USER_PROPERTY_NAMES.includes(s)) ?? null),
        }
      : renderGroupMember(m, select),
  );
}

/** A group among directory objects: `@odata.type` and, of a `$select` over MEMBER_PROPERTIES, the group's own. */
export function renderGroupMember(group: DemoGroup, select: readonly string[] | null): Record<string, unknown> {
  return renderMembership({ kind: 'group', group }, select?.filter((s) => GROUP_PROPERTIES.includes(s)) ?? null);
}

function idOf(m: Membership): string {
  return m.kind === 'group' ? m.group.id : m.role.id;
}

function renderMembership(m: Membership, select: readonly string[] | null): Record<string, unknown> {
  const full = m.kind === 'group' ? renderGroup(m.group) : renderRole(m.role);
  if (!select) return full;
  const out: Record<string, unknown> = { '@odata.type': full['@odata.type'] };
  for (const name of select) if (name in full) out[name] = full[name];
  return out;
}

/** A group as a collection of groups shows it: its fields, those asked for with $select, without its type. */
export function renderGroupFields(g: DemoGroup, select: readonly string[] | null): Record<string, unknown> {
  const { '@odata.type': _type, ...body } = renderMembership({ kind: 'group', group: g }, select);
  return body;
}

function renderGroup(g: DemoGroup): Record<string, unknown> {
  return {
    '@odata.type': '#microsoft.graph.group',
    id: g.id,
    displayName: g.displayName,
    description: g.description,
    mailNickname: g.mailNickname,
    mail: null,
    securityEnabled: g.securityEnabled,
    mailEnabled: g.mailEnabled,
    groupTypes: g.groupTypes,
  };
}

function renderRole(r: DemoDirectoryRole): Record<string, unknown> {
  return {
    '@odata.type': '#microsoft.graph.directoryRole',
    id: r.id,
    displayName: r.displayName,
    description: `${r.displayName} (demo tenant)`,
    roleTemplateId: r.roleTemplateId,
  };
}

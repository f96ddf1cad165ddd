import type { DemoUser } from '../../demo-tenant';
import { pageBody, readPage } from '../collection-page';
import type { FilterResource } from '../compile-filter';
import { badRequest, notFound } from '../graph-error';
import { ok, type GraphRequest } from '../graph-request';
import { route, type GraphRoute, type RouteContext } from '../graph-route';
import {
  isEventual,
  MAX_EXPANDED_PAGE_SIZE,
  readCount,
  readExpand,
  readFilter,
  readOrderBy,
  readSelect,
  readTop,
  rejectUnknownOptions,
} from '../odata-query';
import { renderUser, USER_PROPERTY_NAMES, usersContext } from '../user-representation';

const USER_TYPE = 'microsoft.graph.user';

/** The `$filter` forms the directory serves without advanced-query headers (per the user resource's property table). */
export const USER_FILTER: FilterResource<DemoUser> = {
  typeName: USER_TYPE,
  schema: {
    id: { type: 'string', get: (u) => u.id, operators: ['eq', 'in'] },
    userPrincipalName: { type: 'string', get: (u) => u.userPrincipalName, operators: ['eq', 'in', 'startswith'] },
    displayName: { type: 'string', get: (u) => u.displayName, operators: ['eq', 'in', 'startswith'] },
    givenName: { type: 'string', get: (u) => u.givenName, operators: ['eq', 'in', 'startswith'] },
    surname: { type: 'string', get: (u) => u.surname, operators: ['eq', 'in', 'startswith'] },
    mail: { type: 'string', get: (u) => u.mail, operators: ['eq', 'in', 'startswith'] },
    department: { type: 'string', get: (u) => u.department, operators: ['eq', 'in', 'startswith'] },
    jobTitle: { type: 'string', get: (u) => u.jobTitle, operators: ['eq', 'in', 'startswith'] },
    employeeId: { type: 'string', get: (u) => u.employeeId, operators: ['eq', 'in', 'startswith'] },
    city: { type: 'string', get: (u) => u.city, operators: ['eq', 'in', 'startswith'] },
    country: { type: 'string', get: (u) => u.country, operators: ['eq', 'in', 'startswith'] },
    officeLocation: { type: 'string', get: (u) => u.officeLocation, operators: ['eq', 'in', 'startswith'] },
    usageLocation: { type: 'string', get: (u) => u.usageLocation, operators: ['eq', 'in'] },
    preferredLanguage: { type: 'string', get: (u) => u.preferredLanguage, operators: ['eq'] },
    userType: { type: 'string', get: (u) => u.userType, operators: ['eq', 'in'] },
    accountEnabled: { type: 'boolean', get: (u) => u.accountEnabled, operators: ['eq'] },
  },
};

export const usersRoutes: GraphRoute[] = [
  route('GET', '/users', 'directory', listUsers),
  route('GET', '/users/{id}', 'directory', getUser),
  route('GET', '/users/{id}/manager', 'directory', getManager),
];

function listUsers(req: GraphRequest, _params: string[], ctx: RouteContext) {
  rejectUnknownOptions(req, ['$top', '$select', '$filter', '$count', '$orderby', '$expand', '$skiptoken']);
  const select = readSelect(req, USER_PROPERTY_NAMES, USER_TYPE);
  const predicate = readFilter(req, USER_FILTER);
  const withCount = readCount(req);
  const orderBy = readOrderBy(req, ['displayName', 'userPrincipalName'], USER_TYPE);
  // Graph only sorts a filtered user list as an advanced query; say so instead of sorting anyway.
  if (orderBy && predicate && !(isEventual(req) && withCount)) {
    throw badRequest(
      'Sorting not supported for current query. ($orderby with $filter needs ConsistencyLevel: eventual and $count=true.)',
      'Request_UnsupportedQuery',
    );
  }
  const expandManager = readManagerExpand(req);
  const users = ctx.state.users;
  const order = orderBy
    ? ctx.state.sortedPositions(
        orderBy.property,
        (u) => (orderBy.property === 'displayName' ? u.displayName : u.userPrincipalName),
        orderBy.descending,
      )
    : null;
  const page = readPage(
    req,
    { length: users.length, at: (p) => users[order ? (order[p] as number) : p] },
    { pageSize: expandManager ? Math.min(readTop(req), MAX_EXPANDED_PAGE_SIZE) : readTop(req), predicate, baseUrl: ctx.baseUrl, withCount },
  );
  return ok(
    pageBody(`${ctx.metadata}#${usersContext(select, false)}`, page, (u) =>
      withManager(renderUser(u, ctx.state.tenant, select), u, expandManager, ctx),
    ),
  );
}

function getUser(req: GraphRequest, [id]: string[], ctx: RouteContext) {
  rejectUnknownOptions(req, ['$select', '$expand']);
  const user = ctx.state.findUser(id as string);
  if (!user) throw notFound(id as string);
  const select = readSelect(req, USER_PROPERTY_NAMES, USER_TYPE);
  const expandManager = readManagerExpand(req);
  return ok({
    '@odata.context': `${ctx.metadata}#${usersContext(select, true)}`,
    ...withManager(renderUser(user, ctx.state.tenant, select), user, expandManager, ctx),
  });
}

function getManager(req: GraphRequest, [id]: string[], ctx: RouteContext) {
  rejectUnknownOptions(req, ['$select']);
  const user = ctx.state.findUser(id as string);
  if (!user) throw notFound(id as string);
  const manager = user.managerId ? ctx.state.findUser(user.managerId) : undefined;
  if (!manager) throw notFound('manager');
  const select = readSelect(req, USER_PROPERTY_NAMES, USER_TYPE);
  return ok({
    '@odata.context': `${ctx.metadata}#directoryObjects/$entity`,
    '@odata.type': '#microsoft.graph.user',
    ...renderUser(manager, ctx.state.tenant, select),
  });
}

/** `$expand=manager` or `manager($select=…)`; undefined when not asked, null-select when no nested $select. */
function readManagerExpand(req: GraphRequest): { select: string[] | null } | undefined {
  const expand = readExpand(req, ['manager']);
  if (!expand.has('manager')) return undefined;
  const nested = expand.get('manager');
  return { select: nested === undefined ? null : readSelect(req, USER_PROPERTY_NAMES, USER_TYPE, nested) };
}

/** Graph leaves `manager` out entirely for someone without one. */
function withManager(body: Record<string, unknown>, user: DemoUser, expand: { select: string[] | null } | undefined, ctx: RouteContext) {
  if (!expand || !user.managerId) return body;
  const manager = ctx.state.findUser(user.managerId);
  if (!manager) return body;
  return {
    ...body,
    manager: {
      '@odata.type': '#microsoft.graph.user',
      ...renderUser(
        manager,
        ctx.state.tenant,
        expand.select ?? ['id', 'displayName', 'userPrincipalName', 'mail', 'jobTitle', 'department'],
      ),
    },
  };
}

import type { DemoUser, UserRegistrationDetail } from '../../demo-tenant';
import { pageBody, readPage } from '../collection-page';
import type { FilterResource } from '../compile-filter';
import { badRequest, GraphError, notFound } from '../graph-error';
import { ok, type GraphRequest } from '../graph-request';
import { route, type GraphRoute, type RouteContext } from '../graph-route';
import { readCount, readFilter, readOrderBy, readSelect, readTop, rejectUnknownOptions } from '../odata-query';

const DETAIL_TYPE = 'microsoft.graph.userRegistrationDetails';
const REPORT = '/reports/authenticationMethods';

/** Every documented v1.0 property of userRegistrationDetails, in the docs' order. */
const DETAIL_PROPERTIES: readonly (keyof UserRegistrationDetail)[] = [
  'id',
  'userPrincipalName',
  'userDisplayName',
  'isAdmin',
  'isSsprRegistered',
  'isSsprEnabled',
  'isSsprCapable',
  'isMfaRegistered',
  'isMfaCapable',
  'isPasswordlessCapable',
  'lastUpdatedDateTime',
  'methodsRegistered',
  'isSystemPreferredAuthenticationMethodEnabled',
  'systemPreferredAuthenticationMethods',
  'userPreferredMethodForSecondaryAuthentication',
  'userType',
];

const bool = (key: keyof UserRegistrationDetail) => ({
  type: 'boolean' as const,
  get: (r: UserRegistrationDetail) => r[key],
  operators: ['eq' as const],
});

/** The filter forms the resource page documents (eq on booleans, startsWith on names, any() on collections). */
const DETAIL_FILTER: FilterResource<UserRegistrationDetail> = {
  typeName: DETAIL_TYPE,
  schema: {
    id: { type: 'string', get: (r) => r.id, operators: ['eq', 'in'] },
    userPrincipalName: { type: 'string', get: (r) => r.userPrincipalName, operators: ['eq', 'startswith', 'in'] },
    userDisplayName: { type: 'string', get: (r) => r.userDisplayName, operators: ['eq', 'startswith'] },
    userType: { type: 'string', get: (r) => r.userType, operators: ['eq'] },
    isAdmin: bool('isAdmin'),
    isSsprRegistered: bool('isSsprRegistered'),
    isSsprEnabled: bool('isSsprEnabled'),
    isSsprCapable: bool('isSsprCapable'),
    isMfaRegistered: bool('isMfaRegistered'),
    isMfaCapable: bool('isMfaCapable'),
    isPasswordlessCapable: bool('isPasswordlessCapable'),
    isSystemPreferredAuthenticationMethodEnabled: bool('isSystemPreferredAuthenticationMethodEnabled'),
    methodsRegistered: { type: 'stringCollection', get: (r) => r.methodsRegistered, operators: ['any'] },
    systemPreferredAuthenticationMethods: {
      type: 'stringCollection',
      get: (r) => r.systemPreferredAuthenticationMethods,
      operators: ['any'],
    },
    userPreferredMethodForSecondaryAuthentication: {
      type: 'string',
      get: (r) => r.userPreferredMethodForSecondaryAuthentication,
      operators: ['eq'],
    },
  },
};

export const reportsRoutes: GraphRoute[] = [
  route('GET', `${REPORT}/userRegistrationDetails`, 'reports', premiumOnly(listRegistrationDetails)),
  route('GET', `${REPORT}/userRegistrationDetails/{id}`, 'reports', premiumOnly(getRegistrationDetail)),
  route('GET', `${REPORT}/usersRegisteredByFeature{call}`, 'reports', premiumOnly(usersRegisteredByFeature)),
  route('GET', `${REPORT}/usersRegisteredByMethod{call}`, 'reports', premiumOnly(usersRegisteredByMethod)),
];

/**
 * "A Microsoft Entra ID P1 or P2 license is required to access authentication methods usage and insights
 * reports": without one, Graph answers 403 with this code (the message is Graph's wording).
 */
export function premiumOnly(handle: GraphRoute['handle']): GraphRoute['handle'] {
  return (req, params, ctx) => {
    if (!ctx.state.hasEntraIdPremium) {
      throw new GraphError(
        403,
        'Authentication_RequestFromNonPremiumTenantOrB2CTenant',
        "Neither tenant is B2C or tenant doesn't have premium license",
      );
    }
    return handle(req, params, ctx);
  };
}

/** The options Microsoft's v1.0 page documents for listing userRegistrationDetails (and the paging token). */
const DOCUMENTED_LIST_OPTIONS = ['$filter', '$orderby', '$skiptoken'];

function listRegistrationDetails(req: GraphRequest, _params: string[], ctx: RouteContext) {
  rejectUnknownOptions(
    req,
    ctx.state.reportQueryOptions === 'documented' ? DOCUMENTED_LIST_OPTIONS : [...DOCUMENTED_LIST_OPTIONS, '$top', '$select', '$count'],
  );
  const select = readSelect(req, DETAIL_PROPERTIES, DETAIL_TYPE);
  const predicate = readFilter(req, DETAIL_FILTER);
  const orderBy = readOrderBy(req, ['userPrincipalName', 'userDisplayName'], DETAIL_TYPE);
  const users = ctx.state.users;
  const order = orderBy
    ? ctx.state.sortedPositions(
        orderBy.property,
        (u) => (orderBy.property === 'userDisplayName' ? u.displayName : u.userPrincipalName),
        orderBy.descending,
      )
    : null;
  const page = readPage(
    req,
    { length: users.length, at: (p) => ctx.state.reportRowOf(users[order ? (order[p] as number) : p] as DemoUser) },
    { pageSize: readTop(req), predicate, baseUrl: ctx.baseUrl, withCount: readCount(req) },
  );
  const context = `${ctx.metadata}#reports/authenticationMethods/userRegistrationDetails${select ? `(${select.join(',')})` : ''}`;
  return ok(pageBody(context, page, (row) => project(row, select)));
}

function getRegistrationDetail(req: GraphRequest, [id]: string[], ctx: RouteContext) {
  rejectUnknownOptions(req, ['$select']);
  const user = ctx.state.findUser(id as string);
  const row = user && ctx.state.reportRowOf(user);
  if (!row || row.id !== id) throw notFound(id as string);
  const select = readSelect(req, DETAIL_PROPERTIES, DETAIL_TYPE);
  return ok({ '@odata.context': `${ctx.metadata}#reports/authenticationMethods/userRegistrationDetails/$entity`, ...project(row, select) });
}

function project(row: UserRegistrationDetail, select: readonly string[] | null): Record<string, unknown> {
  if (!select) return { ...row };
  const out: Record<string, unknown> = {};
  for (const name of select) out[name] = row[name as keyof UserRegistrationDetail];
  return out;
}

// ---- summaries ---------------------------------------------------------------------------------

const USER_TYPES = ['all', 'member', 'guest'] as const;
const USER_ROLES = ['all', 'privilegedAdmin', 'admin', 'user'] as const;
type IncludedUserTypes = (typeof USER_TYPES)[number];
type IncludedUserRoles = (typeof USER_ROLES)[number];

function usersRegisteredByFeature(req: GraphRequest, [args]: string[], ctx: RouteContext) {
  rejectUnknownOptions(req, []);
  const { userTypes, userRoles, rows } = summaryScope(args ?? '', ctx);
  const count = (pick: (r: UserRegistrationDetail) => boolean) => rows.filter(pick).length;
  return ok({
    '@odata.context': `${ctx.metadata}#microsoft.graph.userRegistrationFeatureSummary`,
    totalUserCount: rows.length,
    userTypes,
    userRoles,
    userRegistrationFeatureCounts: [
      { feature: 'ssprRegistered', userCount: count((r) => r.isSsprRegistered) },
      { feature: 'ssprEnabled', userCount: count((r) => r.isSsprEnabled) },
      { feature: 'ssprCapable', userCount: count((r) => r.isSsprCapable) },
      { feature: 'passwordlessCapable', userCount: count((r) => r.isPasswordlessCapable) },
      { feature: 'mfaCapable', userCount: count((r) => r.isMfaCapable) },
    ],
  });
}

function usersRegisteredByMethod(req: GraphRequest, [args]: string[], ctx: RouteContext) {
  rejectUnknownOptions(req, []);
  const { userTypes, userRoles, rows, users } = summaryScope(args ?? '', ctx);
  const counts = new Map<string, number>();
  // Members sign in with a password here; guests authenticate at home, so they have none in this tenant.
  counts.set('password', users.filter((u) => u.userType === 'Member').length);
  for (const row of rows) for (const name of row.methodsRegistered) counts.set(name, (counts.get(name) ?? 0) + 1);
  return ok({
    '@odata.context': `${ctx.metadata}#microsoft.graph.userRegistrationMethodSummary`,
    totalUserCount: rows.length,
    userTypes,
    userRoles,
    userRegistrationMethodCounts: [...counts].map(([authenticationMethod, userCount]) => ({ authenticationMethod, userCount })),
  });
}

/**
 * Reads `(includedUserTypes='all',includedUserRoles='all')` (either or both may be omitted, as in the bare
 * `usersRegisteredByFeature()` form) and returns the report rows in scope. Blocked accounts are out of scope:
 * the summary's totalUserCount "excludes those that are blocked".
 */
function summaryScope(args: string, ctx: RouteContext) {
  let userTypes: IncludedUserTypes = 'all';
  let userRoles: IncludedUserRoles = 'all';
  for (const part of args
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const match = /^(\w+)\s*=\s*'([^']*)'$/.exec(part);
    if (!match) throw badRequest(`Invalid function parameter '${part}'.`);
    const [, name, value] = match as unknown as [string, string, string];
    if (name === 'includedUserTypes' && (USER_TYPES as readonly string[]).includes(value)) userTypes = value as IncludedUserTypes;
    else if (name === 'includedUserRoles' && (USER_ROLES as readonly string[]).includes(value)) userRoles = value as IncludedUserRoles;
    else
      throw badRequest(
        `Invalid function parameter ${name}='${value}'. includedUserTypes: ${USER_TYPES.join(', ')}; includedUserRoles: ${USER_ROLES.join(', ')}.`,
      );
  }
  const privileged = new Set(ctx.state.tenant.directoryRoles.filter((r) => r.isPrivileged).flatMap((r) => r.memberIds));
  const users: DemoUser[] = [];
  const rows: UserRegistrationDetail[] = [];
  for (const user of ctx.state.users) {
    if (userTypes === 'member' && user.userType !== 'Member') continue;
    if (userTypes === 'guest' && user.userType !== 'Guest') continue;
    if (userRoles === 'admin' && !user.isAdmin) continue;
    if (userRoles === 'privilegedAdmin' && !privileged.has(user.id)) continue;
    if (userRoles === 'user' && user.isAdmin) continue;
    const row = ctx.state.reportRowOf(user);
    if (!row) continue;
    users.push(user);
    rows.push(row);
  }
  return { userTypes, userRoles, rows, users };
}

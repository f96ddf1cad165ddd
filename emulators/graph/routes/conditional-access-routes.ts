import type { ConditionalAccessPolicy } from '../../demo-tenant';
import { pageBody, readPage } from '../collection-page';
import type { FilterResource } from '../compile-filter';
import { badRequest, notFound } from '../graph-error';
import { ok, type GraphRequest } from '../graph-request';
import { route, type GraphRoute, type RouteContext } from '../graph-route';
import { readFilter, readOrderBy, readSelect, readTop, rejectUnknownOptions } from '../odata-query';

const POLICY_TYPE = 'microsoft.graph.conditionalAccessPolicy';
const COLLECTION = 'identity/conditionalAccess/policies';

/** The v1.0 conditionalAccessPolicy properties, the names `$select` takes. */
const PROPERTIES: readonly (keyof ConditionalAccessPolicy)[] = [
  'id',
  'templateId',
  'displayName',
  'description',
  'createdDateTime',
  'modifiedDateTime',
  'state',
  'conditions',
  'grantControls',
  'sessionControls',
];

/**
 * The filter forms the emulator serves. The v1.0 list page says `$filter` is supported without listing
 * properties; these are the ones a client filters policies by. Anything else is refused, never ignored.
 */
const POLICY_FILTER: FilterResource<ConditionalAccessPolicy> = {
  typeName: POLICY_TYPE,
  schema: {
    id: { type: 'string', get: (p) => p.id, operators: ['eq', 'in'] },
    displayName: { type: 'string', get: (p) => p.displayName, operators: ['eq', 'startswith'] },
    state: { type: 'string', get: (p) => p.state, operators: ['eq', 'in'] },
  },
};

/**
 * `GET /identity/conditionalAccess/policies[/{id}]` (v1.0). The list page documents `$skip`, `$top`, `$count`,
 * `$filter`, `$orderby` and `$select`; the get page only `$select`.
 */
export const conditionalAccessRoutes: GraphRoute[] = [
  route('GET', '/identity/conditionalAccess/policies', 'directory', listPolicies),
  route('GET', '/identity/conditionalAccess/policies/{id}', 'directory', getPolicy),
];

function listPolicies(req: GraphRequest, _params: string[], ctx: RouteContext) {
  rejectUnknownOptions(req, ['$skip', '$top', '$count', '$filter', '$orderby', '$select', '$skiptoken']);
  const select = readSelect(req, PROPERTIES, POLICY_TYPE);
  const predicate = readFilter(req, POLICY_FILTER);
  const orderBy = readOrderBy(req, ['displayName', 'createdDateTime', 'modifiedDateTime', 'state'], POLICY_TYPE);
  let policies = ctx.state.policies.conditionalAccessPolicies.filter((p) => !predicate || predicate(p));
  if (orderBy) {
    const key = (p: ConditionalAccessPolicy) => String(p[orderBy.property as keyof ConditionalAccessPolicy] ?? '').toLowerCase();
    policies.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) * (orderBy.descending ? -1 : 1));
  }
  // OData: @odata.count is every match, whatever $skip and $top leave on the page.
  const matching = policies.length;
  policies = policies.slice(readSkip(req));
  const page = readPage(
    req,
    { length: policies.length, at: (i) => policies[i] },
    // Policies are not directory objects: $count needs no ConsistencyLevel header here.
    { pageSize: readTop(req), predicate: null, baseUrl: ctx.baseUrl, withCount: readPlainCount(req) },
  );
  if (page.count !== undefined) page.count = matching;
  const context = `${ctx.metadata}#${COLLECTION}${select ? `(${select.join(',')})` : ''}`;
  return ok(pageBody(context, page, (p) => render(p, select, ctx)));
}

function getPolicy(req: GraphRequest, [id]: string[], ctx: RouteContext) {
  rejectUnknownOptions(req, ['$select']);
  const policy = ctx.state.policies.conditionalAccessPolicies.find((p) => p.id.toLowerCase() === (id as string).toLowerCase());
  if (!policy) throw notFound(id as string);
  const select = readSelect(req, PROPERTIES, POLICY_TYPE);
  return ok({ '@odata.context': `${ctx.metadata}#${COLLECTION}/$entity`, ...render(policy, select, ctx) });
}

/**
 * A policy as Graph writes it. grantControls.authenticationStrength is a navigation property that Graph returns
 * inline in list and get responses alike, with its own @odata.context annotation, and null when the policy asks
 * for no strength; a client must not need `$expand` to see it.
 */
function render(policy: ConditionalAccessPolicy, select: readonly string[] | null, ctx: RouteContext): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of select ?? PROPERTIES) out[name] = policy[name as keyof ConditionalAccessPolicy];
  if (policy.grantControls && 'grantControls' in out) {
    const { authenticationStrength, ...controls } = policy.grantControls;
    out.grantControls = {
      ...controls,
      'authenticationStrength@odata.context': `${ctx.metadata}#${COLLECTION}('${policy.id}')/grantControls/authenticationStrength/$entity`,
      authenticationStrength,
    };
  }
  return out;
}

function readSkip(req: GraphRequest): number {
  const raw = req.query.get('$skip');
  if (raw === undefined) return 0;
  const skip = Number(raw);
  if (!Number.isInteger(skip) || skip < 0) throw badRequest(`Invalid value '${raw}' for $skip: use a whole number from 0.`);
  return skip;
}

function readPlainCount(req: GraphRequest): boolean {
  const raw = req.query.get('$count');
  if (raw === undefined || raw.toLowerCase() === 'false') return false;
  if (raw.toLowerCase() !== 'true') throw badRequest(`Invalid value '${raw}' for $count: use true or false.`);
  return true;
}

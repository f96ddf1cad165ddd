import type { SignInEvent } from '../../demo-tenant';
import { pageBody, readPage } from '../collection-page';
import { badRequest, unsupportedQuery } from '../graph-error';
import { ok, type GraphRequest } from '../graph-request';
import { route, type GraphRoute, type RouteContext } from '../graph-route';
import { parseFilter, type FilterExpression, type Literal } from '../odata-filter';
import { rejectUnknownOptions } from '../odata-query';
import { premiumOnly } from './reports-routes';

/**
 * `GET /auditLogs/signIns` as Microsoft's v1.0 "List signIns" page documents it:
 * - only `$filter`, `$top` and `$skiptoken` ("This method supports the $top, $skiptoken, and $filter OData query
 *   parameters"): anything else (`$orderby`, `$select`, `$count`, `$skip`, `$search`) is a 400;
 * - "The maximum and default page size is 1,000 objects and by default, the most recent sign-ins are returned first";
 * - `$filter` only on the properties and operators the page lists (below); everything else is a 400;
 * - the identity and access reports throttle (5 requests per 10 s per app per tenant covers auditLogRoot): the
 *   `reports` service;
 * - a Microsoft Entra ID P1 or P2 licence ("You must have a Microsoft Entra ID P1 or P2 license to download sign-in
 *   logs by using the Microsoft Graph API"): 403 Authentication_RequestFromNonPremiumTenantOrB2CTenant without one.
 */
export const signInsRoutes: GraphRoute[] = [route('GET', '/auditLogs/signIns', 'reports', premiumOnly(listSignIns))];

const TYPE = 'microsoft.graph.signIn';
export const SIGN_INS_PAGE_SIZE = 1000;

type Operator = 'eq' | 'ge' | 'le' | 'startswith';
interface Field {
  kind: 'string' | 'int' | 'dateTime';
  get(e: SignInEvent): string | number | null;
  operators: readonly Operator[];
}
const text = (get: Field['get'], ...operators: Operator[]): Field => ({ kind: 'string', get, operators });

/** "Attributes supported by $filter parameter" on the v1.0 List signIns page (the sign-in's own properties). */
const FILTERABLE: Readonly<Record<string, Field>> = {
  id: text((e) => e.id, 'eq'),
  userId: text((e) => e.userId, 'eq'),
  appId: text((e) => e.appId, 'eq'),
  createdDateTime: { kind: 'dateTime', get: (e) => Date.parse(e.createdDateTime), operators: ['eq', 'le', 'ge'] },
  userDisplayName: text((e) => e.userDisplayName, 'eq', 'startswith'),
  userPrincipalName: text((e) => e.userPrincipalName, 'eq', 'startswith'),
  appDisplayName: text((e) => e.appDisplayName, 'eq', 'startswith'),
  ipAddress: text((e) => e.ipAddress, 'eq', 'startswith'),
  'location/city': text((e) => e.location.city, 'eq', 'startswith'),
  'location/state': text((e) => e.location.state, 'eq', 'startswith'),
  'location/countryOrRegion': text((e) => e.location.countryOrRegion, 'eq', 'startswith'),
  'status/errorCode': { kind: 'int', get: (e) => e.status.errorCode, operators: ['eq'] },
  clientAppUsed: text((e) => e.clientAppUsed, 'eq'),
  conditionalAccessStatus: text((e) => e.conditionalAccessStatus, 'eq'),
  'deviceDetail/browser': text((e) => e.deviceDetail.browser, 'eq', 'startswith'),
  'deviceDetail/operatingSystem': text((e) => e.deviceDetail.operatingSystem, 'eq', 'startswith'),
  correlationId: text((e) => e.correlationId, 'eq'),
};

function listSignIns(req: GraphRequest, _params: string[], ctx: RouteContext) {
  rejectUnknownOptions(req, ['$filter', '$top', '$skiptoken']);
  const raw = req.query.get('$filter');
  if (raw !== undefined && raw.trim() === '') throw badRequest('Invalid filter clause: the filter is empty.');
  const predicate = raw === undefined ? null : compile(parseFilter(raw));
  const events = ctx.state.signIns;
  const page = readPage(
    req,
    { length: events.length, at: (p) => events[p] },
    { pageSize: readSignInTop(req), predicate, baseUrl: ctx.baseUrl, withCount: false },
  );
  return ok(pageBody(`${ctx.metadata}#auditLogs/signIns`, page, (e) => structuredClone(e)));
}

function readSignInTop(req: GraphRequest): number {
  const raw = req.query.get('$top');
  if (raw === undefined) return SIGN_INS_PAGE_SIZE;
  const top = Number(raw);
  if (!/^\d+$/.test(raw) || top < 1 || top > SIGN_INS_PAGE_SIZE) {
    throw badRequest(`Invalid page size specified: '${raw}'. Must be between 1 and ${SIGN_INS_PAGE_SIZE} inclusive.`, 'Request_BadRequest');
  }
  return top;
}

function compile(e: FilterExpression): (event: SignInEvent) => boolean {
  switch (e.kind) {
    case 'and': {
      const [l, r] = [compile(e.left), compile(e.right)];
      return (x) => l(x) && r(x);
    }
    case 'or': {
      const [l, r] = [compile(e.left), compile(e.right)];
      return (x) => l(x) || r(x);
    }
    case 'startswith': {
      const field = fieldOf(e.property, 'startswith');
      const prefix = e.value.toLowerCase();
      return (x) =>
        String(field.get(x) ?? '')
          .toLowerCase()
          .startsWith(prefix);
    }
    case 'compare': {
      if (e.op !== 'eq' && e.op !== 'ge' && e.op !== 'le') throw unsupported(e.property, e.op);
      const field = fieldOf(e.property, e.op);
      const wanted = literalFor(field, e.property, e.value);
      const get = (x: SignInEvent) => {
        const v = field.get(x);
        return typeof v === 'string' ? v.toLowerCase() : v;
      };
      if (e.op === 'eq') return (x) => get(x) === wanted;
      return e.op === 'ge' ? (x) => (get(x) as number) >= (wanted as number) : (x) => (get(x) as number) <= (wanted as number);
    }
    default:
      throw unsupportedQuery(`Unsupported or invalid query filter clause specified for resource '${TYPE}': '${e.kind}' is not supported.`);
  }
}

function fieldOf(property: string, operator: Operator): Field {
  const key = Object.keys(FILTERABLE).find((k) => k.toLowerCase() === property.toLowerCase());
  if (!key)
    throw unsupportedQuery(`Unsupported or invalid query filter clause specified for property '${property}' of resource '${TYPE}'.`);
  const field = FILTERABLE[key] as Field;
  if (!field.operators.includes(operator)) throw unsupported(key, operator);
  return field;
}

function literalFor(field: Field, property: string, value: Literal): string | number {
  if (field.kind === 'dateTime') {
    if (value === null || typeof value !== 'object')
      throw badRequest(
        `A binary operator with incompatible types was detected. Found operand types 'Edm.DateTimeOffset' and '${edmOf(value)}' for '${property}'.`,
      );
    return value.epochMs;
  }
  if (field.kind === 'int') {
    if (typeof value !== 'number' || !Number.isInteger(value))
      throw badRequest(
        `A binary operator with incompatible types was detected. Found operand types 'Edm.Int32' and '${edmOf(value)}' for '${property}'.`,
      );
    return value;
  }
  if (typeof value !== 'string')
    throw badRequest(
      `A binary operator with incompatible types was detected. Found operand types 'Edm.String' and '${edmOf(value)}' for '${property}'.`,
    );
  return value.toLowerCase();
}

function edmOf(value: Literal): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return 'Edm.DateTimeOffset';
  return typeof value === 'string' ? 'Edm.String' : typeof value === 'number' ? 'Edm.Int32' : 'Edm.Boolean';
}

function unsupported(property: string, operator: string) {
  return unsupportedQuery(
    `Unsupported or invalid query filter clause specified for property '${property}' of resource '${TYPE}': '${operator}' is not supported here.`,
  );
}

import type { DemoGroup } from '../../demo-tenant';
import { pageBody, readPage } from '../collection-page';
import type { FilterResource } from '../compile-filter';
import { ok, type GraphRequest } from '../graph-request';
import { route, type GraphRoute, type RouteContext } from '../graph-route';
import { readFilter, readSelect, readTop, rejectUnknownOptions } from '../odata-query';
import { GROUP_PROPERTIES, renderGroupFields } from './memberships-routes';

/**
 * GET /groups: what the campaign form's "Entra group" field asks when it is given a name rather than an id. Graph
 * filters a group's displayName with eq, in and startswith without an advanced query (ConsistencyLevel), and pages
 * at $top 1 to 999 (100 by default).
 */
export const groupsRoutes: GraphRoute[] = [route('GET', '/groups', 'directory', listGroups)];

const GROUP_FILTER: FilterResource<DemoGroup> = {
  typeName: 'microsoft.graph.group',
  schema: {
    id: { type: 'string', get: (g) => g.id, operators: ['eq', 'in'] },
    displayName: { type: 'string', get: (g) => g.displayName, operators: ['eq', 'startswith', 'in'] },
    mailNickname: { type: 'string', get: (g) => g.mailNickname, operators: ['eq', 'startswith', 'in'] },
  },
};

function listGroups(req: GraphRequest, _params: string[], ctx: RouteContext) {
  rejectUnknownOptions(req, ['$top', '$select', '$filter', '$skiptoken']);
  const predicate = readFilter(req, GROUP_FILTER);
  const select = readSelect(req, GROUP_PROPERTIES, 'microsoft.graph.group');
  const groups = ctx.state.tenant.groups;
  const page = readPage(
    req,
    { length: groups.length, at: (p) => groups[p] },
    { pageSize: readTop(req), predicate, baseUrl: ctx.baseUrl, withCount: false },
  );
  return ok(pageBody(`${ctx.metadata}#groups`, page, (g) => renderGroupFields(g, select)));
}

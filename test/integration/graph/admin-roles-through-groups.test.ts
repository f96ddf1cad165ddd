import type { GraphEmulator } from '../../../emulators/graph';
import type { UserRegistration } from '../../../src/domain/mfa/user-registration';
import { withRolesThroughGroups } from '../../emulators/graph/role-group-tenant';
import { collect, directoryOn, startEmulator, tenantOf } from './graph-directory-harness';

const TIME_SCALE = 0.001; // the reports window (10 s) lasts 10 ms
const { tenant, direct, viaGroup, bystander } = withRolesThroughGroups(tenantOf(120));
const enabled = tenant.users.filter((u) => u.accountEnabled);
const GROUP_MEMBERS_ROUTE = 'GET /groups/{id}/transitiveMembers';
const METHODS_ROUTE = 'GET /users/{id}/authentication/methods';
const admins = [direct, ...viaGroup].map((u) => u.id).sort();

let graph: GraphEmulator;
beforeAll(async () => {
  graph = await startEmulator(tenant, { timeScale: TIME_SCALE });
});
afterEach(() => graph.reset());
afterAll(() => graph.close());

const perUser = () => directoryOn(graph, TIME_SCALE, { registrationSource: 'perUserMethods' });
const adminIdsOf = (items: UserRegistration[]) =>
  items
    .filter((r) => r.isAdmin)
    .map((r) => r.id)
    .sort();

describe('perUserMethods: directory roles held through a role-assignable group', () => {
  it('marks exactly the direct holder and the two holding the role through the group as admins', async () => {
    const { items } = await collect<UserRegistration>((onPage) => perUser().walkRegistrations(onPage));
    expect(items).toHaveLength(enabled.length);
    expect(adminIdsOf(items)).toEqual(admins);
    // Sharing a group with the role-assignable group makes nobody an admin.
    expect(items.find((r) => r.id === bystander.id)?.isAdmin).toBe(false);
    // The same answer as the registration report on the same tenant.
    const report = await collect<UserRegistration>((onPage) => directoryOn(graph, TIME_SCALE).walkRegistrations(onPage));
    expect(adminIdsOf(report.items)).toEqual(admins);
  });

  it('reads a group holding two roles once, on the directory service', async () => {
    await perUser().walkRegistrations(async () => undefined);
    const stats = graph.stats();
    expect(stats.requestsByRoute[GROUP_MEMBERS_ROUTE]).toBe(1);
    // The role list, each role's members, the group, one page of users: nothing else of the directory.
    expect(stats.requestsByRoute['GET /directoryRoles/{id}/members']).toBe(tenant.directoryRoles.length);
    expect(stats.requestsByService.directory).toBe(1 + tenant.directoryRoles.length + 1 + 1);
    // The reports budget went to the users' methods alone.
    expect(stats.requestsByService.reports).toBe(enabled.length);
    expect(stats.requestsByRoute[METHODS_ROUTE]).toBe(enabled.length);
  });

  it('stops with an error naming GroupMember.Read.All when the group may not be read, before spending the reports budget', async () => {
    graph.injectFaults({ count: 1, status: 403, path: /\/transitiveMembers/ });
    const pages: UserRegistration[][] = [];
    await expect(perUser().walkRegistrations(async (page) => void pages.push(page))).rejects.toMatchObject({
      kind: 'forbidden',
      errorCode: 'GRAPH-FORBIDDEN',
      message: expect.stringMatching(/transitiveMembers failed: 403 .*GroupMember\.Read\.All.*would count as non-admins/),
    });
    expect(pages).toEqual([]);
    expect(graph.stats().requestsByService.reports).toBe(0);
  });

  it('passes over a group deleted between the role listing and its reading', async () => {
    graph.injectFaults({ count: 1, status: 404, path: /\/transitiveMembers/ });
    const { items } = await collect<UserRegistration>((onPage) => perUser().walkRegistrations(onPage));
    expect(adminIdsOf(items)).toEqual([direct.id]);
  });
});

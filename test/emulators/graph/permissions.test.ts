import { demoPersonas, generateDemoTenant } from '../../../emulators/demo-tenant';
import { EVERY_EMULATED_PERMISSION, GRAPH_ROUTES, emulatorAccessToken, permissionRuleOf } from '../../../emulators/graph';
import { graphFetch, walkPages } from './graph-fetch';
import { useGraphEmulator } from './use-graph-emulator';

const tenant = generateDemoTenant({ users: 60 });
const { admin, employee } = demoPersonas(tenant);
const graph = useGraphEmulator({ tenant, throttle: { reports: null }, logNotImplemented: false });
const without = (...revoked: string[]) => emulatorAccessToken({ roles: EVERY_EMULATED_PERMISSION.filter((r) => !revoked.includes(r)) });
const GLOBAL_ADMINISTRATOR = '62e90394-69f5-4237-9190-012177145e10';

describe('the permission model: the token roles each route requires, as Microsoft documents them', () => {
  it('has a rule for every route it serves', () => {
    expect(GRAPH_ROUTES.filter((route) => !permissionRuleOf(route.method, route.name)).map((r) => r.name)).toEqual([]);
  });

  it.each([
    ['AuditLog.Read.All', '/v1.0/reports/authenticationMethods/userRegistrationDetails', 'Authorization_RequestDenied'],
    ['User.Read.All', '/v1.0/users?$select=id', 'Authorization_RequestDenied'],
    ['MailboxSettings.Read', `/v1.0/users/${employee.id}/mailboxSettings/timeZone`, 'ErrorAccessDenied'],
    ['UserAuthenticationMethod.Read.All', `/v1.0/users/${employee.id}/authentication/methods`, 'Authorization_RequestDenied'],
    ['RoleManagement.Read.Directory', '/v1.0/directoryRoles', 'Authorization_RequestDenied'],
    ['GroupMember.Read.All', `/v1.0/groups/${tenant.groups[0]!.id}/transitiveMembers`, 'Authorization_RequestDenied'],
    ['GroupMember.Read.All', "/v1.0/groups?$filter=displayName eq 'MFA Coach admins'", 'Authorization_RequestDenied'],
    ['TeamsAppInstallation.ReadWriteSelfForUser.All', `/v1.0/users/${employee.id}/teamwork/installedApps`, 'Forbidden'],
  ])('answers 403 without %s', async (permission, path, code) => {
    // The report also opens to UserAuthenticationMethod.Read.All (a higher permission), and the list of installed apps to
    // the read-only installation permission: those go too.
    const alsoOpens: Record<string, string> = {
      'AuditLog.Read.All': 'UserAuthenticationMethod.Read.All',
      'TeamsAppInstallation.ReadWriteSelfForUser.All': 'TeamsAppInstallation.ReadSelfForUser.All',
    };
    const revoked = [permission, ...(alsoOpens[permission] ? [alsoOpens[permission]] : [])];
    const refused = await graphFetch(graph, path, { token: without(...revoked) });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe(code);
    expect((await graphFetch(graph, path)).status).toBe(200);
    expect(Object.values(graph.stats().forbiddenByRoute)).toEqual([1]);
  });

  it('opens the registration report to UserAuthenticationMethod.Read.All too, as its page lists it as a higher permission', async () => {
    const answer = await graphFetch(graph, '/v1.0/reports/authenticationMethods/userRegistrationDetails', {
      token: without('AuditLog.Read.All'),
    });
    expect(answer.status).toBe(200);
  });

  it('needs both the user and the group permission for checkMemberGroups', async () => {
    const body = { groupIds: [tenant.groups[0]!.id] };
    const path = `/v1.0/users/${admin.id}/checkMemberGroups`;
    expect((await graphFetch(graph, path, { method: 'POST', body, token: without('User.Read.All') })).status).toBe(403);
    expect((await graphFetch(graph, path, { method: 'POST', body, token: without('GroupMember.Read.All') })).status).toBe(403);
    expect((await graphFetch(graph, path, { method: 'POST', body })).status).toBe(200);
  });

  it('checks each request inside a $batch with the envelope token', async () => {
    const answer = await graphFetch(graph, '/v1.0/$batch', {
      method: 'POST',
      token: without('UserAuthenticationMethod.Read.All'),
      body: {
        requests: [
          { id: '1', method: 'GET', url: `/users/${employee.id}/authentication/methods` },
          { id: '2', method: 'GET', url: `/users/${employee.id}?$select=id` },
        ],
      },
    });
    expect(answer.status).toBe(200);
    const byId = Object.fromEntries(answer.body.responses.map((r: { id: string; status: number }) => [r.id, r.status]));
    expect(byId).toEqual({ '1': 403, '2': 200 });
  });

  it('lists directory roles in memberships with their id only unless a role-reading permission is granted', async () => {
    const path = `/v1.0/users/${admin.id}/transitiveMemberOf/microsoft.graph.directoryRole?$count=true&$select=id,roleTemplateId`;
    const headers = { ConsistencyLevel: 'eventual' };
    const full = await walkPages(graph, path, headers);
    expect(full.items.map((r) => r.roleTemplateId)).toContain(GLOBAL_ADMINISTRATOR);
    const limited = await graphFetch(graph, path, { headers, token: without('RoleManagement.Read.Directory') });
    expect(limited.status).toBe(200);
    expect(limited.body.value.length).toBe(full.items.length);
    for (const role of limited.body.value) expect(Object.keys(role).sort()).toEqual(['@odata.type', 'id']);
  });
});

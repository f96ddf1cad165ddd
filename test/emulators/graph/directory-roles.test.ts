import { demoPersonas, generateDemoTenant } from '../../../emulators/demo-tenant';
import { startGraphEmulator } from '../../../emulators/graph';
import { graphFetch } from './graph-fetch';
import { useGraphEmulator } from './use-graph-emulator';

const tenant = generateDemoTenant({ users: 300 });
const { admin, employee } = demoPersonas(tenant);

const graph = useGraphEmulator({ tenant, logNotImplemented: false });

describe('GET /directoryRoles and /directoryRoles/{id}/members', () => {
  it('lists the activated roles, and refuses query options as Graph does', async () => {
    const roles = await graphFetch(graph, '/v1.0/directoryRoles');
    expect(roles.status).toBe(200);
    expect(roles.body.value.map((r: { roleTemplateId: string }) => r.roleTemplateId).sort()).toEqual(
      tenant.directoryRoles.map((r) => r.roleTemplateId).sort(),
    );
    expect(roles.body.value[0]).toEqual(
      expect.objectContaining({ id: expect.any(String), displayName: expect.any(String), roleTemplateId: expect.any(String) }),
    );
    expect((await graphFetch(graph, '/v1.0/directoryRoles?$top=1')).status).toBe(400);
  });

  it("lists a role's members by role id or template id, with $select", async () => {
    const global = tenant.directoryRoles.find((r) => r.displayName === 'Global Administrator')!;
    for (const id of [global.id, global.roleTemplateId]) {
      const members = await graphFetch(graph, `/v1.0/directoryRoles/${id}/members?$select=id`);
      expect(members.status).toBe(200);
      expect(members.body.value).toEqual(global.memberIds.map((m) => ({ '@odata.type': '#microsoft.graph.user', id: m })));
    }
    expect(global.memberIds).toContain(admin.id);
    expect((await graphFetch(graph, '/v1.0/directoryRoles/00000000-0000-0000-0000-000000000000/members')).status).toBe(404);
  });

  it('together, the role members are exactly the users the report calls isAdmin', async () => {
    const holders = new Set<string>();
    for (const role of (await graphFetch(graph, '/v1.0/directoryRoles')).body.value as { id: string }[]) {
      for (const m of (await graphFetch(graph, `/v1.0/directoryRoles/${role.id}/members?$select=id`)).body.value as { id: string }[])
        holders.add(m.id);
    }
    expect(holders).toEqual(new Set(tenant.users.filter((u) => u.isAdmin).map((u) => u.id)));
    expect(holders.has(employee.id)).toBe(false);
  });
});

describe('a tenant without Microsoft Entra ID P1/P2', () => {
  it('answers 403 on the authentication methods reports, and still serves the live methods', async () => {
    const unlicensed = await startGraphEmulator({ tenant, entraIdPremium: false, logNotImplemented: false });
    try {
      for (const path of [
        'userRegistrationDetails?$top=10',
        `userRegistrationDetails/${admin.id}`,
        'usersRegisteredByFeature()',
        'usersRegisteredByMethod()',
      ]) {
        const answer = await graphFetch(unlicensed, `/v1.0/reports/authenticationMethods/${path}`);
        expect(answer.status).toBe(403);
        expect(answer.body.error.code).toBe('Authentication_RequestFromNonPremiumTenantOrB2CTenant');
      }
      expect((await graphFetch(unlicensed, `/v1.0/users/${admin.id}/authentication/methods`)).status).toBe(200);
      // reset() keeps the licence: it is how the tenant was started, not state.
      unlicensed.reset();
      expect((await graphFetch(unlicensed, '/v1.0/reports/authenticationMethods/userRegistrationDetails')).status).toBe(403);
    } finally {
      await unlicensed.close();
    }
  });
});

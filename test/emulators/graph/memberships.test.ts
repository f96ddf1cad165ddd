import { CAMPAIGN_MANAGERS_GROUP, demoPersonas, generateDemoTenant, MFA_COACH_ADMINS_GROUP } from '../../../emulators/demo-tenant';
import { graphFetch } from './graph-fetch';
import { useGraphEmulator } from './use-graph-emulator';

const tenant = generateDemoTenant({ users: 200 });
const { employee, admin } = demoPersonas(tenant);
const adminsGroup = tenant.groups.find((g) => g.displayName === MFA_COACH_ADMINS_GROUP)!;
const campaignGroup = tenant.groups.find((g) => g.displayName === CAMPAIGN_MANAGERS_GROUP)!;

const graph = useGraphEmulator({ tenant });

const check = (userId: string, groupIds: string[]) =>
  graphFetch(graph, `/v1.0/users/${userId}/checkMemberGroups`, { method: 'POST', body: { groupIds } });

describe('checkMemberGroups', () => {
  it('returns the listed groups that contain the user, nested groups included', async () => {
    const answer = await check(admin.id, [adminsGroup.id, campaignGroup.id, '00000000-0000-4000-8000-000000000000']);
    expect(answer.status).toBe(200);
    expect(answer.body['@odata.context']).toMatch(/Collection\(Edm\.String\)$/);
    // the admin is a direct member of MFA Coach admins, which is itself a member of Campaign managers
    expect(answer.body.value).toEqual([adminsGroup.id, campaignGroup.id]);
    expect((await check(employee.id, [adminsGroup.id, campaignGroup.id])).body.value).toEqual([]);
  });

  it('refuses more than 20 ids, a missing body and an unknown user', async () => {
    const ids = Array.from({ length: 21 }, () => adminsGroup.id);
    expect((await check(admin.id, ids)).status).toBe(400);
    expect((await check(admin.id, ids.slice(0, 20))).status).toBe(200);
    expect((await graphFetch(graph, `/v1.0/users/${admin.id}/checkMemberGroups`, { method: 'POST', body: {} })).status).toBe(400);
    expect((await check('nobody@contoso-demo.example', [adminsGroup.id])).status).toBe(404);
  });
});

describe('memberOf and transitiveMemberOf', () => {
  it('lists direct memberships (groups and directory roles) and adds nested groups transitively', async () => {
    const direct = await graphFetch(graph, `/v1.0/users/${admin.id}/memberOf`);
    const directIds = direct.body.value.map((o: { id: string }) => o.id);
    expect(directIds).toContain(adminsGroup.id);
    expect(directIds).not.toContain(campaignGroup.id);
    expect(
      direct.body.value.some(
        (o: { '@odata.type': string; roleTemplateId?: string }) =>
          o['@odata.type'] === '#microsoft.graph.directoryRole' && o.roleTemplateId === '62e90394-69f5-4237-9190-012177145e10',
      ),
    ).toBe(true);
    const transitive = await graphFetch(graph, `/v1.0/users/${admin.id}/transitiveMemberOf/microsoft.graph.group?$count=true`, {
      headers: { ConsistencyLevel: 'eventual' },
    });
    expect(transitive.body.value.map((o: { id: string }) => o.id).sort()).toEqual([adminsGroup.id, campaignGroup.id].sort());
    expect(transitive.body.value.every((o: { '@odata.type': string }) => o['@odata.type'] === '#microsoft.graph.group')).toBe(true);
  });

  it('casts to a type only as an advanced query (ConsistencyLevel: eventual and $count=true), as Graph documents', async () => {
    const path = `/v1.0/users/${admin.id}/transitiveMemberOf/microsoft.graph.directoryRole?$select=id,roleTemplateId`;
    const plain = await graphFetch(graph, path);
    expect(plain.status).toBe(400);
    expect(plain.body.error.code).toBe('Request_UnsupportedQuery');
    expect((await graphFetch(graph, `${path}&$count=true`)).status).toBe(400);
    expect((await graphFetch(graph, path, { headers: { ConsistencyLevel: 'eventual' } })).status).toBe(400);
    const advanced = await graphFetch(graph, `${path}&$count=true`, { headers: { ConsistencyLevel: 'eventual' } });
    expect(advanced.status).toBe(200);
    expect(advanced.body.value.map((role: { roleTemplateId: string }) => role.roleTemplateId)).toContain(
      '62e90394-69f5-4237-9190-012177145e10',
    );
    // Without a cast, memberOf stays a plain query.
    expect((await graphFetch(graph, `/v1.0/users/${admin.id}/transitiveMemberOf`)).status).toBe(200);
  });

  it('filters by id only as an advanced query', async () => {
    const path = `/v1.0/users/${admin.id}/transitiveMemberOf/microsoft.graph.group?$filter=id eq '${campaignGroup.id}'`;
    expect((await graphFetch(graph, path)).status).toBe(400);
    const advanced = await graphFetch(graph, `${path}&$count=true`, { headers: { ConsistencyLevel: 'eventual' } });
    expect(advanced.status).toBe(200);
    expect(advanced.body['@odata.count']).toBe(1);
    const none = await graphFetch(
      graph,
      `/v1.0/users/${employee.id}/transitiveMemberOf/microsoft.graph.group?$filter=id eq '${campaignGroup.id}'&$count=true`,
      { headers: { ConsistencyLevel: 'eventual' } },
    );
    expect(none.body['@odata.count']).toBe(0);
  });
});

describe('groups', () => {
  it('lists members, and transitive members through the nested group', async () => {
    const direct = await graphFetch(graph, `/v1.0/groups/${campaignGroup.id}/members`);
    const directTypes = direct.body.value.map((m: { '@odata.type': string }) => m['@odata.type']);
    expect(directTypes).toContain('#microsoft.graph.group');
    expect(direct.body.value.map((m: { id: string }) => m.id)).not.toContain(admin.id);
    const transitive = await graphFetch(graph, `/v1.0/groups/${campaignGroup.id}/transitiveMembers`);
    expect(transitive.body.value.map((m: { id: string }) => m.id)).toContain(admin.id);
    expect((await graphFetch(graph, `/v1.0/groups/${adminsGroup.id}`)).body).toMatchObject({
      displayName: MFA_COACH_ADMINS_GROUP,
      securityEnabled: true,
    });
  });
});

describe('the list of groups', () => {
  const named = (filter: string) => graphFetch(graph, `/v1.0/groups?$filter=${encodeURIComponent(filter)}&$select=id,displayName`);

  it('finds a group by its name, in any case, and by the start of it, with only the fields selected', async () => {
    const exact = await named(`displayName eq '${MFA_COACH_ADMINS_GROUP.toUpperCase()}'`);
    expect(exact.status).toBe(200);
    expect(exact.body['@odata.context']).toMatch(/#groups$/);
    expect(exact.body.value).toEqual([{ id: adminsGroup.id, displayName: MFA_COACH_ADMINS_GROUP }]);
    expect(
      (await named(`startswith(displayName, '${CAMPAIGN_MANAGERS_GROUP.slice(0, 5)}')`)).body.value.map((g: { id: string }) => g.id),
    ).toContain(campaignGroup.id);
    expect((await named("displayName eq 'No such group'")).body.value).toEqual([]);
  });

  it('answers 400 to what it does not serve (an option, a property in a filter) rather than an answer Graph would not give', async () => {
    expect((await graphFetch(graph, '/v1.0/groups?$orderby=displayName')).status).toBe(400);
    expect((await named("description eq 'x'")).status).toBe(400);
  });
});

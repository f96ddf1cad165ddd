import { generateDemoTenant } from '../../../emulators/demo-tenant';
import { startGraphEmulator } from '../../../emulators/graph';
import { graphFetch } from './graph-fetch';
import { withRolesThroughGroups } from './role-group-tenant';
import { useGraphEmulator } from './use-graph-emulator';

const base = generateDemoTenant({ users: 120 });
const { tenant, direct, viaGroup, bystander, roleGroup, outerGroup, roles } = withRolesThroughGroups(base);
const [roleA, roleB] = roles;

const graph = useGraphEmulator({ tenant, logNotImplemented: false });

const USER = '#microsoft.graph.user';
const GROUP = '#microsoft.graph.group';
const ids = (body: { value: { id: string }[] }) => body.value.map((o) => o.id).sort();

describe('a directory role assigned to a role-assignable group', () => {
  it("lists the group, not its people, among the role's members", async () => {
    const members = await graphFetch(graph, `/v1.0/directoryRoles/${roleA.id}/members?$select=id`);
    expect(members.status).toBe(200);
    expect(members.body.value).toEqual([
      { '@odata.type': USER, id: direct.id },
      { '@odata.type': GROUP, id: roleGroup.id },
    ]);
    // By role template id too; the second role is held through the group alone.
    const onlyGroup = await graphFetch(graph, `/v1.0/directoryRoles/${roleB.roleTemplateId}/members?$select=id,securityEnabled`);
    expect(onlyGroup.body.value).toEqual([{ '@odata.type': GROUP, id: roleGroup.id, securityEnabled: true }]);
    const full = await graphFetch(graph, `/v1.0/directoryRoles/${roleA.id}/members`);
    expect(full.body.value[1]).toMatchObject({ '@odata.type': GROUP, id: roleGroup.id, displayName: roleGroup.displayName });
    expect((await graphFetch(graph, `/v1.0/directoryRoles/${roleA.id}/members?$select=nonsense`)).status).toBe(400);
  });

  it('has its people listed by /groups/{id}/transitiveMembers, and nobody from a group merely around it', async () => {
    const inside = await graphFetch(graph, `/v1.0/groups/${roleGroup.id}/transitiveMembers?$select=id`);
    expect(inside.status).toBe(200);
    expect(inside.body.value.every((m: { '@odata.type': string }) => m['@odata.type'] === USER)).toBe(true);
    expect(ids(inside.body)).toEqual(viaGroup.map((u) => u.id).sort());
    const around = await graphFetch(graph, `/v1.0/groups/${outerGroup.id}/transitiveMembers?$select=id`);
    expect(ids(around.body)).toEqual([bystander.id, roleGroup.id, ...viaGroup.map((u) => u.id)].sort());
  });

  it("counts as the people's role in transitiveMemberOf, not in memberOf, as Graph does", async () => {
    const [member] = viaGroup;
    const path = `/v1.0/users/${member.id}/transitiveMemberOf/microsoft.graph.directoryRole?$count=true&$select=id,roleTemplateId`;
    const transitive = await graphFetch(graph, path, { headers: { ConsistencyLevel: 'eventual' } });
    expect(transitive.status).toBe(200);
    expect(ids(transitive.body)).toEqual([roleA.id, roleB.id].sort());
    const direct = await graphFetch(graph, `/v1.0/users/${member.id}/memberOf?$select=id`);
    expect(ids(direct.body)).toEqual([roleGroup.id]);
    const outsider = await graphFetch(graph, path.replace(member.id, bystander.id), { headers: { ConsistencyLevel: 'eventual' } });
    expect(outsider.body.value).toEqual([]);
  });

  it('cannot be set up in ways Entra ID forbids', async () => {
    const ordinary = { ...roleGroup, isAssignableToRole: false };
    await expect(startGraphEmulator({ tenant: { ...tenant, groups: [...base.groups, ordinary, outerGroup] } })).rejects.toThrow(
      /not role-assignable/,
    );
    const nesting = { ...roleGroup, memberGroupIds: [outerGroup.id] };
    await expect(startGraphEmulator({ tenant: { ...tenant, groups: [...base.groups, nesting, outerGroup] } })).rejects.toThrow(
      /contains groups/,
    );
    const missing = { ...tenant, groups: base.groups };
    await expect(startGraphEmulator({ tenant: missing })).rejects.toThrow(/lacks/);
  });
});

import { demoPersonas, generateDemoTenant } from '../../../../emulators/demo-tenant';
import { emulatorAccessToken } from '../../../../emulators/graph';
import { MANAGER_EXPAND, PEOPLE_FIELDS } from '../../../../src/adapters/graph/directory-user';
import { graphFetch } from '../graph-fetch';
import { withRolesThroughGroups } from '../role-group-tenant';
import { useGraphEmulator } from '../use-graph-emulator';
import {
  collectionProblems,
  entityProblems,
  expectConforms,
  expectTamperingCaught,
  metadataChecker,
  walkProblems,
} from './metadata-assertions';

// Roles held through a role-assignable group nested in another group: members lists mix users and groups.
const { tenant, roleGroup, outerGroup, viaGroup } = withRolesThroughGroups(generateDemoTenant({ users: 300 }));
const { employee, admin } = demoPersonas(tenant);
const graph = useGraphEmulator({ tenant, logNotImplemented: false });

/** The user properties the bot selects (walkPeople), and every property the emulator serves. */
const BOT_SELECT = PEOPLE_FIELDS.join(',');
const EVERY_USER_PROPERTY =
  'id,accountEnabled,businessPhones,city,companyName,country,createdDateTime,department,displayName,employeeId,givenName,jobTitle,' +
  'mail,mobilePhone,officeLocation,preferredLanguage,surname,usageLocation,userPrincipalName,userType';
const EVENTUAL = { ConsistencyLevel: 'eventual' };

/** The problems of every page of a collection of this file's emulator. */
const walk = (first: string, itemType: string, options?: { expanded?: string[]; headers?: Record<string, string> }) =>
  walkProblems(graph, first, itemType, options);

describe('directory responses match the Graph v1.0 metadata', () => {
  it('GET /users: default properties, the bot’s $select, every property, $expand=manager, $count', async () => {
    expectConforms([
      ...(await walk('/v1.0/users', 'user')),
      ...(await walk(`/v1.0/users?$select=${BOT_SELECT}&$top=999`, 'user')),
      ...(await walk(`/v1.0/users?$select=${EVERY_USER_PROPERTY}&$top=999`, 'user')),
      ...(await walk('/v1.0/users?$expand=manager', 'user', { expanded: ['manager'] })),
      ...(await walk(`/v1.0/users?$select=${BOT_SELECT}&$expand=${MANAGER_EXPAND}`, 'user', { expanded: ['manager'] })),
      ...(await walk(`/v1.0/users?$select=id,displayName&$expand=manager($select=${EVERY_USER_PROPERTY})`, 'user', {
        expanded: ['manager'],
      })),
      ...(await walk(`/v1.0/users?$count=true&$filter=accountEnabled eq true&$select=${BOT_SELECT}`, 'user', {
        headers: EVENTUAL,
      })),
    ]);
  });

  it('GET /users/{id | upn}, with and without $select and $expand=manager', async () => {
    const problems: string[] = [];
    for (const user of [employee, admin, ...tenant.users.filter((u) => u.userType === 'Guest' || !u.accountEnabled)]) {
      for (const path of [
        `/v1.0/users/${user.id}`,
        `/v1.0/users/${encodeURIComponent(user.userPrincipalName)}?$select=${EVERY_USER_PROPERTY}`,
        `/v1.0/users/${user.id}?$select=${BOT_SELECT}&$expand=manager`,
      ])
        problems.push(...entityProblems(`GET ${path}`, await graphFetch(graph, path), 'user', { expanded: ['manager'] }));
    }
    expectConforms(problems);
  });

  it('GET /users/{id}/manager: a directoryObject that says it is a user', async () => {
    const problems: string[] = [];
    for (const user of tenant.users.filter((u) => u.managerId).slice(0, 50)) {
      for (const path of [`/v1.0/users/${user.id}/manager`, `/v1.0/users/${user.id}/manager?$select=${EVERY_USER_PROPERTY}`]) {
        const answer = await graphFetch(graph, path);
        problems.push(...entityProblems(`GET ${path}`, answer, 'directoryObject'));
        if (answer.body?.['@odata.type'] !== '#microsoft.graph.user') problems.push(`GET ${path}: no @odata.type naming the user`);
      }
    }
    expectConforms(problems);
  });

  it('GET /users/{id}/mailboxSettings (whole, $select, timeZone) for every member', async () => {
    const problems: string[] = [];
    for (const user of tenant.users.filter((u) => u.timeZone !== null)) {
      const base = `/v1.0/users/${user.id}/mailboxSettings`;
      problems.push(...entityProblems(`GET ${base}`, await graphFetch(graph, base), 'mailboxSettings'));
      const selected = `${base}?$select=timeZone,language,workingHours,dateFormat,timeFormat`;
      problems.push(...entityProblems(`GET ${selected}`, await graphFetch(graph, selected), 'mailboxSettings'));
      const timeZone = await graphFetch(graph, `${base}/timeZone`);
      // A primitive property's value comes as { value }: Edm.String here.
      const { '@odata.context': _context, ...rest } = timeZone.body ?? {};
      if (Object.keys(rest).join() !== 'value' || typeof rest.value !== 'string')
        problems.push(`GET ${base}/timeZone: expected { value: Edm.String }, got ${JSON.stringify(timeZone.body)}`);
    }
    expectConforms(problems);
  });

  it('GET /directoryRoles and every role’s members', async () => {
    const roles = await graphFetch(graph, '/v1.0/directoryRoles');
    const problems = collectionProblems('GET /v1.0/directoryRoles', roles, 'directoryRole');
    for (const role of tenant.directoryRoles) {
      for (const path of [
        `/v1.0/directoryRoles/${role.id}/members`,
        `/v1.0/directoryRoles/roleTemplateId=${role.roleTemplateId}/members`,
      ]) {
        const answer = await graphFetch(graph, path);
        if (answer.status === 404) continue; // the key-by-roleTemplateId form, if not served
        problems.push(...collectionProblems(`GET ${path}`, answer, 'directoryObject'));
      }
      const selected = `/v1.0/directoryRoles/${role.roleTemplateId}/members?$select=id,displayName,userPrincipalName,mailNickname`;
      problems.push(...collectionProblems(`GET ${selected}`, await graphFetch(graph, selected), 'directoryObject'));
    }
    expectConforms(problems);
  });

  it('GET /groups/{id}, its members and transitive members', async () => {
    const problems: string[] = [];
    for (const group of tenant.groups) {
      for (const path of [
        `/v1.0/groups/${group.id}`,
        `/v1.0/groups/${group.id}?$select=id,displayName,description,mailNickname,mail,securityEnabled,mailEnabled,groupTypes`,
      ])
        problems.push(...entityProblems(`GET ${path}`, await graphFetch(graph, path), 'group'));
      for (const list of ['members', 'transitiveMembers']) {
        problems.push(...(await walk(`/v1.0/groups/${group.id}/${list}`, 'directoryObject')));
        problems.push(...(await walk(`/v1.0/groups/${group.id}/${list}?$select=id,displayName,mail,securityEnabled`, 'directoryObject')));
      }
    }
    expect(tenant.groups.map((g) => g.id)).toEqual(expect.arrayContaining([roleGroup.id, outerGroup.id]));
    expectConforms(problems);
  });

  it('memberOf and transitiveMemberOf (plain, $select, casts), also with a token that cannot read roles', async () => {
    const limited = emulatorAccessToken({ roles: ['User.Read.All', 'GroupMember.Read.All'] });
    const problems: string[] = [];
    for (const user of [admin, employee, ...viaGroup]) {
      for (const list of ['memberOf', 'transitiveMemberOf']) {
        const base = `/v1.0/users/${user.id}/${list}`;
        for (const [path, type, headers] of [
          [base, 'directoryObject', {}],
          [`${base}?$select=id,displayName,roleTemplateId,groupTypes`, 'directoryObject', {}],
          [`${base}/microsoft.graph.group?$count=true`, 'group', EVENTUAL],
          [`${base}/microsoft.graph.directoryRole?$count=true`, 'directoryRole', EVENTUAL],
        ] as const) {
          problems.push(...collectionProblems(`GET ${path}`, await graphFetch(graph, path, { headers }), type));
        }
        const answer = await graphFetch(graph, base, { token: limited });
        problems.push(...collectionProblems(`GET ${base} (no role permission)`, answer, 'directoryObject'));
      }
    }
    expectConforms(problems);
  });

  it('POST /users/{id}/checkMemberGroups: a Collection(Edm.String)', async () => {
    const answer = await graphFetch(graph, `/v1.0/users/${admin.id}/checkMemberGroups`, {
      method: 'POST',
      body: { groupIds: tenant.groups.map((g) => g.id) },
    });
    expect(answer.status).toBe(200);
    expectConforms(metadataChecker.check(answer.body.value, 'Collection(Edm.String)'));
  });

  it('the checker catches a made-up property, a wrong type and an unexpanded manager in these very responses', async () => {
    const users = (await graphFetch(graph, `/v1.0/users?$select=${BOT_SELECT}&$top=5`)).body;
    expectTamperingCaught(
      (body) => metadataChecker.checkCollection(body, 'user'),
      users,
      (copy) => {
        copy.value[0].mfaState = 'enforced';
        copy.value[1].accountEnabled = 'yes';
        copy.value[2].manager = { id: admin.id };
      },
      [/unknown property 'mfaState'/, /accountEnabled: expected true or false/, /'manager' is a navigation property of user/],
    );
    const members = (await graphFetch(graph, `/v1.0/groups/${outerGroup.id}/members`)).body;
    expectTamperingCaught(
      (body) => metadataChecker.checkCollection(body, 'directoryObject'),
      members,
      (copy) => {
        copy.value[0]['@odata.type'] = '#microsoft.graph.mailboxSettings';
      },
      [/mailboxSettings is not directoryObject or derived from it/],
    );
  });
});

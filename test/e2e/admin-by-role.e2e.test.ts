import type { ConnectorEmulator, TeamsUser } from '../../emulators/connector';
import { MFA_COACH_ADMINS_GROUP, demoPersonas, generateDemoTenant } from '../../emulators/demo-tenant';
import { databaseChoices, type TestApp } from '../support/app-harness';
import { startEndToEnd, type EndToEnd } from '../support/end-to-end';

jest.setTimeout(60_000);

const tenant = generateDemoTenant({ users: 150 });
const adminGroup = tenant.groups.find((g) => g.displayName === MFA_COACH_ADMINS_GROUP)!;
// Someone who holds a directory role but is not in the admins group: only the role can make them an admin.
const role = tenant.directoryRoles.find((r) => r.memberIds.some((id) => !adminGroup.memberIds.includes(id)))!;
const holderPerson = tenant.users.find((u) => u.id === role.memberIds.find((id) => !adminGroup.memberIds.includes(id)))!;
const holder: TeamsUser = { aadObjectId: holderPerson.id, name: holderPerson.displayName };
const employee: TeamsUser = { aadObjectId: demoPersonas(tenant).employee.id, name: demoPersonas(tenant).employee.displayName };

describe('admins named by directory role, end to end', () => {
  let connector: ConnectorEmulator;
  let harness: TestApp;
  let teams: EndToEnd['teams'];
  let e2e: EndToEnd | undefined;

  beforeAll(async () => {
    e2e = await startEndToEnd({
      tenant,
      database: databaseChoices()[0]!,
      app: { configure: (c) => ({ ...c, posture: { ...c.posture, adminGroupIds: [], adminRoleTemplateIds: [role.roleTemplateId] } }) },
    });
    ({ connector, harness, teams } = e2e);
  });

  afterAll(() => e2e?.stop());

  it(`answers a holder of the role (${role.displayName}) as an admin, and refuses everyone else`, async () => {
    await harness.post(teams.aMessage({ text: 'posture', user: holder }));
    await harness.post(teams.aMessage({ text: 'posture', user: employee }));

    expect(connector.activities(teams.personalConversationId(holder))[0]!.activity.text).toMatch(/no completed scan/);
    expect(JSON.stringify(connector.cards(teams.personalConversationId(employee))[0])).toMatch(/admin/i);
    const audit = await harness.app.database.query<{ actor_id: string; outcome: string }>(
      'SELECT actor_id, outcome FROM audit_log ORDER BY id',
    );
    expect(audit).toEqual([
      { actor_id: holder.aadObjectId, outcome: 'allowed' },
      { actor_id: employee.aadObjectId, outcome: 'refused' },
    ]);
  });
});

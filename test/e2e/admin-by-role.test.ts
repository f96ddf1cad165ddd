import { demoPersonas, generateDemoTenant } from '../../emulators/demo-tenant';
import { databaseChoices } from '../support/app-harness';
import { adminsGroupOf, teamsUser, useEndToEnd } from '../support/end-to-end';

jest.setTimeout(60_000);

const tenant = generateDemoTenant({ users: 150 });
const adminGroup = adminsGroupOf(tenant);
// Someone who holds a directory role but is not in the admins group: only the role can make them an admin.
const role = tenant.directoryRoles.find((r) => r.memberIds.some((id) => !adminGroup.memberIds.includes(id)))!;
const holder = teamsUser(tenant.users.find((u) => u.id === role.memberIds.find((id) => !adminGroup.memberIds.includes(id)))!);
const employee = teamsUser(demoPersonas(tenant).employee);

describe('admins named by directory role, end to end', () => {
  const e2e = useEndToEnd({
    tenant,
    database: databaseChoices()[0]!,
    app: { configure: (c) => ({ ...c, posture: { ...c.posture, adminGroupIds: [], adminRoleTemplateIds: [role.roleTemplateId] } }) },
  });

  it(`answers a holder of the role (${role.displayName}) as an admin, and refuses everyone else`, async () => {
    await e2e.say(holder, 'posture');
    await e2e.say(employee, 'posture');

    expect(e2e.connector.activities(e2e.personal(holder))[0]!.activity.text).toMatch(/no completed scan/);
    expect(JSON.stringify(e2e.cardsTo(employee)[0])).toMatch(/admin/i);
    const audit = await e2e.auditTrail();
    expect(audit.map(({ actorId, outcome }) => ({ actorId, outcome }))).toEqual([
      { actorId: holder.aadObjectId, outcome: 'allowed' },
      { actorId: employee.aadObjectId, outcome: 'refused' },
    ]);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { permissionTable, withPermissionTable } from '../../../scripts/permissions-doc';
import { GraphFailure } from '../../../src/adapters/graph/graph-failure';
import { GRAPH_PERMISSIONS, GRAPH_PERMISSION_NAMES } from '../../../src/adapters/graph/graph-permissions';

const root = join(__dirname, '..', '..', '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

describe('the Graph permissions: one list in the code, the same everywhere', () => {
  it("is the README's table (run `npm run docs:permissions` after changing the list)", () => {
    const readme = read('README.md');
    expect(withPermissionTable(readme)).toBe(readme);
    for (const name of GRAPH_PERMISSION_NAMES) expect(permissionTable()).toContain(`\`${name}\``);
  });

  it('is what the Agents Toolkit project tells the administrator to grant', () => {
    const project = read('m365agents.yml');
    for (const name of GRAPH_PERMISSION_NAMES) expect(project).toContain(name);
  });

  it('says for each permission why, what breaks without it and when it is needed', () => {
    for (const permission of GRAPH_PERMISSIONS) {
      expect(permission.why.length).toBeGreaterThan(20);
      expect(permission.withoutIt.length).toBeGreaterThan(20);
      expect(permission.neededWhen).toMatch(/^(always|with |for `)/);
    }
    const everyFeature = { adminRoles: true, perUserMethods: true, proactiveInstall: true, policyAdmins: true };
    const noFeature = { adminRoles: false, perUserMethods: false, proactiveInstall: false, policyAdmins: false };
    expect(GRAPH_PERMISSIONS.filter((p) => p.needed(everyFeature)).map((p) => p.name)).toEqual(GRAPH_PERMISSION_NAMES);
    expect(GRAPH_PERMISSIONS.filter((p) => !p.needed(noFeature)).map((p) => p.name)).toEqual([
      'RoleManagement.Read.Directory',
      'TeamsAppInstallation.ReadWriteSelfForUser.All',
      'Policy.ReadWrite.AuthenticationMethod',
    ]);
  });

  it.each([
    ['GET /reports/authenticationMethods/userRegistrationDetails', 'AuditLog.Read.All'],
    ['GET /users/u1/authentication/methods', 'UserAuthenticationMethod.Read.All'],
    ['GET /users/u1/transitiveMemberOf/microsoft.graph.directoryRole', 'RoleManagement.Read.Directory'],
    ['GET /directoryRoles', 'RoleManagement.Read.Directory'],
    ['GET /users/u1/mailboxSettings/timeZone', 'MailboxSettings.Read'],
    ['POST /users/u1/teamwork/installedApps', 'TeamsAppInstallation.ReadWriteSelfForUser.All'],
    ['POST /users/u1/checkMemberGroups', 'GroupMember.Read.All'],
    ['GET /groups/g1/transitiveMembers', 'GroupMember.Read.All'],
    ['GET /users', 'User.Read.All'],
    ['GET /identity/conditionalAccess/policies', 'Policy.Read.All'],
    ['GET /policies/identitySecurityDefaultsEnforcementPolicy', 'Policy.Read.All'],
    ['GET /policies/authenticationMethodsPolicy', 'Policy.Read.AuthenticationMethod'],
    ['PATCH /policies/authenticationMethodsPolicy', 'Policy.ReadWrite.AuthenticationMethod'],
  ])("a 403 on %s names %s, one of the list's", (operation, permission) => {
    const failure = new GraphFailure({ kind: 'forbidden', operation, status: 403, code: 'Authorization_RequestDenied' });
    expect(failure.message).toContain(`Check that the app has ${permission}`);
    expect(GRAPH_PERMISSION_NAMES).toContain(permission);
  });
});

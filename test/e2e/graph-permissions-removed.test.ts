import type { TeamsUser } from '../../emulators/connector';
import { demoPersonas, generateDemoTenant } from '../../emulators/demo-tenant';
import { GRAPH_PERMISSION_NAMES } from '../../src/adapters/graph/graph-permissions';
import { databaseChoices } from '../support/app-harness';
import { eventually } from '../support/eventually';
import { adminsGroupOf, cardParts, teamsUser, useEndToEnd, type EndToEndSuite } from '../support/end-to-end';

jest.setTimeout(90_000);

/**
 * Each Graph permission the README lists, taken away in turn from the bot's token: what the bot then does and says.
 * The emulator refuses as Graph does (403 with Graph's error), so each outcome here is one an admin would meet.
 */
const tenant = generateDemoTenant({ users: 120 });
const { admin: adminPerson, employee: employeePerson } = demoPersonas(tenant);
const admin = teamsUser(adminPerson);
const adminGroup = adminsGroupOf(tenant);
// Someone who is an admin by directory role only, not through the admins group.
const role = tenant.directoryRoles.find((r) => r.memberIds.some((id) => !adminGroup.memberIds.includes(id)))!;
const holder = teamsUser(tenant.users.find((u) => u.id === role.memberIds.find((id) => !adminGroup.memberIds.includes(id)))!);
// Someone who never opened MFA Coach: a nudge must install it for them first.
const stranger = tenant.users.find(
  (u) => u.accountEnabled && u.userType === 'Member' && ![adminPerson.id, employeePerson.id, holder.aadObjectId].includes(u.id),
)!;

/** Everything the bot said to this person in their 1:1 chat: message texts and the cards' texts. */
const saidTo = (e2e: EndToEndSuite, user: TeamsUser) =>
  e2e.connector
    .activities(e2e.personal(user))
    .flatMap((a) => [a.activity.text, ...cardParts(a.activity.attachments).map((part) => part.text)])
    .filter((t): t is string => typeof t === 'string')
    .join(' ')
    .replace(/\\/g, '');

async function scanAs(e2e: EndToEndSuite, user: TeamsUser): Promise<string> {
  e2e.connector.clear();
  await e2e.say(user, '/scan');
  await eventually('the scan ends', () => /Scan finished|The scan stopped|can't check/.test(saidTo(e2e, user)));
  return saidTo(e2e, user);
}

async function nudge(e2e: EndToEndSuite, upn: string): Promise<string> {
  e2e.connector.clear();
  await e2e.say(admin, `nudge ${upn} force`);
  return saidTo(e2e, admin);
}

const NOT_PERMITTED_ADMIN_CHECK = /can't check who is an admin: Microsoft Graph refused MFA Coach the permission .*npm run doctor/;

const CASES: { revoked: string[]; outcome: string; check: (e2e: EndToEndSuite) => Promise<void> }[] = [
  {
    revoked: ['AuditLog.Read.All'],
    outcome: 'scans still read the report: UserAuthenticationMethod.Read.All, a higher permission, opens it too',
    check: async (e2e) => expect(await scanAs(e2e, admin)).toContain('Scan finished'),
  },
  {
    revoked: ['AuditLog.Read.All', 'UserAuthenticationMethod.Read.All'],
    outcome: 'the scan stops naming AuditLog.Read.All and keeps the previous figures; a nudge says the methods cannot be read',
    check: async (e2e) => {
      const scan = await scanAs(e2e, admin);
      expect(scan).toContain('The scan stopped');
      expect(scan).toContain('403');
      expect(e2e.harness.logs.text()).toContain('AuditLog.Read.All');
      expect(await nudge(e2e, employeePerson.userPrincipalName)).toContain(
        'refused MFA Coach the permission to read them (UserAuthenticationMethod.Read.All',
      );
    },
  },
  {
    // Directory.Read.All (for the sign-in log) opens the same calls: both go, or nothing is refused.
    revoked: ['User.Read.All', 'Directory.Read.All'],
    outcome: 'admin commands answer that the admin check was refused, and say how to see why',
    check: async (e2e) => {
      await e2e.say(admin, 'posture');
      expect(saidTo(e2e, admin)).toMatch(NOT_PERMITTED_ADMIN_CHECK);
    },
  },
  {
    // Directory.Read.All (for the sign-in log) opens the same calls: both go, or nothing is refused.
    revoked: ['GroupMember.Read.All', 'Directory.Read.All'],
    outcome: 'admin commands answer that the admin check was refused, and say how to see why',
    check: async (e2e) => {
      await e2e.say(admin, 'posture');
      expect(saidTo(e2e, admin)).toMatch(NOT_PERMITTED_ADMIN_CHECK);
    },
  },
  {
    // Directory.Read.All (for the sign-in log) opens the same calls: both go, or nothing is refused.
    revoked: ['RoleManagement.Read.Directory', 'Directory.Read.All'],
    outcome: 'a role holder is told the check was refused (not that they are no admin); group admins go on',
    check: async (e2e) => {
      await e2e.say(holder, 'posture');
      expect(saidTo(e2e, holder)).toMatch(NOT_PERMITTED_ADMIN_CHECK);
      expect(await scanAs(e2e, admin)).toContain('Scan finished');
    },
  },
  {
    revoked: ['UserAuthenticationMethod.Read.All'],
    outcome: 'scans go on; a nudge needs the live check and says the permission is missing, and sends nothing',
    check: async (e2e) => {
      expect(await scanAs(e2e, admin)).toContain('Scan finished');
      expect(await nudge(e2e, employeePerson.userPrincipalName)).toMatch(/refused MFA Coach the permission .* Nothing was sent/);
      expect(e2e.connector.cards(e2e.personal(teamsUser(employeePerson)))).toHaveLength(0);
    },
  },
  {
    revoked: ['TeamsAppInstallation.ReadWriteSelfForUser.All'],
    outcome: 'someone without MFA Coach cannot be reached and the admin is told why; people who have it still get nudges',
    check: async (e2e) => {
      expect(await nudge(e2e, stranger.userPrincipalName)).toMatch(/could not install it: Graph answered 403/);
      expect(await nudge(e2e, employeePerson.userPrincipalName)).toContain('Sent');
    },
  },
  {
    revoked: ['MailboxSettings.Read'],
    outcome: "nudges still go, in the tenant's default time zone",
    check: async (e2e) => expect(await nudge(e2e, employeePerson.userPrincipalName)).toContain('Sent'),
  },
  {
    revoked: ['Directory.Read.All'],
    outcome: 'scans go on; `smtp` says the sign-in log needs Directory.Read.All and points to the Exchange admin center report',
    check: async (e2e) => {
      expect(await scanAs(e2e, admin)).toContain('Scan finished');
      await e2e.say(admin, 'smtp');
      expect(saidTo(e2e, admin)).toMatch(/refused MFA Coach.*Grant .*Directory\.Read\.All/);
      expect(saidTo(e2e, admin)).toContain('SMTP AUTH clients');
    },
  },
  {
    revoked: ['Policy.Read.All'],
    outcome: '`policy` says it cannot read who must use MFA, naming the permission; the campaign still reads with its own',
    check: async (e2e) => {
      await e2e.say(admin, 'policy');
      expect(saidTo(e2e, admin)).toMatch(/Who must use MFA: not read\. .*MFA Coach lacks Policy\.Read\.All/);
      expect(saidTo(e2e, admin)).toContain('Registration campaign: Microsoft managed');
    },
  },
  {
    // The write permission also opens the read: without all three, nothing of the campaign can be read.
    revoked: ['Policy.Read.All', 'Policy.Read.AuthenticationMethod', 'Policy.ReadWrite.AuthenticationMethod'],
    outcome: '`policy` says which permission each part needs, and still says how Entra and MFA Coach fit together',
    check: async (e2e) => {
      await e2e.say(admin, 'policy');
      expect(saidTo(e2e, admin)).toMatch(/Registration campaign: not read\. .*MFA Coach lacks Policy\.Read\.AuthenticationMethod/);
      expect(saidTo(e2e, admin)).toContain('MFA Coach reaches them in Teams');
    },
  },
];

describe.each(CASES)('without $revoked: $outcome', ({ revoked, check }) => {
  const e2e = useEndToEnd(
    {
      tenant,
      database: databaseChoices()[0]!,
      // Scans and live checks share the reports budget; this test is about permissions, not pace.
      graph: { throttle: { reports: null } },
      app: {
        revokedGraphPermissions: revoked,
        overrides: { reportsBudget: { limit: 1000, windowMs: 1000 } },
        configure: (c) => ({
          ...c,
          posture: { ...c.posture, adminGroupIds: [adminGroup.id], adminRoleTemplateIds: [role.roleTemplateId] },
          nudges: { ...c.nudges, teamsAppCatalogId: tenant.teamsAppId },
        }),
      },
    },
    { installFor: [admin, teamsUser(employeePerson), holder] },
  );

  it('answers clearly, and never as if Graph had not answered', async () => {
    await check(e2e);
    expect(saidTo(e2e, admin) + saidTo(e2e, holder)).not.toMatch(/didn't answer|did not answer/);
    expect(e2e.harness.logs.text()).not.toMatch(/"level":50/);
  });
});

describe('the permissions the README lists', () => {
  it('are each taken away in one case above', () => {
    expect(new Set(CASES.flatMap((c) => c.revoked))).toEqual(new Set(GRAPH_PERMISSION_NAMES));
  });
});

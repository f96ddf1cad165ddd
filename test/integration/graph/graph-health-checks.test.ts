import { generateDemoTenant, MFA_COACH_ADMINS_GROUP } from '../../../emulators/demo-tenant';
import { emulatorAccessToken } from '../../../emulators/graph/emulator-token';
import { createGraphClient } from '../../../src/adapters/graph/graph-client';
import { graphHealthChecks, type GraphProbeSettings } from '../../../src/adapters/graph/graph-health-checks';
import { graphPermissionCheck } from '../../../src/adapters/graph/graph-permission-check';
import { GRAPH_PERMISSION_NAMES } from '../../../src/adapters/graph/graph-permissions';
import { RequestPacer } from '../../../src/adapters/request-pacer';
import { runDoctor, type CheckOutcome, type DoctorReport } from '../../../src/use-cases/run-doctor';
import { useGraphEmulator } from '../../emulators/graph/use-graph-emulator';

const tenant = generateDemoTenant({ users: 20 });
const adminsGroup = tenant.groups.find((g) => g.displayName === MFA_COACH_ADMINS_GROUP)!.id;

/** The production settings' shape: admins by group, the report, proactive install on. */
const SETTINGS: GraphProbeSettings = {
  needs: { adminRoles: false, perUserMethods: false, proactiveInstall: true },
  registrationSource: 'report',
  groupIds: [adminsGroup],
  teamsAppCatalogId: tenant.teamsAppId,
};

const tokenWithout = (revoked: readonly string[]) =>
  emulatorAccessToken({ tenantId: tenant.tenantId, roles: GRAPH_PERMISSION_NAMES.filter((name) => !revoked.includes(name)) });

/** Check 1 and check 2 as the doctor runs them, against this emulator, with the app's token. */
function doctorOn(url: string, token: string, settings: Partial<GraphProbeSettings> = {}): Promise<DoctorReport> {
  const all = { ...SETTINGS, ...settings };
  const source = async () => token;
  return runDoctor([graphPermissionCheck(source, all.needs), ...graphHealthChecks(createGraphClient(url, source), source, all)]);
}

const named = (report: DoctorReport, name: string): CheckOutcome => {
  const check = report.checks.find((c) => c.name === name);
  if (!check) throw new Error(`no check named ${name}: ${report.checks.map((c) => c.name).join(', ')}`);
  return check;
};

describe('the Graph health checks, against the Graph emulator', () => {
  const graph = useGraphEmulator({ tenant, logNotImplemented: false });

  it('with every permission granted: all ok, one request per call the bot makes, nothing written', async () => {
    const report = await doctorOn(graph.url, tokenWithout([]));
    expect(report.checks.filter((c) => c.status !== 'ok')).toEqual([]);
    expect(report.status).toBe('ok');
    expect(named(report, 'Graph permissions').summary).toBe('all 9 needed permissions granted (of 11 listed)');
    expect(named(report, 'Graph: directory roles').summary).toBe('not sent: not needed with these settings');
    const byRoute = graph.stats().requestsByRoute;
    expect(Object.keys(byRoute).sort()).toEqual(
      [
        'GET /reports/authenticationMethods/userRegistrationDetails',
        'GET /users',
        'GET /users/{id}/authentication/methods',
        'GET /users/{id}/mailboxSettings/timeZone',
        'GET /users/{id}/transitiveMemberOf/{cast}',
        'POST /users/{id}/checkMemberGroups',
        'GET /users/{id}/teamwork/installedApps',
      ].sort(),
    );
    expect(Object.values(byRoute).every((count) => count === 1)).toBe(true);
    // Only asked: nothing installed for anyone.
    expect(tenant.users.every((u) => graph.state.installationsOf(u.id).length === 0)).toBe(true);
  });

  it('with AuditLog.Read.All revoked: the permission check fails naming it, what stops working and what to do', async () => {
    const report = await doctorOn(graph.url, tokenWithout(['AuditLog.Read.All']));
    const permissions = named(report, 'Graph permissions');
    expect(permissions).toMatchObject({
      status: 'fail',
      summary:
        "missing: AuditLog.Read.All (AuditLog.Read.All's calls still answer through UserAuthenticationMethod.Read.All, a higher permission)",
    });
    expect(permissions.impact).toContain('scans fail with 403');
    expect(permissions.fix).toContain('grant the Microsoft Graph application permission AuditLog.Read.All');
    expect(permissions.details?.find((d) => d.label === 'AuditLog.Read.All')).toMatchObject({ status: 'fail' });
    expect(permissions.details?.find((d) => d.label === 'User.Read.All')).toMatchObject({ status: 'ok' });
    expect(report.status).toBe('fail');
  });

  it('with neither AuditLog.Read.All nor UserAuthenticationMethod.Read.All, Graph refuses the report and the live methods, naming each', async () => {
    const report = await doctorOn(graph.url, tokenWithout(['AuditLog.Read.All', 'UserAuthenticationMethod.Read.All']));
    expect(named(report, 'Graph: registration report')).toMatchObject({
      status: 'fail',
      summary: 'refused (403 Authorization_RequestDenied): the app lacks AuditLog.Read.All',
    });
    expect(named(report, "Graph: a person's methods")).toMatchObject({
      status: 'fail',
      summary: 'refused (403 Authorization_RequestDenied): the app lacks UserAuthenticationMethod.Read.All',
    });
  });

  it.each([
    ['User.Read.All', 'Graph: users'],
    ['GroupMember.Read.All', 'Graph: admin group membership'],
    ['TeamsAppInstallation.ReadWriteSelfForUser.All', 'Graph: Teams app catalog id'],
  ])('without %s, "%s" fails naming it', async (permission, probe) => {
    // Directory.Read.All, which MFA Coach holds for the sign-in log, opens the users and groups calls too: it goes as well.
    const report = await doctorOn(graph.url, tokenWithout([permission, 'Directory.Read.All']));
    const check = named(report, probe);
    expect(check.status).toBe('fail');
    expect(check.summary).toContain(`the app lacks ${permission}`);
    expect(named(report, 'Graph permissions').summary).toContain(permission);
  });

  it('without MailboxSettings.Read, the time zone check warns naming it: nudges only fall back to the default zone', async () => {
    const report = await doctorOn(graph.url, tokenWithout(['MailboxSettings.Read']));
    expect(named(report, "Graph: a person's time zone")).toMatchObject({
      status: 'warn',
      summary: expect.stringContaining('the app lacks MailboxSettings.Read'),
    });
    expect(named(report, 'Graph permissions')).toMatchObject({ status: 'warn', summary: 'missing: MailboxSettings.Read' });
    expect(report.status).toBe('warn');
  });

  it('asks for the directory roles when admins are recognised by role, and says which permission that needs', async () => {
    const needs = { adminRoles: true, perUserMethods: false, proactiveInstall: true };
    expect(named(await doctorOn(graph.url, tokenWithout([]), { needs }), 'Graph: directory roles')).toMatchObject({
      status: 'ok',
      summary: expect.stringMatching(/^answered: \d+ activated roles$/),
    });
    const without = await doctorOn(graph.url, tokenWithout(['RoleManagement.Read.Directory', 'Directory.Read.All']), { needs });
    expect(named(without, 'Graph: directory roles').summary).toContain('the app lacks RoleManagement.Read.Directory');
    expect(named(without, 'Graph permissions').summary).toBe('missing: RoleManagement.Read.Directory, Directory.Read.All');
    // With Directory.Read.All (the sign-in log's) still granted, the roles answer through it, and the check says so.
    const covered = await doctorOn(graph.url, tokenWithout(['RoleManagement.Read.Directory']), { needs });
    expect(named(covered, 'Graph: directory roles').summary).toMatch(/^answered: \d+ activated roles$/);
    expect(named(covered, 'Graph permissions').summary).toBe(
      "missing: RoleManagement.Read.Directory (RoleManagement.Read.Directory's calls still answer through Directory.Read.All, a higher permission)",
    );
  });

  it("says when it cannot read the token's permissions, and Graph's refusal of such a token", async () => {
    const report = await doctorOn(graph.url, 'not-a-jwt');
    expect(named(report, 'Graph permissions')).toMatchObject({
      status: 'warn',
      summary: expect.stringContaining("cannot read the token's permissions"),
    });
    expect(named(report, 'Graph: users')).toMatchObject({
      status: 'fail',
      summary: 'the token was refused (401 InvalidAuthenticationToken)',
    });
  });

  it('takes its turn in the reports budget a scan is using, rather than spending it: "not sent", a warning', async () => {
    const busy = new RequestPacer({ limit: 1, windowMs: 60_000 });
    await busy.acquire();
    const report = await doctorOn(graph.url, tokenWithout([]), { reportsPacer: busy });
    expect(named(report, 'Graph: registration report')).toMatchObject({
      status: 'warn',
      summary: "not sent: a scan is using the tenant's reports budget",
    });
    expect(graph.stats().requestsByRoute['GET /reports/authenticationMethods/userRegistrationDetails']).toBeUndefined();
  });

  it('never puts the token in what it reports', async () => {
    const token = tokenWithout(['AuditLog.Read.All', 'MailboxSettings.Read']);
    const report = await doctorOn(graph.url, token);
    const words = JSON.stringify(report);
    for (const part of token.split('.').filter((p) => p.length > 8)) expect(words).not.toContain(part);
  });
});

describe('the Graph health checks, in a tenant without Entra ID P1 or P2', () => {
  const graph = useGraphEmulator({ tenant, entraIdPremium: false, logNotImplemented: false });

  it('says the registration report needs P1 or P2 and that scans use the slower per-user mode instead', async () => {
    const check = named(await doctorOn(graph.url, tokenWithout([])), 'Graph: registration report');
    expect(check.status).toBe('warn');
    expect(check.summary).toContain('needs Entra ID P1 or P2; MFA Coach is using the slower per-user mode');
    expect(check.summary).toContain('Authentication_RequestFromNonPremiumTenantOrB2CTenant');
  });

  it('is content with per-user methods, which need no report', async () => {
    const needs = { adminRoles: false, perUserMethods: true, proactiveInstall: true };
    const report = await doctorOn(graph.url, tokenWithout([]), { needs, registrationSource: 'perUserMethods' });
    expect(named(report, 'Graph: registration report').status).toBe('ok');
    expect(report.status).toBe('ok');
  });
});

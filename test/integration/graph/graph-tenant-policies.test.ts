import { CONDITIONAL_ACCESS_POLICY_IDS, generateDemoTenant, MFA_EXCLUSIONS_GROUP } from '../../../emulators/demo-tenant';
import { policyReportLines } from '../../../src/domain/policy/policy-report';
import { readTenantPolicies } from '../../../src/use-cases/read-tenant-policies';
import { useGraphEmulator } from '../../emulators/graph/use-graph-emulator';
import { scannedPeople } from '../../fakes/scanned-people';
import { tenantPoliciesOn } from './tenant-policies-harness';

const tenant = generateDemoTenant({ users: 120 });
const exclusions = tenant.groups.find((g) => g.displayName === MFA_EXCLUSIONS_GROUP)!;
const requireMfa = tenant.policies.conditionalAccessPolicies.find((p) => p.id === CONDITIONAL_ACCESS_POLICY_IDS.requireMfaForAllUsers)!;
const breakGlass = tenant.users.find((u) => u.id === requireMfa.conditions.users.excludeUsers[0])!;
const privilegedRoles = tenant.directoryRoles.filter((r) => r.isPrivileged);
const enabledMembers = tenant.users.filter((u) => u.accountEnabled && u.userType === 'Member');
// The scan's people, as the posture store keeps them.
const scan = () =>
  scannedPeople(
    tenant.users.map((u) => ({
      id: u.id,
      displayName: u.displayName,
      userType: u.userType === 'Guest' ? ('guest' as const) : ('member' as const),
      accountEnabled: u.accountEnabled,
    })),
  );

// Every permission that opens a policy read: the write one covers reading the registration campaign too.
const POLICY_PERMISSIONS = ['Policy.Read.All', 'Policy.Read.AuthenticationMethod', 'Policy.ReadWrite.AuthenticationMethod'];

describe('the tenant policies on Graph, against the Graph emulator and the demo tenant', () => {
  const graph = useGraphEmulator({ tenant, logNotImplemented: false });
  const policiesWith = (revoked: readonly string[] = []) => tenantPoliciesOn(graph.url, tenant.tenantId, revoked);

  it('reads every Conditional Access policy, security defaults and the registration campaign, on v1.0', async () => {
    const policies = policiesWith();
    const [ca, defaults, campaign] = await Promise.all([
      policies.conditionalAccessPolicies(),
      policies.securityDefaultsEnabled(),
      policies.registrationCampaign(),
    ]);
    expect(ca.ok && ca.value.map((p) => [p.name, p.state])).toEqual([
      ['Require MFA for all users', 'on'],
      ['Require phishing-resistant MFA for administrators', 'on'],
      ['Block legacy authentication', 'reportOnly'],
      ['Require MFA for guests and external users', 'off'],
    ]);
    expect(ca.ok && ca.value[0]!.users.exclude).toMatchObject({ users: [breakGlass.id], groups: [exclusions.id] });
    expect(defaults).toEqual({ ok: true, value: false });
    // Microsoft managed is Graph's `default`; the snooze limit is beta only, so v1.0 does not report it.
    expect(campaign).toEqual({
      ok: true,
      value: {
        state: 'microsoftManaged',
        snoozeDays: 1,
        limitedSnoozes: null,
        includes: [{ kind: 'allUsers', id: 'all_users', method: 'microsoftAuthenticator' }],
        excludes: [],
        unknowns: [],
      },
    });
  });

  it('reads the members of the groups and the holders of the roles it is asked about, and no others', async () => {
    const policies = policiesWith();
    expect(await policies.groups([exclusions.id, 'a7c1e9f0-0000-4000-8000-00000000dead'])).toEqual({
      ok: true,
      value: [
        { id: exclusions.id, displayName: MFA_EXCLUSIONS_GROUP, memberIds: exclusions.memberIds },
        // A group deleted since the policy named it: no name, no members.
        { id: 'a7c1e9f0-0000-4000-8000-00000000dead' },
      ],
    });
    const holders = await policies.roleHolders(privilegedRoles.map((r) => r.roleTemplateId.toUpperCase()));
    expect(holders.ok && Object.fromEntries(holders.value)).toEqual(
      Object.fromEntries(privilegedRoles.map((r) => [r.roleTemplateId, r.memberIds])),
    );
    expect((holders.ok && holders.value.get(privilegedRoles[0]!.roleTemplateId)) || []).toContain(breakGlass.id);
    const byRoute = graph.stats().requestsByRoute;
    expect(byRoute['GET /directoryRoles']).toBe(1);
    expect(byRoute['GET /directoryRoles/{id}/members']).toBe(privilegedRoles.length);
    expect(byRoute['GET /users']).toBeUndefined();
  });

  it('counts the people the demo tenant leaves out: the "MFA exclusions" group and the break-glass account', async () => {
    const report = await readTenantPolicies({ policies: policiesWith(), people: scan() });
    expect(report.requirement.read).toBe(true);
    if (!report.requirement.read) return;
    const people = report.requirement.people!;
    expect(people.enabled).toBe(enabledMembers.length);
    expect(people.leftOut).toBe(exclusions.memberIds.length + 1);
    expect([...people.leftOutIds].sort()).toEqual([...exclusions.memberIds, breakGlass.id].sort());
    const percent = Math.floor(((enabledMembers.length - people.leftOut) * 100) / enabledMembers.length);
    const lines = policyReportLines(report);
    expect(lines.requirement[0]).toBe(`MFA required for ${percent}% by Conditional Access; ${people.leftOut} people excluded`);
    expect(lines.requirement).toContain(
      `Counts: "Require MFA for all users" requires MFA for all users, excluding 1 user (${breakGlass.displayName}), 1 group (${MFA_EXCLUSIONS_GROUP})`,
    );
    expect(lines.requirement).toContain(`Left out by excluded group ${MFA_EXCLUSIONS_GROUP}: ${exclusions.memberIds.length} people`);
    expect(lines.requirement).toContain('Excluded by name: 1 person');
    expect(lines.requirement).toContain('Report-only, not enforced: "Block legacy authentication"');
    expect(lines.requirement).toContain('Disabled, not enforced: "Require MFA for guests and external users" (would count if turned on)');
    expect(lines.campaign[0]).toBe(
      'Registration campaign: Microsoft managed (Microsoft turns it on for people who sign in with text messages or phone calls), asks for Microsoft Authenticator, snooze 1 day',
    );
    expect(lines.campaign).toContain('Snooze limit: not reported (Graph shows it in beta only)');
    // Only the groups and roles the counting policies name are read: not the directory.
    const byRoute = graph.stats().requestsByRoute;
    expect(byRoute['GET /groups/{id}/transitiveMembers']).toBe(1);
    expect(byRoute['GET /users']).toBeUndefined();
  });

  it('without Policy.Read.All: Conditional Access and security defaults are refused, naming it; the campaign still reads', async () => {
    const policies = policiesWith(['Policy.Read.All']);
    expect(await policies.conditionalAccessPolicies()).toMatchObject({ ok: false, reason: 'notPermitted', permission: 'Policy.Read.All' });
    expect(await policies.securityDefaultsEnabled()).toMatchObject({ ok: false, reason: 'notPermitted', permission: 'Policy.Read.All' });
    expect(await policies.registrationCampaign()).toMatchObject({ ok: true, value: { state: 'microsoftManaged' } });

    const lines = policyReportLines(await readTenantPolicies({ policies, people: scan() }));
    expect(lines.requirement).toEqual([expect.stringMatching(/^Who must use MFA: not read\. .*403 AccessDenied.*lacks Policy\.Read\.All/)]);
    expect(lines.campaign[0]).toMatch(/^Registration campaign: Microsoft managed/);
  });

  it('without any policy permission: all three are refused, each naming its permission, and nothing throws', async () => {
    const report = await readTenantPolicies({ policies: policiesWith(POLICY_PERMISSIONS), people: scan() });
    expect(report.requirement).toMatchObject({ read: false, failure: { reason: 'notPermitted', permission: 'Policy.Read.All' } });
    expect(report.campaign).toMatchObject({
      read: false,
      failure: { reason: 'notPermitted', permission: 'Policy.Read.AuthenticationMethod' },
    });
    const lines = policyReportLines(report);
    expect(lines.campaign).toEqual([expect.stringContaining('MFA Coach lacks Policy.Read.AuthenticationMethod')]);
    expect(lines.together).toMatch(/MFA Coach reaches them/);
  });

  it('without GroupMember.Read.All: the policies read, the people left out are not counted, and the note says why', async () => {
    // Directory.Read.All, which MFA Coach holds for the sign-in log, opens the groups too: it goes as well.
    const policies = policiesWith(['GroupMember.Read.All', 'Directory.Read.All']);
    expect(await policies.groups([exclusions.id])).toMatchObject({ ok: false, permission: 'GroupMember.Read.All' });
    expect(await policies.groupNames([exclusions.id])).toEqual(new Map());
    const report = await readTenantPolicies({ policies, people: scan() });
    expect(report.requirement).toMatchObject({ read: true });
    const lines = policyReportLines(report);
    expect(lines.requirement[0]).toBe('MFA required for all users by Conditional Access; excluded: 1 user, 1 group');
    expect(lines.requirement.at(-1)).toMatch(/^People left out: not counted\. .*lacks GroupMember\.Read\.All/);
  });
});

import { policyReportLines, postureRequirementLine } from '../../../src/domain/policy/policy-report';
import type { RegistrationCampaign } from '../../../src/domain/policy/registration-campaign';
import type { PolicyReadFailure, TenantPolicies } from '../../../src/domain/ports/tenant-policies';
import { readMfaRequirement, readTenantPolicies } from '../../../src/use-cases/read-tenant-policies';
import { scannedPeople, type ScannedPerson } from '../../fakes/scanned-people';
import { allUsers, GLOBAL_ADMIN, HELPDESK_ADMIN, only, PHISHING_RESISTANT, policy } from '../domain/policy/policy-fixtures';

const refused = (permission: string): PolicyReadFailure => ({
  reason: 'notPermitted',
  permission,
  detail: `Microsoft Graph refused (403 Authorization_RequestDenied): MFA Coach lacks ${permission}`,
});
const failed: PolicyReadFailure = { reason: 'failed', detail: 'Microsoft Graph GET /identity/conditionalAccess/policies failed: 503' };
const no = (failure: PolicyReadFailure) => ({ ok: false as const, ...failure });
const yes = <T>(value: T) => ({ ok: true as const, value });

const CAMPAIGN: RegistrationCampaign = {
  state: 'enabled',
  snoozeDays: 3,
  limitedSnoozes: null,
  includes: [{ kind: 'group', id: 'g-pilot', method: 'microsoftAuthenticator' }],
  excludes: [{ kind: 'user', id: 'u-ceo' }],
  unknowns: [],
};

/** The port as a test sets it up: each read answers what it is given, and every call is written down. */
function fakePolicies(answers: Partial<TenantPolicies> = {}): TenantPolicies & { calls: string[] } {
  const calls: string[] = [];
  const log =
    <A extends unknown[], R>(name: string, fn: (...args: A) => Promise<R>) =>
    (...args: A) => {
      calls.push(`${name}(${args.map((a) => JSON.stringify(a)).join(', ')})`);
      return fn(...args);
    };
  return {
    calls,
    conditionalAccessPolicies: log('conditionalAccessPolicies', answers.conditionalAccessPolicies ?? (async () => yes([policy()]))),
    securityDefaultsEnabled: log('securityDefaultsEnabled', answers.securityDefaultsEnabled ?? (async () => yes(false))),
    registrationCampaign: log('registrationCampaign', answers.registrationCampaign ?? (async () => yes(CAMPAIGN))),
    groups: log('groups', answers.groups ?? (async (ids) => yes(ids.map((id) => ({ id, displayName: `Group ${id}`, memberIds: [] }))))),
    groupNames: log('groupNames', answers.groupNames ?? (async (ids) => new Map(ids.map((id) => [id, `Group ${id}`])))),
    roleHolders: log('roleHolders', answers.roleHolders ?? (async () => yes(new Map()))),
  };
}

const PEOPLE: ScannedPerson[] = [
  { id: 'u-ana', displayName: 'Ana' },
  { id: 'u-ben', displayName: 'Ben' },
  { id: 'u-cy', displayName: 'Cy' },
  { id: 'u-dee', displayName: 'Dee' },
  { id: 'u-ceo', displayName: 'The CEO' },
  { id: 'u-glass', displayName: 'Break glass' },
  { id: 'u-gone', displayName: 'Left last year', accountEnabled: false },
  { id: 'u-guest', displayName: 'A guest', userType: 'guest' },
];

describe("reading who must use MFA alone, for posture's line", () => {
  it('reads Conditional Access, security defaults and the groups they exclude, and never the registration campaign', async () => {
    const policies = fakePolicies({
      conditionalAccessPolicies: async () => yes([policy({ users: allUsers({ groups: ['g-excluded'] }) })]),
      groups: async (ids) => yes(ids.map((id) => ({ id, displayName: 'MFA exclusions', memberIds: ['u-ben'] }))),
    });

    const requirement = await readMfaRequirement({ policies, people: scannedPeople(PEOPLE) });

    expect(postureRequirementLine(requirement).text).toBe('MFA required for 83% by Conditional Access; 1 person excluded');
    expect(policies.calls.some((call) => call.startsWith('registrationCampaign'))).toBe(false);
    expect(policies.calls.some((call) => call.startsWith('groupNames'))).toBe(false);
  });
});

describe('reading the tenant policies for `policy`', () => {
  it('counts the enabled members left out, reading only the groups and roles the counting policies name', async () => {
    const policies = fakePolicies({
      conditionalAccessPolicies: async () =>
        yes([
          policy({ name: 'MFA for all', users: allUsers({ users: ['u-glass'], groups: ['g-excluded'] }) }),
          // Admins come back in: Cy is in the excluded group but holds an admin role this policy covers.
          policy({
            id: 'p-admins',
            name: 'Admins',
            users: only({ roles: [GLOBAL_ADMIN] }, { users: ['u-glass'] }),
            grant: { operator: 'OR', controls: [], strength: PHISHING_RESISTANT, otherControls: 0 },
          }),
          policy({ id: 'p-report', name: 'Report only', state: 'reportOnly', users: only({ groups: ['g-never-read'] }) }),
        ]),
      groups: async (ids) =>
        yes(ids.map((id) => ({ id, displayName: 'MFA exclusions', memberIds: ['u-ben', 'u-cy', 'u-gone', 'u-guest'] }))),
      roleHolders: async () => yes(new Map([[GLOBAL_ADMIN, ['u-cy', 'u-glass']]])),
    });
    const report = await readTenantPolicies({ policies, people: scannedPeople(PEOPLE) });

    expect(policies.calls).toEqual(
      expect.arrayContaining([`groups(["g-excluded"])`, `roleHolders(["${GLOBAL_ADMIN}"])`, `groupNames(["g-pilot"])`]),
    );
    expect(policies.calls.join(' ')).not.toContain('g-never-read');
    const lines = policyReportLines(report);
    // 6 enabled members (the disabled account and the guest aside); Ben (group) and the break-glass account (by name) left out.
    expect(lines.requirement[0]).toBe('MFA required for 66% by Conditional Access; 2 people excluded');
    expect(lines.requirement).toContain('Left out by excluded group MFA exclusions: 1 person');
    expect(lines.requirement).toContain('Excluded by name: 1 person');
    expect(lines.requirement).toContain(
      'Counts: "MFA for all" requires MFA for all users, excluding 1 user (Break glass), 1 group (MFA exclusions)',
    );
    expect(lines.requirement).toContain('Report-only, not enforced: "Report only" (would count if turned on)');
    expect(lines.requirement.at(-1)).toBe('People counted: the 6 enabled members of the latest scan.');
    expect(report.peopleFrom).toEqual(new Date('2025-06-02T03:00:00Z'));
  });

  it('names the campaign targets: groups from the directory, people from the scan; and says how it and MFA Coach fit', async () => {
    const lines = policyReportLines(await readTenantPolicies({ policies: fakePolicies(), people: scannedPeople(PEOPLE) }));
    expect(lines.campaign).toEqual([
      'Registration campaign: on for 1 group, 1 excluded, asks for Microsoft Authenticator, snooze 3 days',
      'Included: 1 group (Group g-pilot)',
      'Excluded: 1 user (The CEO)',
      'Snooze limit: not reported (Graph shows it in beta only)',
    ]);
    expect(lines.together).toMatch(/^Entra prompts people .* only after they complete an MFA sign-in.*MFA Coach reaches them/);
  });

  it('with security defaults on: everyone, whatever Conditional Access could be read, and no scan or directory read', async () => {
    const people = scannedPeople(PEOPLE);
    const policies = fakePolicies({
      securityDefaultsEnabled: async () => yes(true),
      conditionalAccessPolicies: async () => no(refused('Policy.Read.All')),
      registrationCampaign: async () => yes({ ...CAMPAIGN, includes: [], excludes: [] }),
    });
    const lines = policyReportLines(await readTenantPolicies({ policies, people }));
    expect(lines.requirement[0]).toBe('MFA required for everyone by security defaults');
    expect(lines.requirement.join(' ')).toMatch(/Security defaults ask for MFA when Microsoft judges it necessary/);
    expect(people.pagesRead).toBe(0);
    expect(policies.calls.filter((c) => /^(groups|roleHolders|groupNames)/.test(c))).toEqual([]);
  });

  it('says which permission would show Conditional Access when it is refused, and still shows the campaign', async () => {
    const policies = fakePolicies({
      conditionalAccessPolicies: async () => no(refused('Policy.Read.All')),
      securityDefaultsEnabled: async () => no(refused('Policy.Read.All')),
    });
    const lines = policyReportLines(await readTenantPolicies({ policies, people: scannedPeople(PEOPLE) }));
    expect(lines.requirement).toEqual([
      'Who must use MFA: not read. Microsoft Graph refused (403 Authorization_RequestDenied): MFA Coach lacks Policy.Read.All. ' +
        'Grant it (application permission, admin consent) to see Conditional Access and security defaults here.',
    ]);
    expect(lines.campaign[0]).toMatch(/^Registration campaign: on for 1 group/);
  });

  it('says to try again when Graph failed otherwise; a campaign that cannot be read does not hide the policies', async () => {
    const caDown = policyReportLines(
      await readTenantPolicies({
        policies: fakePolicies({ conditionalAccessPolicies: async () => no(failed) }),
        people: scannedPeople(PEOPLE),
      }),
    );
    expect(caDown.requirement).toEqual([expect.stringMatching(/^Who must use MFA: not read\. .*503\. Try again in a few minutes\.$/)]);

    const campaignRefused = policyReportLines(
      await readTenantPolicies({
        policies: fakePolicies({ registrationCampaign: async () => no(refused('Policy.Read.AuthenticationMethod')) }),
        people: scannedPeople(PEOPLE),
      }),
    );
    expect(campaignRefused.campaign).toEqual([expect.stringContaining('MFA Coach lacks Policy.Read.AuthenticationMethod')]);
    expect(campaignRefused.requirement[0]).toBe('MFA required for everyone by Conditional Access');
    expect(campaignRefused.together).toMatch(/MFA Coach reaches them/);
  });

  it('judges Conditional Access alone when security defaults cannot be read, and says so', async () => {
    const policies = fakePolicies({ securityDefaultsEnabled: async () => no(failed) });
    const lines = policyReportLines(await readTenantPolicies({ policies, people: scannedPeople(PEOPLE) }));
    expect(lines.requirement[0]).toBe('MFA required for everyone by Conditional Access');
    expect(lines.requirement).toContain('Security defaults: not read (Graph failed); Conditional Access is judged alone.');
  });

  it('gives no count rather than a flattering one when role holders or group members cannot be read', async () => {
    const policies = fakePolicies({
      conditionalAccessPolicies: async () => yes([policy({ users: allUsers({ roles: [HELPDESK_ADMIN] }) })]),
      roleHolders: async () => no(refused('RoleManagement.Read.Directory')),
    });
    const report = await readTenantPolicies({ policies, people: scannedPeople(PEOPLE) });
    expect(report.requirement.read && report.requirement.people).toBeUndefined();
    expect(report.peopleFrom).toBeUndefined();
    const lines = policyReportLines(report);
    expect(lines.requirement[0]).toBe('MFA required for all users by Conditional Access; excluded: 1 role');
    expect(lines.requirement.at(-1)).toMatch(/^People left out: not counted\. .*lacks RoleManagement\.Read\.Directory\. Grant it/);
  });

  it('says to scan first when there is no scan to count people from', async () => {
    const report = await readTenantPolicies({ policies: fakePolicies(), people: scannedPeople([], undefined) });
    const lines = policyReportLines(report);
    expect(lines.requirement[0]).toBe('MFA required for all users by Conditional Access');
    expect(lines.requirement.at(-1)).toMatch(/no completed scan; say "scan", then "policy" again/);
  });

  it('reads the scan page by page, however many people it holds', async () => {
    const many = Array.from({ length: 5003 }, (_, i) => ({ id: `u${String(i).padStart(5, '0')}` }));
    const people = scannedPeople(many);
    const policies = fakePolicies({ conditionalAccessPolicies: async () => yes([policy({ users: allUsers({ users: ['u00007'] }) })]) });
    const lines = policyReportLines(await readTenantPolicies({ policies, people }));
    expect(lines.requirement[0]).toBe('MFA required for 99% by Conditional Access; 1 person excluded');
    expect(people.pagesRead).toBe(2);
  });
});

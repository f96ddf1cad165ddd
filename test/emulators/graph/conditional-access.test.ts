import { CONDITIONAL_ACCESS_POLICY_IDS, generateDemoTenant, PHISHING_RESISTANT_MFA_STRENGTH } from '../../../emulators/demo-tenant';
import { emulatorAccessToken } from '../../../emulators/graph';
import { graphFetch, type GraphAnswer } from './graph-fetch';
import { useGraphEmulator } from './use-graph-emulator';

const tenant = generateDemoTenant({ users: 60 });
const graph = useGraphEmulator({ tenant, logNotImplemented: false });
const POLICIES = '/v1.0/identity/conditionalAccess/policies';
const SECURITY_DEFAULTS = '/v1.0/policies/identitySecurityDefaultsEnforcementPolicy';
const IDS = CONDITIONAL_ACCESS_POLICY_IDS;
const token = (...roles: string[]) => emulatorAccessToken({ roles });
const read = (path: string) => graphFetch(graph, path, { token: token('Policy.Read.All') });

describe('GET /identity/conditionalAccess/policies', () => {
  it('lists the v1.0 shape: state, users, applications, client apps, grant and session controls', async () => {
    const answer = await read(POLICIES);
    expect(answer.status).toBe(200);
    expect(answer.body['@odata.context']).toBe(`${graph.url}/v1.0/$metadata#identity/conditionalAccess/policies`);
    const policies: GraphAnswer['body'][] = answer.body.value;
    expect(policies.map((p) => [p.id, p.state])).toEqual([
      [IDS.requireMfaForAllUsers, 'enabled'],
      [IDS.phishingResistantMfaForAdmins, 'enabled'],
      [IDS.blockLegacyAuthenticationReportOnly, 'enabledForReportingButNotEnforced'],
      [IDS.requireMfaForGuestsDisabled, 'disabled'],
    ]);
    const all = policies[0]!;
    expect(Object.keys(all).sort()).toEqual(
      [
        'conditions',
        'createdDateTime',
        'description',
        'displayName',
        'grantControls',
        'id',
        'modifiedDateTime',
        'sessionControls',
        'state',
        'templateId',
      ].sort(),
    );
    const breakGlass = tenant.users.find((u) => u.userPrincipalName.startsWith('emergency-access-01@'))!;
    const exclusions = tenant.groups.find((g) => g.displayName === 'MFA exclusions')!;
    expect(all).toMatchObject({
      displayName: 'Require MFA for all users',
      conditions: {
        clientAppTypes: ['all'],
        applications: { includeApplications: ['All'], excludeApplications: [], includeUserActions: [] },
        users: {
          includeUsers: ['All'],
          excludeUsers: [breakGlass.id],
          includeGroups: [],
          excludeGroups: [exclusions.id],
          includeRoles: [],
          excludeRoles: [],
          includeGuestsOrExternalUsers: null,
          excludeGuestsOrExternalUsers: null,
        },
      },
      grantControls: {
        operator: 'OR',
        builtInControls: ['mfa'],
        customAuthenticationFactors: [],
        termsOfUse: [],
        authenticationStrength: null,
      },
      sessionControls: null,
    });
    expect(policies[2]!.conditions.clientAppTypes).toEqual(['exchangeActiveSync', 'other']);
    expect(policies[3]!.conditions.users.includeGuestsOrExternalUsers.externalTenants).toEqual({
      '@odata.type': '#microsoft.graph.conditionalAccessAllExternalTenants',
      membershipKind: 'all',
    });
  });

  it('returns grantControls.authenticationStrength inline, annotated, without $expand, in list and get alike', async () => {
    const context = `${graph.url}/v1.0/$metadata#identity/conditionalAccess/policies('${IDS.phishingResistantMfaForAdmins}')/grantControls/authenticationStrength/$entity`;
    const listed = (await read(POLICIES)).body.value.find((p: { id: string }) => p.id === IDS.phishingResistantMfaForAdmins);
    const single = (await read(`${POLICIES}/${IDS.phishingResistantMfaForAdmins}`)).body;
    for (const policy of [listed, single]) {
      expect(policy.grantControls['authenticationStrength@odata.context']).toBe(context);
      expect(policy.grantControls.authenticationStrength).toEqual(PHISHING_RESISTANT_MFA_STRENGTH);
      expect(policy.grantControls.authenticationStrength.id).toBe('00000000-0000-0000-0000-000000000004');
      expect(policy.conditions.users.includeRoles).toContain('62e90394-69f5-4237-9190-012177145e10');
    }
    expect(single['@odata.context']).toBe(`${graph.url}/v1.0/$metadata#identity/conditionalAccess/policies/$entity`);
  });

  it('serves the documented options: $filter, $select, $orderby, $top with paging, $skip, $count', async () => {
    const reportOnly = await read(`${POLICIES}?$filter=state eq 'enabledForReportingButNotEnforced'&$select=id,displayName,state`);
    expect(reportOnly.body.value).toEqual([
      {
        id: IDS.blockLegacyAuthenticationReportOnly,
        displayName: 'Block legacy authentication',
        state: 'enabledForReportingButNotEnforced',
      },
    ]);
    expect(reportOnly.body['@odata.context']).toMatch(/policies\(id,displayName,state\)$/);
    const sorted = await read(`${POLICIES}?$orderby=displayName desc&$select=displayName`);
    const names = sorted.body.value.map((p: { displayName: string }) => p.displayName);
    expect(names).toEqual([...names].sort().reverse());
    const first = await read(`${POLICIES}?$top=3&$count=true&$select=id`);
    expect(first.body['@odata.count']).toBe(4);
    expect(first.body.value).toHaveLength(3);
    const rest = await read(first.body['@odata.nextLink']);
    expect(rest.body.value.map((p: { id: string }) => p.id)).toEqual([IDS.requireMfaForGuestsDisabled]);
    const skipped = await read(`${POLICIES}?$skip=2&$select=id&$count=true`);
    expect(skipped.body.value.map((p: { id: string }) => p.id)).toEqual([
      IDS.blockLegacyAuthenticationReportOnly,
      IDS.requireMfaForGuestsDisabled,
    ]);
    expect(skipped.body['@odata.count']).toBe(4);
  });

  it('refuses what is not served, never ignoring it', async () => {
    for (const query of [
      '$expand=grantControls',
      '$search="mfa"',
      '$filter=templateId eq null',
      '$select=nonsense',
      '$top=0',
      '$skip=-1',
    ]) {
      expect({ query, status: (await read(`${POLICIES}?${query}`)).status }).toEqual({ query, status: 400 });
    }
    expect((await read(`${POLICIES}/${IDS.requireMfaForAllUsers}?$top=1`)).status).toBe(400);
    expect((await read(`${POLICIES}/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
  });

  it("needs Policy.Read.All: Policy.ReadWrite.ConditionalAccess alone is refused with Graph's AccessDenied", async () => {
    for (const path of [POLICIES, `${POLICIES}/${IDS.requireMfaForAllUsers}`]) {
      const refused = await graphFetch(graph, path, {
        token: token('Policy.ReadWrite.ConditionalAccess', 'Policy.Read.AuthenticationMethod'),
      });
      expect(refused.status).toBe(403);
      expect(refused.body.error).toMatchObject({
        code: 'AccessDenied',
        message: 'You cannot perform the requested operation, required scopes are missing in the token.',
      });
    }
  });

  it('shows what a test changes through the state, until reset()', async () => {
    graph.state.policies.updateConditionalAccessPolicy(IDS.requireMfaForAllUsers, { state: 'enabledForReportingButNotEnforced' });
    expect((await read(`${POLICIES}/${IDS.requireMfaForAllUsers}?$select=state`)).body.state).toBe('enabledForReportingButNotEnforced');
    graph.state.policies.setConditionalAccessPolicies([]);
    expect((await read(POLICIES)).body.value).toEqual([]);
    graph.reset();
    expect((await read(POLICIES)).body.value).toHaveLength(4);
  });
});

describe('GET /policies/identitySecurityDefaultsEnforcementPolicy', () => {
  it('says security defaults are off, in the v1.0 shape, and follows the state', async () => {
    const answer = await read(SECURITY_DEFAULTS);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      '@odata.context': `${graph.url}/v1.0/$metadata#policies/identitySecurityDefaultsEnforcementPolicy`,
      id: '00000000-0000-0000-0000-000000000005',
      displayName: 'Security Defaults',
      description: expect.stringContaining('Security defaults'),
      isEnabled: false,
    });
    graph.state.policies.setSecurityDefaults(true);
    expect((await read(`${SECURITY_DEFAULTS}?$select=isEnabled`)).body).toEqual({
      '@odata.context': expect.any(String),
      isEnabled: true,
    });
  });

  it('opens to Policy.ReadWrite.SecurityDefaults, refuses other tokens and other query options', async () => {
    expect((await graphFetch(graph, SECURITY_DEFAULTS, { token: token('Policy.ReadWrite.SecurityDefaults') })).status).toBe(200);
    const refused = await graphFetch(graph, SECURITY_DEFAULTS, { token: token('Policy.Read.ConditionalAccess') });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('Authorization_RequestDenied');
    expect((await read(`${SECURITY_DEFAULTS}?$filter=isEnabled eq true`)).status).toBe(400);
  });
});

describe('policy controls over HTTP', () => {
  it('sets the campaign, a policy and security defaults through /_emulator/policies, and reset undoes them', async () => {
    const control = (path: string, method: string, body: unknown) =>
      fetch(`${graph.url}/_emulator/policies/${path}`, { method, body: JSON.stringify(body) });
    expect((await control('registration-campaign', 'PUT', { state: 'enabled' })).status).toBe(204);
    expect((await control(`conditional-access/${IDS.requireMfaForGuestsDisabled}`, 'PATCH', { state: 'enabled' })).status).toBe(200);
    expect((await control('security-defaults', 'PUT', { isEnabled: true })).status).toBe(204);
    expect((await control('registration-campaign', 'PUT', { state: 'sometimes' })).status).toBe(400);
    expect(graph.state.policies.registrationCampaign.state).toBe('enabled');
    expect(graph.state.policies.conditionalAccessPolicies.find((p) => p.id === IDS.requireMfaForGuestsDisabled)!.state).toBe('enabled');
    expect(graph.state.policies.securityDefaultsEnabled).toBe(true);
    expect((await fetch(`${graph.url}/_emulator/reset`, { method: 'POST' })).status).toBe(204);
    expect(graph.state.policies.securityDefaultsEnabled).toBe(false);
    expect(graph.state.policies.registrationCampaign.state).toBe('default');
  });
});

import { generateDemoTenant, scenarioPeople } from '../../../emulators/demo-tenant';
import { emulatorAccessToken } from '../../../emulators/graph';
import { graphFetch } from './graph-fetch';
import { useGraphEmulator } from './use-graph-emulator';

const tenant = generateDemoTenant({ users: 60 });
const cast = scenarioPeople(tenant);
const graph = useGraphEmulator({ tenant, logNotImplemented: false });
const PATH = '/v1.0/policies/authenticationMethodsPolicy';
const token = (...roles: string[]) => emulatorAccessToken({ roles });
const campaignOf = (body: { registrationEnforcement: { authenticationMethodsRegistrationCampaign: unknown } }) =>
  body.registrationEnforcement.authenticationMethodsRegistrationCampaign;
const patch = (campaign: Record<string, unknown>, roles = ['Policy.ReadWrite.AuthenticationMethod']) =>
  graphFetch(graph, PATH, {
    method: 'PATCH',
    token: token(...roles),
    body: { registrationEnforcement: { authenticationMethodsRegistrationCampaign: campaign } },
  });

describe('GET /policies/authenticationMethodsPolicy', () => {
  it('returns the v1.0 policy: Microsoft managed Authenticator campaign, method configurations, no beta-only fields', async () => {
    const answer = await graphFetch(graph, PATH, { token: token('Policy.Read.AuthenticationMethod') });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      '@odata.context': `${graph.url}/v1.0/$metadata#authenticationMethodsPolicy`,
      id: 'authenticationMethodsPolicy',
      displayName: 'Authentication Methods Policy',
      policyMigrationState: 'migrationComplete',
      lastModifiedDateTime: tenant.policies.authenticationMethodsPolicyModified,
    });
    expect(campaignOf(answer.body)).toEqual({
      snoozeDurationInDays: 1,
      state: 'default',
      excludeTargets: [],
      includeTargets: [{ id: 'all_users', targetType: 'group', targetedAuthenticationMethod: 'microsoftAuthenticator' }],
    });
    expect(JSON.stringify(answer.body)).not.toMatch(/enforceRegistrationAfterAllowedSnoozes|systemCredentialPreferences/);
    const configurations = answer.body.authenticationMethodConfigurations as { '@odata.type': string; id: string; state: string }[];
    expect(Object.fromEntries(configurations.map((c) => [c.id, c.state]))).toMatchObject({
      Sms: 'enabled',
      Voice: 'enabled',
      MicrosoftAuthenticator: 'enabled',
      Fido2: 'enabled',
    });
    expect(configurations.find((c) => c.id === 'Sms')!['@odata.type']).toBe('#microsoft.graph.smsAuthenticationMethodConfiguration');
  });

  it.each([['Policy.ReadWrite.AuthenticationMethod'], ['Policy.Read.All']])('opens to the higher permission %s too', async (role) => {
    expect((await graphFetch(graph, PATH, { token: token(role) })).status).toBe(200);
  });

  it("refuses a token without one of the page's permissions, with Graph's error body", async () => {
    const refused = await graphFetch(graph, PATH, { token: token('User.Read.All', 'Policy.Read.ConditionalAccess') });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'Authorization_RequestDenied', innerError: { 'request-id': expect.any(String) } });
  });

  it('refuses query options: the page documents none', async () => {
    for (const query of ['$select=id', '$expand=authenticationMethodConfigurations', '$top=1']) {
      expect((await graphFetch(graph, `${PATH}?${query}`)).status).toBe(400);
    }
  });
});

describe('PATCH /policies/authenticationMethodsPolicy', () => {
  it('changes the campaign, answers 200 with the updated policy (as the v1.0 page says), and the next GET shows it', async () => {
    const answer = await patch({ state: 'enabled', snoozeDurationInDays: 3 });
    expect(answer.status).toBe(200);
    // Nested properties left out keep their values: the targets are still there.
    const expected = {
      snoozeDurationInDays: 3,
      state: 'enabled',
      excludeTargets: [],
      includeTargets: [{ id: 'all_users', targetType: 'group', targetedAuthenticationMethod: 'microsoftAuthenticator' }],
    };
    expect(campaignOf(answer.body)).toEqual(expected);
    const after = await graphFetch(graph, PATH);
    expect(campaignOf(after.body)).toEqual(expected);
    expect(after.body.lastModifiedDateTime).not.toBe(tenant.policies.authenticationMethodsPolicyModified);
    expect(graph.state.policies.registrationCampaign).toEqual(expected);
  });

  it('replaces the target lists whole and takes Fido2 targets and exclusions', async () => {
    const exclusions = tenant.groups.find((g) => g.displayName === 'MFA exclusions')!;
    const answer = await patch({
      state: 'disabled',
      includeTargets: [{ id: cast.mobileOnly.id, targetType: 'user', targetedAuthenticationMethod: 'Fido2' }],
      excludeTargets: [{ id: exclusions.id, targetType: 'group' }],
    });
    expect(answer.status).toBe(200);
    expect(campaignOf(answer.body)).toMatchObject({
      state: 'disabled',
      includeTargets: [{ id: cast.mobileOnly.id, targetType: 'user', targetedAuthenticationMethod: 'Fido2' }],
      excludeTargets: [{ id: exclusions.id, targetType: 'group' }],
    });
  });

  it.each([
    ['an unknown state', { state: 'microsoftManaged' }],
    ['the sentinel state', { state: 'unknownFutureValue' }],
    ['a snooze beyond 14 days', { snoozeDurationInDays: 15 }],
    ['a negative snooze', { snoozeDurationInDays: -1 }],
    ['a fractional snooze', { snoozeDurationInDays: 1.5 }],
    [
      'a method a campaign cannot target',
      { includeTargets: [{ id: 'all_users', targetType: 'group', targetedAuthenticationMethod: 'sms' }] },
    ],
    ['a target that is no object id', { excludeTargets: [{ id: 'everyone', targetType: 'group' }] }],
    ['an unknown target type', { excludeTargets: [{ id: cast.mobileOnly.id, targetType: 'role' }] }],
    ['the beta-only snooze limit', { enforceRegistrationAfterAllowedSnoozes: true }],
    ['an unknown campaign property', { colour: 'blue' }],
  ])('refuses %s with 400 and changes nothing', async (_what, campaign) => {
    const answer = await patch(campaign);
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('BadRequest');
    expect(graph.state.policies.registrationCampaign).toEqual(tenant.policies.registrationCampaign);
  });

  it('refuses unknown and read-only policy properties, and a body that is no object', async () => {
    for (const body of [{ displayName: 'Mine' }, { nonsense: 1 }, { registrationEnforcement: { other: {} } }, [], 'x']) {
      const answer = await graphFetch(graph, PATH, { method: 'PATCH', body });
      expect({ body, status: answer.status }).toEqual({ body, status: 400 });
    }
    const unknown = await graphFetch(graph, PATH, { method: 'PATCH', body: { nonsense: 1 } });
    expect(unknown.body.error.message).toContain("does not exist on type 'microsoft.graph.authenticationMethodsPolicy'");
  });

  it('needs Policy.ReadWrite.AuthenticationMethod: read permissions are refused', async () => {
    for (const roles of [['Policy.Read.All'], ['Policy.Read.AuthenticationMethod']]) {
      const refused = await patch({ state: 'enabled' }, roles);
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('Authorization_RequestDenied');
    }
    expect(graph.state.policies.registrationCampaign.state).toBe('default');
  });

  it('works inside $batch, checked with the envelope token', async () => {
    const answer = await graphFetch(graph, '/v1.0/$batch', {
      method: 'POST',
      body: {
        requests: [
          {
            id: '1',
            method: 'PATCH',
            url: '/policies/authenticationMethodsPolicy',
            headers: { 'Content-Type': 'application/json' },
            body: { registrationEnforcement: { authenticationMethodsRegistrationCampaign: { state: 'enabled' } } },
          },
          { id: '2', method: 'GET', url: '/policies/authenticationMethodsPolicy', dependsOn: ['1'] },
        ],
      },
    });
    const byId = Object.fromEntries(answer.body.responses.map((r: { id: string }) => [r.id, r]));
    expect(byId['1'].status).toBe(200);
    expect(campaignOf(byId['2'].body)).toMatchObject({ state: 'enabled' });
  });

  it('is undone by reset(), and the state API changes what GET answers', async () => {
    graph.state.policies.setRegistrationCampaign({ state: 'disabled', snoozeDurationInDays: 0 });
    expect(campaignOf((await graphFetch(graph, PATH)).body)).toMatchObject({ state: 'disabled', snoozeDurationInDays: 0 });
    expect(() => graph.state.policies.setRegistrationCampaign({ snoozeDurationInDays: 20 })).toThrow(/snoozeDurationInDays/);
    graph.reset();
    expect(campaignOf((await graphFetch(graph, PATH)).body)).toEqual(tenant.policies.registrationCampaign);
  });
});

import { generateDemoTenant, MFA_COACH_ADMINS_GROUP } from '../../../emulators/demo-tenant';
import { emulatorAccessToken } from '../../../emulators/graph/emulator-token';
import { createGraphClient } from '../../../src/adapters/graph/graph-client';
import { GRAPH_PERMISSION_NAMES } from '../../../src/adapters/graph/graph-permissions';
import { GraphTenantPolicies } from '../../../src/adapters/graph/graph-tenant-policies';
import { readOnlyLines } from '../../../src/domain/policy/campaign-change-access';
import { writeFailureLine } from '../../../src/domain/policy/campaign-change-summary';
import { applyCampaignChange, campaignChangeAccess } from '../../../src/use-cases/change-registration-campaign';
import { useGraphEmulator } from '../../emulators/graph/use-graph-emulator';
import { scriptedGraph } from './scripted-graph';
import { tenantPoliciesOn } from './tenant-policies-harness';

const tenant = generateDemoTenant({ users: 30 });
const adminsGroup = tenant.groups.find((g) => g.displayName === MFA_COACH_ADMINS_GROUP)!;
const WRITE = 'Policy.ReadWrite.AuthenticationMethod';
const PATCH = 'PATCH /policies/authenticationMethodsPolicy';

describe('changing the registration campaign on Graph v1.0, against the Graph emulator', () => {
  const graph = useGraphEmulator({ tenant, logNotImplemented: false });
  /** The adapter as the app wires it: the token's roles tell whether it may write. */
  const policiesWith = (revoked: readonly string[] = []) => tenantPoliciesOn(graph.url, tenant.tenantId, revoked);
  const campaignInEntra = () => graph.state.policies.registrationCampaign;

  it('sends a v1.0 PATCH the service accepts; the answer and a later GET both show the change', async () => {
    const policies = policiesWith();
    expect(await policies.campaignWriteAccess()).toEqual({ granted: true });
    const written = await policies.changeRegistrationCampaign({ state: 'enabled', snoozeDays: 3 });
    expect(written).toEqual({
      ok: true,
      value: expect.objectContaining({
        state: 'enabled',
        snoozeDays: 3,
        includes: [{ kind: 'allUsers', id: 'all_users', method: 'microsoftAuthenticator' }],
      }),
    });
    expect(await policies.registrationCampaign()).toEqual({ ok: true, value: written.ok && written.value });
    expect(campaignInEntra()).toMatchObject({ state: 'enabled', snoozeDurationInDays: 3 });
    // Built on a fresh read, written once.
    expect(graph.stats().requestsByRoute[PATCH]).toBe(1);
  });

  it('writes a passkey target as v1.0 spells it (Fido2), keeping who is included', async () => {
    const written = await policiesWith().changeRegistrationCampaign({ target: 'passkey' });
    expect(written.ok && written.value.includes).toEqual([{ kind: 'allUsers', id: 'all_users', method: 'passkey' }]);
    expect(campaignInEntra().includeTargets).toEqual([{ id: 'all_users', targetType: 'group', targetedAuthenticationMethod: 'Fido2' }]);
  });

  it('without Policy.ReadWrite.AuthenticationMethod: known ahead from the token, and a write meets 403, naming it', async () => {
    const policies = policiesWith([WRITE]);
    expect(await policies.campaignWriteAccess()).toEqual({ granted: false, permission: WRITE });
    const written = await policies.changeRegistrationCampaign({ snoozeDays: 3 });
    expect(written).toEqual({
      ok: false,
      reason: 'notPermitted',
      permission: WRITE,
      detail: `Microsoft Graph refused (403 Authorization_RequestDenied): MFA Coach lacks ${WRITE}`,
    });
    expect(campaignInEntra().snoozeDurationInDays).toBe(1);

    // Through the use case, a policy admin sees the card read-only, naming the permission; nothing is sent.
    const deps = { policies, policyAdmins: { decide: async () => 'admin' as const } };
    const access = await campaignChangeAccess(deps, 'u-1');
    expect(access.may === false && readOnlyLines(access.blockers)).toEqual([
      `Read-only: MFA Coach lacks ${WRITE}. Grant it (application permission, admin consent) to change the registration campaign from Teams.`,
    ]);
    expect(graph.stats().requestsByRoute[PATCH]).toBe(1);
  });

  it("with a token whose grants cannot be read ahead, the 403 itself says what is missing, and it's audited as failed", async () => {
    const token = emulatorAccessToken({ tenantId: tenant.tenantId, roles: GRAPH_PERMISSION_NAMES.filter((n) => n !== WRITE) });
    const policies = new GraphTenantPolicies(
      createGraphClient(graph.url, async () => token),
      { maxTransientRetries: 0 },
    );
    const audit: string[] = [];
    const outcome = await applyCampaignChange(
      { policies, policyAdmins: { decide: async () => 'admin' } },
      { id: adminsGroup.memberIds[0], audit: async (action, result) => void audit.push(`${result}: ${action}`) },
      { snoozeDays: 3 },
    );
    expect(outcome.kind === 'failed' && writeFailureLine(outcome.failure)).toBe(
      `Nothing was changed. Microsoft Graph refused (403 Authorization_RequestDenied): MFA Coach lacks ${WRITE}. ` +
        'Grant it (application permission, admin consent) to change the campaign from Teams.',
    );
    expect(audit).toEqual(['failed: policy campaign change snooze 1→3']);
    expect(campaignInEntra().snoozeDurationInDays).toBe(1);
  });

  it('answers a 400 as refused in Graph’s words, sent once, nothing changed', async () => {
    graph.injectFaults({ count: 1, status: 400, method: 'PATCH', path: /authenticationMethodsPolicy/ });
    const written = await policiesWith().changeRegistrationCampaign({ snoozeDays: 3 });
    expect(written).toMatchObject({ ok: false, reason: 'refused', detail: expect.stringContaining(`${PATCH} failed: 400`) });
    expect(campaignInEntra().snoozeDurationInDays).toBe(1);
  });

  it('does not resend a write that met a 503: one PATCH, failed, nothing changed', async () => {
    graph.injectFaults({ count: 1, status: 503, method: 'PATCH', path: /authenticationMethodsPolicy/ });
    const token = emulatorAccessToken({ tenantId: tenant.tenantId, roles: GRAPH_PERMISSION_NAMES });
    // The reads' retry policy would retry a 503; the write's does not.
    const policies = new GraphTenantPolicies(
      createGraphClient(graph.url, async () => token),
      { baseDelayMs: 1, maxDelayMs: 1 },
    );
    expect(await policies.changeRegistrationCampaign({ snoozeDays: 3 })).toMatchObject({ ok: false, reason: 'failed' });
    expect(graph.stats().requestsByRoute[PATCH]).toBe(1);
    expect(campaignInEntra().snoozeDurationInDays).toBe(1);
  });
});

describe('the answers Graph may give a campaign write that the emulator does not', () => {
  const before = { registrationEnforcement: { authenticationMethodsRegistrationCampaign: { state: 'default', snoozeDurationInDays: 1 } } };
  const after = { registrationEnforcement: { authenticationMethodsRegistrationCampaign: { state: 'default', snoozeDurationInDays: 3 } } };

  it('takes a 204 without a body, and reads the campaign back', async () => {
    const { client, requests } = scriptedGraph([{ status: 200, body: before }, { status: 204 }, { status: 200, body: after }]);
    const written = await new GraphTenantPolicies(client).changeRegistrationCampaign({ snoozeDays: 3 });
    expect(written).toMatchObject({ ok: true, value: { state: 'microsoftManaged', snoozeDays: 3 } });
    expect(requests).toHaveLength(3);
  });

  it('says a write that got no answer in time may or may not have been made, and does not resend it', async () => {
    const { client, requests } = scriptedGraph([{ status: 200, body: before }, 'hang']);
    const written = await new GraphTenantPolicies(client, { attemptTimeoutMs: 100 }).changeRegistrationCampaign({ snoozeDays: 3 });
    expect(written).toMatchObject({ ok: false, reason: 'uncertain' });
    expect(written.ok === false && writeFailureLine(written)).toMatch(
      /^Microsoft Graph did not answer in time, so the change may or may not/,
    );
    expect(requests).toHaveLength(2);
  });
});

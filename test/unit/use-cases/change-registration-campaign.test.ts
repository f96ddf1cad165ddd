import { MICROSOFT_MANAGED_CAMPAIGN } from '../../fakes/registration-campaign';
import { ALREADY_SO } from '../../../src/domain/policy/campaign-change';
import { PASSKEY_TARGET_WARNING, type RegistrationCampaign } from '../../../src/domain/policy/registration-campaign';
import type { AuditEntry } from '../../../src/domain/ports/audit-log';
import type { CampaignWriteAccess, PolicyRead, PolicyWrite, PolicyWriteFailure } from '../../../src/domain/ports/tenant-policies';
import type { AdminDecision } from '../../../src/use-cases/authorize-admin';
import {
  applyCampaignChange,
  campaignChangeAccess,
  reviewCampaignChange,
  type CampaignChangeDeps,
} from '../../../src/use-cases/change-registration-campaign';

const WRITE = 'Policy.ReadWrite.AuthenticationMethod';

const CAMPAIGN = MICROSOFT_MANAGED_CAMPAIGN;

const POLICY_ADMIN = 'u-policy-admin';

interface Setup {
  /** What the policy-admin check says of anyone (default: POLICY_ADMIN is one, nobody else). */
  decide?: (id: string | undefined) => AdminDecision;
  /** Undefined: no policy-admin group configured. */
  groups?: boolean;
  write?: CampaignWriteAccess;
  current?: PolicyRead<RegistrationCampaign>;
  /** What Graph answers the write (default: the change applied to the campaign). */
  answer?: PolicyWriteFailure;
}

/** The ports in memory; every read, write and audit entry written down. */
function world(setup: Setup = {}) {
  const calls: string[] = [];
  const written: unknown[] = [];
  const audit: Pick<AuditEntry, 'action' | 'outcome'>[] = [];
  const deps: CampaignChangeDeps = {
    policies: {
      registrationCampaign: async () => {
        calls.push('read');
        return setup.current ?? { ok: true, value: CAMPAIGN };
      },
      campaignWriteAccess: async () => setup.write ?? { granted: true },
      changeRegistrationCampaign: async (change): Promise<PolicyWrite<RegistrationCampaign>> => {
        calls.push('write');
        written.push(change);
        if (setup.answer) return { ok: false, ...setup.answer };
        return { ok: true, value: { ...CAMPAIGN, ...change } as RegistrationCampaign };
      },
    },
    ...(setup.groups === false
      ? {}
      : {
          policyAdmins: {
            decide: async (id: string | undefined) => (setup.decide ?? ((who) => (who === POLICY_ADMIN ? 'admin' : 'notAdmin')))(id),
          },
        }),
  };
  const actor = (id: string | undefined = POLICY_ADMIN) => ({
    id,
    audit: async (action: string, outcome: AuditEntry['outcome']) => void audit.push({ action, outcome }),
  });
  return { deps, actor, calls, written, audit };
}

describe('changing the registration campaign', () => {
  it('lets a policy admin, with the write permission, change the snooze: written once, audited from → to', async () => {
    const { deps, actor, written, audit } = world();
    const outcome = await applyCampaignChange(deps, actor(), { state: 'microsoftManaged', snoozeDays: '3' });
    expect(outcome).toEqual({
      kind: 'changed',
      lines: ['Snooze: 1 day → 3 days'],
      after: { ...CAMPAIGN, snoozeDays: 3 },
    });
    // The state was already so: only what differs is written.
    expect(written).toEqual([{ snoozeDays: 3 }]);
    expect(audit).toEqual([{ action: 'policy campaign change snooze 1→3', outcome: 'allowed' }]);
  });

  it('reviews a change without writing or auditing it, from → to, with what to know first', async () => {
    const { deps, actor, calls, audit } = world({ current: { ok: true, value: { ...CAMPAIGN, state: 'disabled', includes: [] } } });
    const plan = await reviewCampaignChange(deps, actor(), { state: 'enabled', target: 'passkey' });
    expect(plan).toEqual({
      kind: 'planned',
      change: { state: 'enabled', target: 'passkey' },
      before: expect.objectContaining({ state: 'disabled' }),
      lines: ['State: disabled → enabled', 'Method people are asked to set up: Microsoft Authenticator → a passkey'],
      warnings: [PASSKEY_TARGET_WARNING, expect.stringContaining('It includes nobody yet, so all users are included')],
    });
    expect(calls).toEqual(['read']);
    expect(audit).toEqual([]);
  });

  it('says an enabled campaign reaches whom it includes, and all users only when its targets say so', async () => {
    const groups = { ...CAMPAIGN, includes: [{ kind: 'group' as const, id: 'g-1', method: 'microsoftAuthenticator' as const }] };
    const plan = await reviewCampaignChange(world({ current: { ok: true, value: groups } }).deps, world().actor(), { state: 'enabled' });
    expect(plan).toMatchObject({
      kind: 'planned',
      warnings: ['Enabled, the campaign asks only whom it includes at their next MFA sign-in: 1 group, not all users.'],
    });
    const everyone = { ...CAMPAIGN, excludes: [{ kind: 'group' as const, id: 'g-exempt' }] };
    expect(
      await reviewCampaignChange(world({ current: { ok: true, value: everyone } }).deps, world().actor(), { state: 'enabled' }),
    ).toMatchObject({
      warnings: [
        'Enabled, the campaign asks all users at their next MFA sign-in, less 1 excluded target: its included targets say all users.',
      ],
    });
  });

  it('keeps the card read-only without the write permission: refused before any read or write, and audited', async () => {
    const { deps, actor, calls, audit } = world({ write: { granted: false, permission: WRITE } });
    expect(await campaignChangeAccess(deps, POLICY_ADMIN)).toEqual({
      may: false,
      blockers: [{ kind: 'missingPermission', permission: WRITE }],
    });
    expect(await applyCampaignChange(deps, actor(), { snoozeDays: 3 })).toEqual({
      kind: 'readOnly',
      blockers: [{ kind: 'missingPermission', permission: WRITE }],
    });
    expect(calls).toEqual([]);
    expect(audit).toEqual([{ action: `policy campaign change (missing ${WRITE})`, outcome: 'refused' }]);
  });

  it("refuses a non-member's apply (a forged press: their card has no form) and audits it, naming every blocker", async () => {
    const { deps, actor, calls, audit } = world({ write: { granted: false, permission: WRITE } });
    expect(await applyCampaignChange(deps, actor('u-other-admin'), { snoozeDays: 3 })).toEqual({
      kind: 'readOnly',
      blockers: [{ kind: 'notPolicyAdmin' }, { kind: 'missingPermission', permission: WRITE }],
    });
    expect(await reviewCampaignChange(deps, actor('u-other-admin'), { snoozeDays: 3 })).toMatchObject({ kind: 'readOnly' });
    expect(calls).toEqual([]);
    expect(audit).toEqual([
      { action: `policy campaign change (not a policy admin; missing ${WRITE})`, outcome: 'refused' },
      { action: `policy campaign change review (not a policy admin; missing ${WRITE})`, outcome: 'refused' },
    ]);
  });

  it('lets nobody change it when no policy-admin group is configured, and asks Graph nothing', async () => {
    const { deps, actor, calls, audit } = world({ groups: false });
    expect(await campaignChangeAccess(deps, POLICY_ADMIN)).toEqual({ may: false, blockers: [{ kind: 'noPolicyAdmins' }] });
    expect(await applyCampaignChange(deps, actor(), { snoozeDays: 3 })).toMatchObject({ kind: 'readOnly' });
    expect(calls).toEqual([]);
    expect(audit).toEqual([{ action: 'policy campaign change (no policy-admin group)', outcome: 'refused' }]);
  });

  it('is read-only for now when the membership cannot be checked, never a yes', async () => {
    for (const [decision, notPermitted] of [
      ['unavailable', false],
      ['notPermitted', true],
    ] as const) {
      const { deps } = world({ decide: () => decision });
      expect(await campaignChangeAccess(deps, POLICY_ADMIN)).toEqual({
        may: false,
        blockers: [{ kind: 'membershipUnchecked', notPermitted }],
      });
    }
  });

  it('lets a policy admin try when the grant cannot be read ahead (an opaque token): the write tells', async () => {
    const { deps } = world({ write: { granted: 'unknown', permission: WRITE } });
    expect(await campaignChangeAccess(deps, POLICY_ADMIN)).toEqual({ may: true });
  });

  it('refuses a change to what the campaign already is, decided on the campaign as it is now, and audits it', async () => {
    const { deps, actor, calls, audit } = world();
    expect(await applyCampaignChange(deps, actor(), { state: 'Microsoft managed', target: 'authenticator', snoozeDays: 1 })).toEqual({
      kind: 'invalid',
      refusals: [ALREADY_SO],
    });
    expect(calls).toEqual(['read']);
    expect(audit).toEqual([{ action: 'policy campaign change (nothing to change)', outcome: 'refused' }]);
  });

  it('refuses forged values with the rule’s words, and keeps what they said out of the audit log', async () => {
    const { deps, actor, calls, audit } = world();
    const outcome = await applyCampaignChange(deps, actor(), { state: 'Ana Lopez', snoozeDays: 30 });
    expect(outcome).toMatchObject({ kind: 'invalid', refusals: [expect.stringContaining('"Ana Lopez"'), expect.stringContaining('30')] });
    expect(calls).toEqual(['read']);
    expect(audit).toEqual([{ action: 'policy campaign change (invalid)', outcome: 'refused' }]);
  });

  it.each<[string, PolicyWriteFailure]>([
    ['a 400 (Microsoft 365 refused the values)', { reason: 'refused', detail: 'Microsoft Graph PATCH … failed: 400 BadRequest.' }],
    ['a 403 (the grant was not readable ahead)', { reason: 'notPermitted', permission: WRITE, detail: `MFA Coach lacks ${WRITE}` }],
    ['no answer in time', { reason: 'uncertain', detail: 'Microsoft Graph PATCH … failed: no answer after 1 attempt.' }],
  ])('answers %s as failed, with what was asked, and audits it as failed', async (_what, failure) => {
    const { deps, actor, written, audit } = world({ write: { granted: 'unknown', permission: WRITE }, answer: failure });
    expect(await applyCampaignChange(deps, actor(), { state: 'enabled', snoozeDays: 3 })).toEqual({
      kind: 'failed',
      lines: ['State: Microsoft managed → enabled', 'Snooze: 1 day → 3 days'],
      failure: { ok: false, ...failure },
    });
    expect(written).toEqual([{ state: 'enabled', snoozeDays: 3 }]);
    expect(audit).toEqual([{ action: 'policy campaign change state microsoftManaged→enabled, snooze 1→3', outcome: 'failed' }]);
  });

  it('audits a write that threw as failed, then lets the error go on', async () => {
    const { deps, actor, audit } = world();
    deps.policies.changeRegistrationCampaign = async () => {
      throw new Error('bug');
    };
    await expect(applyCampaignChange(deps, actor(), { snoozeDays: 3 })).rejects.toThrow('bug');
    expect(audit).toEqual([{ action: 'policy campaign change snooze 1→3', outcome: 'failed' }]);
  });

  it('does not write when the campaign cannot be read first, and audits the attempt as failed', async () => {
    const notRead = { ok: false as const, reason: 'failed' as const, detail: 'Microsoft Graph GET … failed: 503.' };
    const { deps, actor, calls, audit } = world({ current: notRead });
    expect(await applyCampaignChange(deps, actor(), { snoozeDays: 3 })).toEqual({ kind: 'notRead', failure: notRead });
    expect(calls).toEqual(['read']);
    expect(audit).toEqual([{ action: 'policy campaign change (campaign not read)', outcome: 'failed' }]);
  });
});

import {
  mapRegistrationCampaign,
  registrationCampaignPatch,
  type GraphAuthenticationMethodsPolicy,
  type GraphRegistrationCampaign,
} from '../../../../src/adapters/graph/registration-campaign-policy';
import { checkCampaignChange, type CampaignChange } from '../../../../src/domain/policy/campaign-change';

const GROUP = '3ee3a9de-0a86-4e12-a287-9769accf1ba2';
const USER = '5e1f3a2b-7c4d-4e8f-9a0b-1c2d3e4f5a6b';

/** `GET /policies/authenticationMethodsPolicy` (v1.0), cut down to what the campaign needs. */
const policy = (campaign: GraphRegistrationCampaign | null): GraphAuthenticationMethodsPolicy => ({
  registrationEnforcement: { authenticationMethodsRegistrationCampaign: campaign },
});

const v1Campaign: GraphRegistrationCampaign = {
  state: 'enabled',
  snoozeDurationInDays: 1,
  includeTargets: [{ id: GROUP, targetType: 'group', targetedAuthenticationMethod: 'microsoftAuthenticator' }],
  excludeTargets: [{ id: USER, targetType: 'user' }],
};

const checked = (request: Parameters<typeof checkCampaignChange>[0]): CampaignChange => {
  const check = checkCampaignChange(request);
  if (!check.ok) throw new Error(check.refusals.join(' '));
  return check.change;
};

describe('mapRegistrationCampaign', () => {
  it.each([
    ['default', 'microsoftManaged'],
    ['enabled', 'enabled'],
    ['disabled', 'disabled'],
  ])('maps state %s to %s', (state, expected) => {
    expect(mapRegistrationCampaign(policy({ ...v1Campaign, state })).state).toBe(expected);
  });

  it('maps the targets, snooze days, and leaves the beta-only snooze limit unknown when v1.0 omits it', () => {
    expect(mapRegistrationCampaign(policy(v1Campaign))).toEqual({
      state: 'enabled',
      snoozeDays: 1,
      limitedSnoozes: null,
      includes: [{ kind: 'group', id: GROUP, method: 'microsoftAuthenticator' }],
      excludes: [{ kind: 'user', id: USER }],
      unknowns: [],
    });
  });

  it('knows all_users, a passkey target in any case, and the snooze limit when an answer carries it', () => {
    const mapped = mapRegistrationCampaign(
      policy({
        ...v1Campaign,
        enforceRegistrationAfterAllowedSnoozes: true,
        includeTargets: [{ id: 'all_users', targetType: 'group', targetedAuthenticationMethod: 'fido2' }],
      }),
    );
    expect(mapped.includes).toEqual([{ kind: 'allUsers', id: 'all_users', method: 'passkey' }]);
    expect(mapped.limitedSnoozes).toBe(true);
  });

  it('names what it does not know instead of guessing', () => {
    const mapped = mapRegistrationCampaign(
      policy({
        state: 'unknownFutureValue',
        includeTargets: [{ id: GROUP, targetType: 'unknownFutureValue', targetedAuthenticationMethod: 'sms' }],
      }),
    );
    expect(mapped.state).toBe('unknown');
    expect(mapped.includes).toEqual([{ kind: 'unknown', id: GROUP, method: 'unknown' }]);
    expect(mapped.unknowns).toEqual(["campaign state 'unknownFutureValue'", "method to set up 'sms'", "target type 'unknownFutureValue'"]);
  });

  it('copes with missing fields and a missing campaign', () => {
    expect(mapRegistrationCampaign(policy({ state: 'default' }))).toEqual({
      state: 'microsoftManaged',
      snoozeDays: null,
      limitedSnoozes: null,
      includes: [],
      excludes: [],
      unknowns: [],
    });
    const missing = mapRegistrationCampaign({});
    expect(missing.state).toBe('unknown');
    expect(missing.unknowns).toEqual(['the registration campaign was not in the answer']);
    expect(mapRegistrationCampaign(null).state).toBe('unknown');
  });
});

describe('registrationCampaignPatch', () => {
  it('sends the whole campaign with only the v1.0 properties, the change applied', () => {
    const body = registrationCampaignPatch(checked({ snoozeDays: 7 }), policy(v1Campaign));
    expect(body).toEqual({
      registrationEnforcement: {
        authenticationMethodsRegistrationCampaign: {
          state: 'enabled',
          snoozeDurationInDays: 7,
          includeTargets: [{ id: GROUP, targetType: 'group', targetedAuthenticationMethod: 'microsoftAuthenticator' }],
          excludeTargets: [{ id: USER, targetType: 'user' }],
        },
      },
    });
  });

  it('never writes the beta-only snooze limit, even when the read returned it', () => {
    const body = registrationCampaignPatch(
      checked({ state: 'disabled' }),
      policy({ ...v1Campaign, enforceRegistrationAfterAllowedSnoozes: false }),
    );
    const campaign = body.registrationEnforcement.authenticationMethodsRegistrationCampaign;
    expect(Object.keys(campaign).sort()).toEqual(['excludeTargets', 'includeTargets', 'snoozeDurationInDays', 'state']);
    expect(campaign.state).toBe('disabled');
  });

  it('writes Microsoft managed as default, and a new target on every included target', () => {
    const twoGroups = {
      ...v1Campaign,
      includeTargets: [...(v1Campaign.includeTargets ?? []), { id: 'g-2', targetType: 'group', targetedAuthenticationMethod: 'fido2' }],
    };
    const campaign = registrationCampaignPatch(checked({ state: 'Microsoft managed', target: 'passkey' }), policy(twoGroups))
      .registrationEnforcement.authenticationMethodsRegistrationCampaign;
    expect(campaign.state).toBe('default');
    expect(campaign.includeTargets.map((t) => t.targetedAuthenticationMethod)).toEqual(['Fido2', 'Fido2']);
  });

  it('turns on a campaign that names nobody for all users', () => {
    const campaign = registrationCampaignPatch(
      checked({ state: 'enabled' }),
      policy({ state: 'disabled', snoozeDurationInDays: 1, includeTargets: [], excludeTargets: [] }),
    ).registrationEnforcement.authenticationMethodsRegistrationCampaign;
    expect(campaign.includeTargets).toEqual([
      { id: 'all_users', targetType: 'group', targetedAuthenticationMethod: 'microsoftAuthenticator' },
    ]);
  });

  it('sends back what it did not understand as Graph gave it, and leaves out what Graph never said', () => {
    const odd = {
      state: 'enabledSomehow',
      includeTargets: [{ id: GROUP, targetType: 'group', targetedAuthenticationMethod: 'somethingNew' }],
    };
    const campaign = registrationCampaignPatch(checked({ snoozeDays: 2 }), policy(odd)).registrationEnforcement
      .authenticationMethodsRegistrationCampaign;
    expect(campaign).toEqual({
      state: 'enabledSomehow',
      snoozeDurationInDays: 2,
      includeTargets: [{ id: GROUP, targetType: 'group', targetedAuthenticationMethod: 'somethingNew' }],
      excludeTargets: [],
    });
    const sentinel = registrationCampaignPatch(checked({ snoozeDays: 2 }), policy({ state: 'unknownFutureValue' }));
    expect(sentinel.registrationEnforcement.authenticationMethodsRegistrationCampaign).not.toHaveProperty('state');
    const bare = registrationCampaignPatch(checked({ target: 'microsoftAuthenticator' }), null).registrationEnforcement
      .authenticationMethodsRegistrationCampaign;
    expect(bare).toEqual({ includeTargets: [], excludeTargets: [] });
  });
});

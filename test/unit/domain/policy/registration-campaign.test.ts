import { ALREADY_SO, checkCampaignChange, NOTHING_TO_CHANGE } from '../../../../src/domain/policy/campaign-change';
import {
  CAMPAIGN_AND_COACH,
  campaignDetailLines,
  campaignLine,
  PASSKEY_TARGET_WARNING,
  SNOOZE_LIMIT_BETA_ONLY,
  type RegistrationCampaign,
} from '../../../../src/domain/policy/registration-campaign';

const campaign = (overrides: Partial<RegistrationCampaign> = {}): RegistrationCampaign => ({
  state: 'enabled',
  snoozeDays: 1,
  limitedSnoozes: null,
  includes: [{ kind: 'allUsers', id: 'all_users', method: 'microsoftAuthenticator' }],
  excludes: [],
  unknowns: [],
  ...overrides,
});

describe('checkCampaignChange', () => {
  it('takes the three states, a method and snooze days from 0 to 14, as typed or as card data', () => {
    expect(checkCampaignChange({ state: 'Microsoft managed', target: 'microsoftAuthenticator', snoozeDays: '14' })).toEqual({
      ok: true,
      change: { state: 'microsoftManaged', target: 'microsoftAuthenticator', snoozeDays: 14 },
      warnings: [],
    });
    expect(checkCampaignChange({ state: 'disabled', snoozeDays: 0 })).toMatchObject({
      ok: true,
      change: { state: 'disabled', snoozeDays: 0 },
    });
    expect(checkCampaignChange({ state: 'microsoft-managed' })).toMatchObject({ ok: true, change: { state: 'microsoftManaged' } });
  });

  it.each([15, -1, 1.5, '3 days', '', NaN, null, true])('refuses %p snooze days and says what is allowed', (snoozeDays) => {
    const check = checkCampaignChange({ snoozeDays });
    expect(check.ok).toBe(false);
    if (!check.ok)
      expect(check.refusals[0]).toMatch(/^Snooze days must be a whole number from 0 to 14 \(0 asks at every MFA sign-in\); got /);
  });

  it('refuses an unknown state or method, every fault at once', () => {
    expect(checkCampaignChange({ state: 'default', target: 'sms', snoozeDays: 30 })).toEqual({
      ok: false,
      refusals: [
        'The campaign state must be "Microsoft managed", "enabled" or "disabled"; got "default".',
        'The campaign can ask people to set up Microsoft Authenticator or a passkey; got "sms".',
        'Snooze days must be a whole number from 0 to 14 (0 asks at every MFA sign-in); got 30.',
      ],
    });
  });

  it('refuses an empty change', () => {
    expect(checkCampaignChange({})).toEqual({ ok: false, refusals: [NOTHING_TO_CHANGE] });
  });

  it('takes a passkey target, flagged as documented in Graph beta', () => {
    expect(checkCampaignChange({ target: 'passkey' })).toEqual({
      ok: true,
      change: { target: 'passkey' },
      warnings: [PASSKEY_TARGET_WARNING],
    });
    expect(PASSKEY_TARGET_WARNING).toMatch(/beta/);
  });

  it('refuses to change the snooze limit, which only Graph beta has', () => {
    expect(checkCampaignChange({ limitedSnoozes: true })).toEqual({ ok: false, refusals: [SNOOZE_LIMIT_BETA_ONLY] });
    expect(checkCampaignChange({ snoozeDays: 3, limitedSnoozes: false })).toEqual({ ok: false, refusals: [SNOOZE_LIMIT_BETA_ONLY] });
  });

  it('refuses a change that changes nothing, and keeps only what differs', () => {
    const current = campaign({ snoozeDays: 3 });
    expect(checkCampaignChange({ state: 'enabled', target: 'authenticator', snoozeDays: 3 }, current)).toEqual({
      ok: false,
      refusals: [ALREADY_SO],
    });
    expect(checkCampaignChange({ state: 'enabled', snoozeDays: 7 }, current)).toEqual({
      ok: true,
      change: { snoozeDays: 7 },
      warnings: [],
    });
    expect(checkCampaignChange({ target: 'passkey', snoozeDays: 3 }, current)).toEqual({
      ok: true,
      change: { target: 'passkey' },
      warnings: [PASSKEY_TARGET_WARNING],
    });
  });

  it('does not warn about passkeys when the campaign already asks for them', () => {
    const current = campaign({ includes: [{ kind: 'group', id: 'g-1', method: 'passkey' }] });
    expect(checkCampaignChange({ target: 'passkey', state: 'disabled' }, current)).toEqual({
      ok: true,
      change: { state: 'disabled' },
      warnings: [],
    });
  });

  it('treats a target as a change when the campaign mixes methods or names nobody', () => {
    const mixed = campaign({
      includes: [
        { kind: 'group', id: 'g-1', method: 'passkey' },
        { kind: 'group', id: 'g-2', method: 'microsoftAuthenticator' },
      ],
    });
    expect(checkCampaignChange({ target: 'microsoftAuthenticator' }, mixed)).toMatchObject({
      ok: true,
      change: { target: 'microsoftAuthenticator' },
    });
    expect(checkCampaignChange({ target: 'microsoftAuthenticator' }, campaign({ includes: [] }))).toMatchObject({ ok: true });
  });
});

describe('campaignLine', () => {
  it('describes the campaign in one line', () => {
    expect(campaignLine(campaign({ limitedSnoozes: true }))).toBe(
      'Registration campaign: on for all users, asks for Microsoft Authenticator, snooze 1 day, required after 3 snoozes',
    );
    expect(campaignLine(campaign({ state: 'microsoftManaged', snoozeDays: 0 }))).toBe(
      'Registration campaign: Microsoft managed (Microsoft turns it on for people who sign in with text messages or phone calls), asks for Microsoft Authenticator, asked at every MFA sign-in',
    );
    expect(
      campaignLine(
        campaign({
          includes: [{ kind: 'group', id: 'g-1', method: 'passkey' }],
          excludes: [{ kind: 'user', id: 'u-1' }],
          snoozeDays: 7,
        }),
      ),
    ).toBe('Registration campaign: on for 1 group, 1 excluded, asks for a passkey, snooze 7 days');
    expect(campaignLine(campaign({ state: 'disabled' }))).toBe('Registration campaign: off');
    expect(campaignLine(campaign({ state: 'unknown' }))).toBe('Registration campaign: in a state this version does not know');
    expect(campaignLine(campaign({ snoozeDays: null, includes: [{ kind: 'user', id: 'u-1', method: 'unknown' }] }))).toBe(
      'Registration campaign: on for 1 user, asks for a method this version does not know',
    );
  });

  it('explains why MFA Coach is still needed with the campaign on', () => {
    expect(CAMPAIGN_AND_COACH).toMatch(/only after they complete an MFA sign-in/);
    expect(CAMPAIGN_AND_COACH).toMatch(/no method at all/);
  });
});

describe('campaignDetailLines', () => {
  it('names who is included and excluded, the snooze limit, and how it fits with MFA Coach', () => {
    const names = (kind: string, id: string): string | undefined => (kind === 'group' && id === 'g-1' ? 'Finance' : undefined);
    const lines = campaignDetailLines(
      campaign({
        includes: [
          { kind: 'group', id: 'g-1', method: 'microsoftAuthenticator' },
          { kind: 'group', id: 'g-2', method: 'microsoftAuthenticator' },
        ],
        excludes: [{ kind: 'user', id: 'u-9' }],
        limitedSnoozes: false,
        unknowns: ["target type 'device'"],
      }),
      names,
    );
    expect(lines).toEqual([
      'Registration campaign: on for 2 groups, 1 excluded, asks for Microsoft Authenticator, snooze 1 day',
      'Included: 2 groups (Finance, g-2)',
      'Excluded: 1 user (u-9)',
      'Snooze limit: none; people may snooze for ever',
      CAMPAIGN_AND_COACH,
      "Not understood: target type 'device'",
    ]);
  });

  it('says when the snooze limit was not reported, and that nobody is excluded', () => {
    const lines = campaignDetailLines(campaign());
    expect(lines).toContain('Included: all users');
    expect(lines).toContain('Excluded: nobody');
    expect(lines).toContain('Snooze limit: not reported (Graph shows it in beta only)');
  });
});

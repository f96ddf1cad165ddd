import { audienceQuery, inAudience, type CampaignAudience } from '../../../../src/domain/campaigns/campaign-audience';
import type { UserMfaStatus } from '../../../../src/domain/mfa/user-registration';

const person = (over: Partial<UserMfaStatus>): UserMfaStatus => ({
  id: 'u1',
  userPrincipalName: 'Ada@Contoso.com',
  displayName: 'Ada',
  userType: 'member',
  accountEnabled: true,
  isAdmin: false,
  isMfaCapable: false,
  isMfaRegistered: false,
  methods: [],
  department: 'Finance',
  strength: 'none',
  isCriticalAdmin: false,
  countsInRates: true,
  ...over,
});
const all: CampaignAudience = { gaps: 'both', scope: { kind: 'all' }, excluded: [] };

describe('campaign audience', () => {
  it.each([
    ['none', 'none', true],
    ['none', 'weak', false],
    ['weak', 'weak', true],
    ['weak', 'none', false],
    ['both', 'none', true],
    ['both', 'weak', true],
    ['both', 'acceptable', false],
    ['both', 'strong', false],
  ] as const)('gaps %s takes someone whose MFA is %s: %s', (gaps, strength, taken) => {
    expect(inAudience(person({ strength }), { ...all, gaps })).toBe(taken);
  });

  it.each([
    [['sms'], 'weak', true],
    [['voice', 'email'], 'weak', true],
    // A tenant policy may judge SMS otherwise: what stops on the date does not depend on it.
    [['sms'], 'acceptable', true],
    [['sms', 'qrCodePin'], 'weak', true],
    [['sms', 'authenticatorPush'], 'strong', false],
    [['sms', 'externalAuth'], 'acceptable', false],
    [['email'], 'weak', false],
    [[], 'none', false],
  ] as const)('phone-only gaps take someone with %j (%s): %s', (methods, strength, taken) => {
    expect(inAudience(person({ methods: [...methods], strength }), { ...all, gaps: 'phoneOnly' })).toBe(taken);
  });

  it('asks the scan for every strength and the phone-only flag when the gaps are phone-only, and only the gaps otherwise', () => {
    expect(audienceQuery('phoneOnly')).toEqual({ strengths: ['strong', 'acceptable', 'weak', 'none'], phoneOnly: true });
    expect(audienceQuery('both')).toEqual({ strengths: ['none', 'weak'] });
  });

  it('never takes guests, disabled accounts or people left out of rates', () => {
    expect(inAudience(person({ userType: 'guest' }), all)).toBe(false);
    expect(inAudience(person({ accountEnabled: false }), all)).toBe(false);
    expect(inAudience(person({ countsInRates: false }), all)).toBe(false);
  });

  it('takes chosen departments in any case, and no one without a department', () => {
    const finance: CampaignAudience = { ...all, scope: { kind: 'departments', departments: [' finance ', 'Sales'] } };
    expect(inAudience(person({ department: 'FINANCE' }), finance)).toBe(true);
    expect(inAudience(person({ department: 'Legal' }), finance)).toBe(false);
    expect(inAudience(person({ department: undefined }), finance)).toBe(false);
  });

  it("takes a group's members only, and nobody when the members are not known", () => {
    const group: CampaignAudience = { ...all, scope: { kind: 'group', groupId: 'g1' } };
    expect(inAudience(person({ id: 'u1' }), group, new Set(['u1']))).toBe(true);
    expect(inAudience(person({ id: 'u2' }), group, new Set(['u1']))).toBe(false);
    expect(inAudience(person({ id: 'u1' }), group)).toBe(false);
  });

  it('leaves out the excluded, by user principal name in any case', () => {
    expect(inAudience(person({}), { ...all, excluded: ['ada@contoso.com'] })).toBe(false);
    expect(inAudience(person({}), { ...all, excluded: ['bob@contoso.com'] })).toBe(true);
  });

  it('"without what it asks for" follows the campaign\'s target: asked for a passkey, Authenticator users are in', () => {
    const missing = { ...all, gaps: 'missingTarget' } as const;
    const authenticator = person({ strength: 'strong', methods: ['authenticatorPush'] });
    const passkey = person({ strength: 'strong', methods: ['passkey'] });
    const codes = person({ strength: 'acceptable', methods: ['softwareOath'] });
    expect([authenticator, passkey, codes, person({})].map((p) => inAudience(p, missing, undefined, 'passkey'))).toEqual([
      true,
      false,
      true,
      true,
    ]);
    for (const target of ['authenticator', 'either'] as const)
      expect([authenticator, passkey, codes, person({})].map((p) => inAudience(p, missing, undefined, target))).toEqual([
        false,
        false,
        true,
        true,
      ]);
    expect(audienceQuery('missingTarget', 'passkey').strengths).toEqual(['strong', 'acceptable', 'weak', 'none']);
    expect(audienceQuery('missingTarget', 'authenticator').strengths).toEqual(['acceptable', 'weak', 'none']);
    // The other gaps do not change with the target.
    expect(inAudience(authenticator, { ...all, gaps: 'both' }, undefined, 'passkey')).toBe(false);
  });
});

import {
  mfaRequirement,
  requiresPhishingResistant,
  targetsAllApps,
  type PolicyGrant,
} from '../../../../src/domain/policy/conditional-access-policy';
import { MFA_STRENGTH, PHISHING_RESISTANT } from './policy-fixtures';

const grant = (overrides: Partial<PolicyGrant>): PolicyGrant => ({
  operator: 'OR',
  controls: [],
  strength: null,
  otherControls: 0,
  ...overrides,
});

describe('mfaRequirement', () => {
  it('requires MFA when MFA is the only control, whatever the operator', () => {
    expect(mfaRequirement(grant({ controls: ['mfa'] }))).toBe('required');
    expect(mfaRequirement(grant({ controls: ['mfa'], operator: 'unknown' }))).toBe('required');
    expect(mfaRequirement(grant({ strength: MFA_STRENGTH }))).toBe('required');
  });

  it('does not require MFA when OR lets a compliant device through instead', () => {
    expect(mfaRequirement(grant({ controls: ['mfa', 'compliantDevice'] }))).toBe('alternative');
  });

  it('requires MFA when AND asks for a compliant device as well', () => {
    expect(mfaRequirement(grant({ operator: 'AND', controls: ['mfa', 'compliantDevice'] }))).toBe('required');
  });

  it('counts terms of use and custom controls as ways round MFA under OR', () => {
    expect(mfaRequirement(grant({ controls: ['mfa'], otherControls: 1 }))).toBe('alternative');
    expect(mfaRequirement(grant({ operator: 'AND', controls: ['mfa'], otherControls: 1 }))).toBe('required');
  });

  it('reads an unknown operator over several controls as OR, and an unknown control as a way round', () => {
    expect(mfaRequirement(grant({ operator: 'unknown', controls: ['mfa', 'compliantDevice'] }))).toBe('alternative');
    expect(mfaRequirement(grant({ controls: ['mfa', 'unknown'] }))).toBe('alternative');
  });

  it('keeps MFA required under OR when every choice is an MFA one', () => {
    expect(mfaRequirement(grant({ controls: ['mfa'], strength: PHISHING_RESISTANT }))).toBe('required');
  });

  it('does not count a strength that may not grant MFA', () => {
    expect(mfaRequirement(grant({ strength: { ...MFA_STRENGTH, kind: 'custom', grantsMfa: 'unknown' } }))).toBe('none');
    expect(mfaRequirement(grant({ controls: ['mfa'], strength: { ...MFA_STRENGTH, kind: 'custom', grantsMfa: false } }))).toBe(
      'alternative',
    );
  });

  it('says block and none for what is not MFA', () => {
    expect(mfaRequirement(grant({ controls: ['block'] }))).toBe('block');
    expect(mfaRequirement(grant({ controls: ['compliantDevice'] }))).toBe('none');
  });
});

describe('requiresPhishingResistant', () => {
  it('needs the phishing-resistant strength, not the MFA one', () => {
    expect(requiresPhishingResistant(grant({ strength: PHISHING_RESISTANT }))).toBe(true);
    expect(requiresPhishingResistant(grant({ strength: MFA_STRENGTH }))).toBe(false);
  });

  it('is not required when plain MFA is offered beside it under OR', () => {
    expect(requiresPhishingResistant(grant({ controls: ['mfa'], strength: PHISHING_RESISTANT }))).toBe(false);
    expect(requiresPhishingResistant(grant({ operator: 'AND', controls: ['compliantDevice'], strength: PHISHING_RESISTANT }))).toBe(true);
  });
});

describe('targetsAllApps', () => {
  it('is All with nothing excluded and no filter', () => {
    expect(targetsAllApps({ include: ['All'], exclude: [], filtered: false })).toBe(true);
    expect(targetsAllApps({ include: ['All'], exclude: ['00000002-0000-0ff1-ce00-000000000000'], filtered: false })).toBe(false);
    expect(targetsAllApps({ include: ['Office365'], exclude: [], filtered: false })).toBe(false);
    expect(targetsAllApps({ include: ['All'], exclude: [], filtered: true })).toBe(false);
  });
});

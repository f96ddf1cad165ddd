import { DEFAULT_ADMIN_ROLES } from '../../../../src/domain/policy/admin-roles';
import { assessMfaRequirement, SECURITY_DEFAULTS_NOTE } from '../../../../src/domain/policy/mfa-assessment';
import { peopleLeftOut } from '../../../../src/domain/policy/people-left-out';
import { adminRolesLine, mfaRequirementLine, policyDetailLines } from '../../../../src/domain/policy/policy-summaries';
import {
  allUsers,
  GLOBAL_ADMIN,
  HELPDESK_ADMIN,
  MFA_STRENGTH,
  only,
  PASSWORDLESS,
  person,
  PHISHING_RESISTANT,
  policy,
} from './policy-fixtures';

const ids = (policies: readonly { id: string }[]): string[] => policies.map((p) => p.id);

describe('assessMfaRequirement', () => {
  it('counts an enforced all-users, all-apps MFA policy and unions what it excludes', () => {
    const assessment = assessMfaRequirement(
      [policy({ users: allUsers({ users: ['break-glass'], groups: ['g-contractors'], roles: [HELPDESK_ADMIN] }) })],
      false,
    );
    expect(assessment.by).toBe('conditionalAccess');
    expect(ids(assessment.counting)).toEqual(['p-all']);
    expect(assessment.allUsersIncluded).toBe(true);
    expect(assessment.exclusions).toEqual({ users: ['break-glass'], groups: ['g-contractors'], roles: [HELPDESK_ADMIN], guests: false });
    expect(mfaRequirementLine(assessment)).toBe('MFA required for all users by Conditional Access; excluded: 1 user, 1 group, 1 role');
  });

  it('counts a policy for one group, but does not take it for all users', () => {
    const assessment = assessMfaRequirement([policy({ users: only({ groups: ['g-finance'] }) })], false);
    expect(ids(assessment.counting)).toEqual(['p-all']);
    expect(assessment.allUsersIncluded).toBe(false);
    expect(mfaRequirementLine(assessment)).toBe('MFA required by Conditional Access for some people only (named users, groups or roles)');
  });

  it('lists report-only and disabled policies without ever counting them', () => {
    const assessment = assessMfaRequirement(
      [policy({ id: 'p-ro', state: 'reportOnly' }), policy({ id: 'p-off', state: 'off' }), policy({ id: 'p-odd', state: 'unknown' })],
      false,
    );
    expect(assessment.by).toBe('nothing');
    expect(assessment.counting).toEqual([]);
    expect(assessment.reportOnly).toEqual([{ policy: { id: 'p-ro', name: 'Require MFA for everyone' }, wouldCount: true }]);
    expect(assessment.off).toEqual([{ policy: { id: 'p-off', name: 'Require MFA for everyone' }, wouldCount: true }]);
    expect(ids(assessment.unknownState)).toEqual(['p-odd']);
    expect(mfaRequirementLine(assessment)).toBe(
      'No enabled Conditional Access policy requires MFA for all cloud apps (1 report-only, 1 disabled)',
    );
  });

  it('does not mention a report-only policy that would not count anyway', () => {
    const assessment = assessMfaRequirement(
      [policy({ state: 'reportOnly', apps: { include: ['Office365'], exclude: [], filtered: false } })],
      false,
    );
    expect(mfaRequirementLine(assessment)).toBe('No enabled Conditional Access policy requires MFA for all cloud apps');
  });

  it.each([
    ['an app is excluded', { apps: { include: ['All'], exclude: ['app-1'], filtered: false } }, 'excludes 1 app (app-1)'],
    [
      'it targets Office 365 only',
      { apps: { include: ['Office365'], exclude: [], filtered: false } },
      'applies to some apps only (Office365)',
    ],
    [
      'client apps are narrowed',
      { narrowedBy: [{ kind: 'clientApps' as const, detail: 'client apps: browser' }] },
      'only for client apps: browser',
    ],
    [
      'OR with a compliant device',
      { grant: { operator: 'OR' as const, controls: ['mfa', 'compliantDevice'] as const, strength: null, otherControls: 0 } },
      'MFA or another control (OR): MFA is not strictly required',
    ],
  ])('does not count an enforced MFA policy when %s, and says why', (_case, overrides, reason) => {
    const assessment = assessMfaRequirement([policy(overrides)], false);
    expect(assessment.counting).toEqual([]);
    expect(assessment.notCounting).toEqual([{ policy: { id: 'p-all', name: 'Require MFA for everyone' }, reasons: [reason] }]);
  });

  it('counts AND with a compliant device, and a strength that grants MFA', () => {
    const and = policy({ id: 'p-and', grant: { operator: 'AND', controls: ['mfa', 'compliantDevice'], strength: null, otherControls: 0 } });
    const strength = policy({ id: 'p-strength', grant: { operator: 'OR', controls: [], strength: MFA_STRENGTH, otherControls: 0 } });
    expect(ids(assessMfaRequirement([and, strength], false).counting)).toEqual(['p-and', 'p-strength']);
  });

  it('counts each built-in strength, none of a custom strength that may not grant MFA', () => {
    const withStrength = (id: string, strength: typeof MFA_STRENGTH) =>
      policy({ id, grant: { operator: 'OR', controls: [], strength, otherControls: 0 } });
    const custom = { ...MFA_STRENGTH, id: 'custom-1', kind: 'custom' as const, grantsMfa: 'unknown' as const };
    const assessment = assessMfaRequirement(
      [
        withStrength('p-mfa', MFA_STRENGTH),
        withStrength('p-pwless', PASSWORDLESS),
        withStrength('p-pr', PHISHING_RESISTANT),
        withStrength('p-custom', custom),
      ],
      false,
    );
    expect(ids(assessment.counting)).toEqual(['p-mfa', 'p-pwless', 'p-pr']);
    expect(assessment.notCounting).toEqual([]);
  });

  it('does not count a block policy, nor list it as a near miss', () => {
    const block = policy({ id: 'p-block', grant: { operator: 'OR', controls: ['block'], strength: null, otherControls: 0 } });
    const assessment = assessMfaRequirement([block], false);
    expect(assessment.by).toBe('nothing');
    expect(assessment.counting).toEqual([]);
    expect(assessment.notCounting).toEqual([]);
  });

  it('says a report-only or disabled policy would not count when it would not', () => {
    const either = { operator: 'OR' as const, controls: ['mfa', 'compliantDevice'] as const, strength: null, otherControls: 0 };
    const assessment = assessMfaRequirement(
      [policy({ state: 'reportOnly', grant: either }), policy({ id: 'p-off', state: 'off', grant: either })],
      false,
    );
    expect(assessment.reportOnly).toEqual([{ policy: { id: 'p-all', name: 'Require MFA for everyone' }, wouldCount: false }]);
    expect(assessment.off).toEqual([{ policy: { id: 'p-off', name: 'Require MFA for everyone' }, wouldCount: false }]);
  });

  it('says guests are excluded when an all-users policy leaves them out', () => {
    const assessment = assessMfaRequirement(
      [policy({ users: allUsers({ guests: { kinds: ['b2bGuest'], someTenantsOnly: false } }) })],
      false,
    );
    expect(assessment.exclusions.guests).toBe(true);
    expect(mfaRequirementLine(assessment)).toBe('MFA required for all users by Conditional Access; excluded: guests');
  });

  it('takes security defaults as everyone, with its own note', () => {
    const assessment = assessMfaRequirement([], true);
    expect(assessment.by).toBe('securityDefaults');
    expect(assessment.notes).toContain(SECURITY_DEFAULTS_NOTE);
    expect(mfaRequirementLine(assessment)).toBe('MFA required for everyone by security defaults');
    expect(adminRolesLine(assessment)).toBe('Admin roles: phishing-resistant MFA not required');
  });

  it('passes on what the adapter did not understand', () => {
    const assessment = assessMfaRequirement([policy({ name: 'Odd', unknowns: ["grant control 'riskRemediation'"] })], false);
    expect(assessment.notes).toEqual(['"Odd": not understood: grant control \'riskRemediation\'.']);
  });
});

describe('policyDetailLines', () => {
  it('says what counts, what does not and why, what is not enforced, and who is left out', () => {
    const everyone = policy({
      id: 'p-1',
      name: 'MFA everyone',
      users: allUsers({ users: ['u-bg'], groups: ['g-x'], roles: [HELPDESK_ADMIN] }),
    });
    const o365 = policy({ id: 'p-2', name: 'MFA Office', apps: { include: ['Office365'], exclude: [], filtered: false } });
    const reportOnly = policy({ id: 'p-3', name: 'Trial', state: 'reportOnly' });
    const disabled = policy({
      id: 'p-4',
      name: 'Old',
      state: 'off',
      grant: { operator: 'OR', controls: ['block'], strength: null, otherControls: 0 },
    });
    const assessment = assessMfaRequirement([everyone, o365, reportOnly, disabled], false);
    const people = peopleLeftOut(assessment, [
      person('u-1'),
      person('u-2', { groupIds: new Set(['g-x']) }),
      person('u-bg'),
      person('u-help', { roleTemplateIds: new Set([HELPDESK_ADMIN]) }),
    ]);
    const names = {
      user: (id: string) => (id === 'u-bg' ? 'Break glass' : undefined),
      group: (id: string) => (id === 'g-x' ? 'Contractors' : undefined),
    };
    expect(policyDetailLines(assessment, people, names)).toEqual([
      'MFA required for 25% by Conditional Access; 3 people excluded',
      'Counts: "MFA everyone" requires MFA for all users, excluding 1 user (Break glass), 1 group (Contractors), 1 role (Helpdesk Administrator)',
      'Does not count: "MFA Office": applies to some apps only (Office365)',
      'Report-only, not enforced: "Trial" (would count if turned on)',
      'Disabled, not enforced: "Old"',
      'Left out by excluded group Contractors: 1 person',
      'Left out by excluded role Helpdesk Administrator: 1 person',
      'Excluded by name: 1 person',
      'Admin roles: phishing-resistant MFA not required',
    ]);
  });

  it('shows ids it cannot name, and admin roles left without phishing-resistant MFA', () => {
    const admins = policy({
      id: 'p-a',
      name: 'Admins',
      users: only({ roles: [GLOBAL_ADMIN] }),
      grant: { operator: 'OR', controls: [], strength: PHISHING_RESISTANT, otherControls: 0 },
    });
    const lines = policyDetailLines(assessMfaRequirement([admins], false, [GLOBAL_ADMIN, HELPDESK_ADMIN]));
    expect(lines).toEqual([
      'MFA required by Conditional Access for some people only (named users, groups or roles)',
      'Counts: "Admins" requires MFA for 1 role (Global Administrator)',
      'Admin roles: phishing-resistant MFA not required (missing for 1 of 2 roles)',
      'Roles without it: Helpdesk Administrator',
    ]);
  });

  it('passes the security defaults note on', () => {
    expect(policyDetailLines(assessMfaRequirement([], true))).toEqual([
      'MFA required for everyone by security defaults',
      'Admin roles: phishing-resistant MFA not required',
      SECURITY_DEFAULTS_NOTE,
    ]);
  });
});

describe('admin roles and phishing-resistant MFA', () => {
  const phishingResistant = { operator: 'OR' as const, controls: [], strength: PHISHING_RESISTANT, otherControls: 0 };

  it('is required when an enforced policy for every admin role asks for the phishing-resistant strength', () => {
    const admins = policy({ id: 'p-admins', users: only({ roles: DEFAULT_ADMIN_ROLES }), grant: phishingResistant });
    const assessment = assessMfaRequirement([policy(), admins], false);
    expect(assessment.adminRoles).toMatchObject({ phishingResistantRequired: true, rolesLeftOut: [], policies: [{ id: 'p-admins' }] });
    expect(adminRolesLine(assessment)).toBe('Admin roles: phishing-resistant MFA required');
  });

  it('counts an all-users policy, but not for a role it excludes', () => {
    const everyone = policy({ users: allUsers({ roles: [HELPDESK_ADMIN] }), grant: phishingResistant });
    const assessment = assessMfaRequirement([everyone], false);
    expect(assessment.adminRoles.rolesLeftOut).toEqual([HELPDESK_ADMIN]);
    expect(adminRolesLine(assessment)).toBe('Admin roles: phishing-resistant MFA not required (missing for 1 of 15 roles)');
  });

  it('is not required by the MFA strength, by a report-only policy, or for some apps only', () => {
    const roles = only({ roles: DEFAULT_ADMIN_ROLES });
    const cases = [
      policy({ users: roles, grant: { ...phishingResistant, strength: MFA_STRENGTH } }),
      policy({ users: roles, grant: phishingResistant, state: 'reportOnly' }),
      policy({ users: roles, grant: phishingResistant, apps: { include: ['MicrosoftAdminPortals'], exclude: [], filtered: false } }),
    ];
    for (const p of cases) expect(assessMfaRequirement([p], false).adminRoles.phishingResistantRequired).toBe(false);
  });

  it('says when the admin policy has exclusions', () => {
    const admins = policy({ users: only({ roles: [GLOBAL_ADMIN] }, { users: ['break-glass'] }), grant: phishingResistant });
    const assessment = assessMfaRequirement([admins], false, [GLOBAL_ADMIN]);
    expect(adminRolesLine(assessment)).toBe('Admin roles: phishing-resistant MFA required, with exclusions');
  });
});

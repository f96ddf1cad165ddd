import { assessMfaRequirement } from '../../../../src/domain/policy/mfa-assessment';
import { peopleLeftOut, toPerson } from '../../../../src/domain/policy/people-left-out';
import { postureRequirementLine } from '../../../../src/domain/policy/policy-report';
import { allUsers, policy } from './policy-fixtures';

const people = Array.from({ length: 40 }, (_, i) => toPerson({ id: `u${i}`, groupIds: i < 2 ? ['g-excluded'] : [] }));

describe("posture's line on who must use MFA", () => {
  it('gives the share Conditional Access covers and how many it leaves out, as a warning when someone is', () => {
    const assessment = assessMfaRequirement([policy({ users: allUsers({ groups: ['g-excluded'] }) })], false);

    const line = postureRequirementLine({ read: true, assessment, people: peopleLeftOut(assessment, people), names: {}, notes: [] });

    expect(line).toEqual({ text: 'MFA required for 95% by Conditional Access; 2 people excluded', tone: 'warning' });
  });

  it('is good news when everyone is covered, by a policy or by security defaults', () => {
    const everyone = assessMfaRequirement([policy()], false);
    expect(
      postureRequirementLine({ read: true, assessment: everyone, people: peopleLeftOut(everyone, people), names: {}, notes: [] }).tone,
    ).toBe('good');
    const defaults = assessMfaRequirement([], true);
    expect(postureRequirementLine({ read: true, assessment: defaults, names: {}, notes: [] })).toEqual({
      text: 'MFA required for everyone by security defaults',
      tone: 'good',
    });
  });

  it('raises the alarm when nothing enforced requires MFA: report-only does not count', () => {
    const assessment = assessMfaRequirement([policy({ state: 'reportOnly' })], false);

    const line = postureRequirementLine({ read: true, assessment, names: {}, notes: [] });

    expect(line.tone).toBe('attention');
    expect(line.text).toMatch(/^No enabled Conditional Access policy requires MFA for all cloud apps/);
  });

  it('says which permission it lacks when it could not read the policies', () => {
    const line = postureRequirementLine({
      read: false,
      failure: { reason: 'notPermitted', permission: 'Policy.Read.All', detail: 'Graph refused: Policy.Read.All is not granted' },
    });

    expect(line).toEqual({
      text: 'Who must use MFA by policy: not read (MFA Coach lacks Policy.Read.All); say "policy" for more',
      tone: 'neutral',
    });
  });
});

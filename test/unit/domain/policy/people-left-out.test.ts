import { assessMfaRequirement } from '../../../../src/domain/policy/mfa-assessment';
import { addLeftOut, peopleLeftOut, toPerson, type Person } from '../../../../src/domain/policy/people-left-out';
import { mfaRequirementLine } from '../../../../src/domain/policy/policy-summaries';
import { allUsers, HELPDESK_ADMIN, only, person, policy } from './policy-fixtures';

const GUEST_POLICY_KINDS = { kinds: ['internalGuest', 'b2bGuest'] as const, someTenantsOnly: false };

describe('peopleLeftOut', () => {
  it('counts people left out by an excluded group, user and role, and ignores disabled accounts', () => {
    const assessment = assessMfaRequirement(
      [policy({ users: allUsers({ users: ['u-bg'], groups: ['g-x'], roles: [HELPDESK_ADMIN] }) })],
      false,
    );
    const people = [
      person('u-1'),
      person('u-2', { groupIds: new Set(['g-x', 'g-y']) }),
      person('u-3', { groupIds: new Set(['g-x']) }),
      person('u-bg'),
      person('u-help', { roleTemplateIds: new Set([HELPDESK_ADMIN.toUpperCase()]) }),
      person('u-gone', { enabled: false, groupIds: new Set(['g-x']) }),
    ];
    const result = peopleLeftOut(assessment, people);
    expect(result).toMatchObject({ enabled: 5, covered: 1, leftOut: 4, coveredPercent: 20 });
    expect(result.byReason).toEqual({ excludedUser: 1, excludedRole: 1, excludedGroup: 2, excludedGuest: 0, notIncluded: 0 });
    expect(result.byGroup).toEqual(new Map([['g-x', 2]]));
    expect(result.byRole).toEqual(new Map([[HELPDESK_ADMIN, 1]]));
    expect(result.leftOutIds).toEqual(['u-2', 'u-3', 'u-bg', 'u-help']);
    expect(mfaRequirementLine(assessment, result)).toBe('MFA required for 20% by Conditional Access; 4 people excluded');
  });

  it('leaves out people a group-only policy does not include', () => {
    const assessment = assessMfaRequirement([policy({ users: only({ groups: ['g-finance'] }) })], false);
    const result = peopleLeftOut(assessment, [person('u-1', { groupIds: new Set(['g-finance']) }), person('u-2'), person('u-3')]);
    expect(result.byReason.notIncluded).toBe(2);
    expect(mfaRequirementLine(assessment, result)).toBe('MFA required for 33% by Conditional Access; 2 people not included');
  });

  it('covers someone one policy excludes when another includes them', () => {
    const everyone = policy({ id: 'p-1', users: allUsers({ groups: ['g-x'] }) });
    const finance = policy({ id: 'p-2', users: only({ groups: ['g-finance'] }) });
    const result = peopleLeftOut(assessMfaRequirement([everyone, finance], false), [
      person('u-1', { groupIds: new Set(['g-x', 'g-finance']) }),
      person('u-2', { groupIds: new Set(['g-x']) }),
    ]);
    expect(result.leftOutIds).toEqual(['u-2']);
  });

  it('leaves everyone out when no policy counts, and no one under security defaults', () => {
    const people = [person('u-1'), person('u-2')];
    expect(peopleLeftOut(assessMfaRequirement([policy({ state: 'reportOnly' })], false), people).byReason.notIncluded).toBe(2);
    const defaults = assessMfaRequirement([], true);
    expect(peopleLeftOut(defaults, people)).toMatchObject({ enabled: 2, covered: 2, leftOut: 0 });
  });

  it('leaves out guests that an all-users policy excludes, members stay covered', () => {
    const assessment = assessMfaRequirement([policy({ users: allUsers({ guests: GUEST_POLICY_KINDS }) })], false);
    const result = peopleLeftOut(assessment, [person('u-1'), person('guest-1', { isGuest: true })]);
    expect(result.byReason.excludedGuest).toBe(1);
    expect(result.leftOutIds).toEqual(['guest-1']);
  });

  it('reads guest kinds cautiously: unknown excludes, some organisations only does not include', () => {
    const guest = person('guest-1', { isGuest: true });
    const unknownExcluded = assessMfaRequirement(
      [policy({ users: allUsers({ guests: { kinds: ['unknown'], someTenantsOnly: false } }) })],
      false,
    );
    expect(peopleLeftOut(unknownExcluded, [guest]).byReason.excludedGuest).toBe(1);
    const someIncluded = assessMfaRequirement(
      [policy({ users: only({ guests: { ...GUEST_POLICY_KINDS, someTenantsOnly: true } }) })],
      false,
    );
    expect(peopleLeftOut(someIncluded, [guest]).byReason.notIncluded).toBe(1);
    const directConnectExcluded = assessMfaRequirement(
      [policy({ users: allUsers({ guests: { kinds: ['b2bDirectConnect'], someTenantsOnly: false } }) })],
      false,
    );
    expect(peopleLeftOut(directConnectExcluded, [guest]).leftOut).toBe(0);
  });

  it('rounds the share down, so 100% is never shown while someone is left out', () => {
    const assessment = assessMfaRequirement([policy({ users: allUsers({ users: ['u-0'] }) })], false);
    const people = Array.from({ length: 1000 }, (_, i) => person(`u-${i}`));
    const result = peopleLeftOut(assessment, people);
    expect(result.coveredPercent).toBe(99);
    expect(mfaRequirementLine(assessment, result)).toBe('MFA required for 99% by Conditional Access; 1 person excluded');
    expect(peopleLeftOut(assessment, []).coveredPercent).toBeNull();
    expect(mfaRequirementLine(assessment, peopleLeftOut(assessment, []))).toBe(
      'MFA required by Conditional Access; no enabled people to count',
    );
  });

  it('reads the bot directory entries: guests by userType, only an explicit false as disabled', () => {
    expect(toPerson({ id: 'g', userType: 'Guest', groupIds: ['g-1'], roleTemplateIds: [HELPDESK_ADMIN] })).toEqual({
      id: 'g',
      groupIds: new Set(['g-1']),
      roleTemplateIds: new Set([HELPDESK_ADMIN]),
      isGuest: true,
      enabled: true,
    });
    expect(toPerson({ id: 'm', userType: 'Member', accountEnabled: false })).toMatchObject({ isGuest: false, enabled: false });
    expect(toPerson({ id: 'x', userType: null, accountEnabled: null })).toMatchObject({ isGuest: false, enabled: true });
  });

  it('stays linear: 100,000 people with many groups each against several policies in well under a second', () => {
    const excludedGroups = Array.from({ length: 200 }, (_, i) => `g-ex-${i}`);
    const assessment = assessMfaRequirement(
      [
        policy({ id: 'p-1', users: allUsers({ groups: excludedGroups, users: ['u-7'] }) }),
        policy({ id: 'p-2', users: only({ groups: ['g-ex-3'], roles: [HELPDESK_ADMIN] }) }),
        policy({ id: 'p-3', users: only({ users: ['u-9'] }) }),
      ],
      false,
    );
    const people: Person[] = Array.from({ length: 100_000 }, (_, i) =>
      person(`u-${i}`, { groupIds: new Set([`g-${i % 50}`, `g-${i % 7}`, ...(i % 100 === 0 ? ['g-ex-5'] : [])]) }),
    );
    const started = performance.now();
    const result = peopleLeftOut(assessment, people);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(result.byGroup).toEqual(new Map([['g-ex-5', 1000]]));
    expect(result.byReason.excludedUser).toBe(1);
    expect(result.leftOut).toBe(1001);
  });
});

describe('addLeftOut', () => {
  it('counts a tenant page by page exactly as it counts it whole', () => {
    const assessment = assessMfaRequirement(
      [policy({ users: allUsers({ users: ['u-bg'], groups: ['g-x'], roles: [HELPDESK_ADMIN] }) })],
      false,
    );
    const people = [
      person('u-1'),
      person('u-2', { groupIds: new Set(['g-x']) }),
      person('u-bg'),
      person('u-3', { groupIds: new Set(['g-x']) }),
      person('u-help', { roleTemplateIds: new Set([HELPDESK_ADMIN]) }),
      person('u-gone', { enabled: false }),
      person('u-4'),
    ];
    const whole = peopleLeftOut(assessment, people);
    const paged = [people.slice(0, 2), people.slice(2, 5), people.slice(5)]
      .map((page) => peopleLeftOut(assessment, page))
      .reduce(addLeftOut, peopleLeftOut(assessment, []));
    expect(paged).toEqual(whole);
    expect(paged).toMatchObject({ enabled: 6, covered: 2, leftOut: 4, coveredPercent: 33 });
  });
});

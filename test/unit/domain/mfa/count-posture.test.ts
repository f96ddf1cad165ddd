import { classifyRegistration } from '../../../../src/domain/mfa/classify-registration';
import { countPosture } from '../../../../src/domain/mfa/count-posture';
import { addCounts, countedPeople, NO_COUNTS } from '../../../../src/domain/mfa/posture-counts';
import { registration } from '../../../fakes/registration';
import type { UserRegistration } from '../../../../src/domain/mfa/user-registration';

let next = 0;
function judged(overrides: Partial<UserRegistration>) {
  next += 1;
  return classifyRegistration(
    registration({ id: `u${next}`, userPrincipalName: `u${next}@contoso.example`, displayName: `User ${next}`, ...overrides }),
  );
}

describe('countPosture', () => {
  it('counts each strength, critical admins and the excluded, overall and per department', () => {
    const tally = countPosture([
      judged({ department: 'Sales', methods: ['authenticatorPush', 'sms'] }),
      judged({ department: 'Sales', methods: ['sms'], isAdmin: true }),
      judged({ department: 'Sales', methods: [] }),
      judged({ department: 'IT', methods: ['softwareOath'] }),
      judged({ department: 'IT', methods: ['passkey'], isAdmin: true }),
      judged({ methods: ['email'] }),
      // Excluded from rates, but a guest admin without strong MFA is still critical.
      judged({ department: 'IT', userType: 'guest', isAdmin: true, methods: ['sms'] }),
      judged({ department: 'Sales', accountEnabled: false, methods: [] }),
    ]);

    const zero = { phoneOnly: 0, phishingResistant: 0, admins: 0, adminsPhishingResistant: 0 };
    expect(tally.overall).toEqual({
      ...{ strong: 2, acceptable: 1, weak: 2, none: 1, criticalAdmins: 2, excluded: 2 },
      // The SMS admin is phone-only; the passkey admin is phishing-resistant; the guest admin is an admin all the same.
      ...{ phoneOnly: 1, phishingResistant: 1, admins: 3, adminsPhishingResistant: 1 },
    });
    expect(tally.byDepartment).toEqual({
      Sales: { strong: 1, acceptable: 0, weak: 1, none: 1, criticalAdmins: 1, excluded: 1, ...zero, phoneOnly: 1, admins: 1 },
      IT: {
        strong: 1,
        acceptable: 1,
        weak: 0,
        none: 0,
        criticalAdmins: 1,
        excluded: 1,
        ...zero,
        phishingResistant: 1,
        admins: 2,
        adminsPhishingResistant: 1,
      },
      '': { strong: 0, acceptable: 0, weak: 1, none: 0, criticalAdmins: 0, excluded: 0, ...zero },
    });
    // Methods of people counted in rates only; the guest's SMS is not there.
    expect(tally.byMethod).toEqual({ authenticatorPush: 1, sms: 2, softwareOath: 1, passkey: 1, email: 1 });
  });

  it('counts a method once per person even when listed twice', () => {
    expect(countPosture([judged({ methods: ['sms', 'sms'] })]).byMethod).toEqual({ sms: 1 });
  });

  it('counts nobody as zeros', () => {
    expect(countPosture([])).toEqual({ overall: NO_COUNTS, byDepartment: {}, byMethod: {} });
  });
});

describe('counts arithmetic', () => {
  it('adds field by field and counts only the four strengths as people in rates', () => {
    const a = { strong: 1, acceptable: 2, weak: 3, none: 4, criticalAdmins: 5, excluded: 6 };
    const b = { strong: 10, acceptable: 20, weak: 30, none: 40, criticalAdmins: 50, excluded: 60 };

    expect(addCounts(a, b)).toEqual({ strong: 11, acceptable: 22, weak: 33, none: 44, criticalAdmins: 55, excluded: 66 });
    expect(countedPeople(a)).toBe(10);
  });

  it('adds the readiness figures when both sides counted them, and leaves them uncounted otherwise', () => {
    const a = { ...NO_COUNTS, phoneOnly: 2, phishingResistant: 3, admins: 4, adminsPhishingResistant: 1 };
    const older = { strong: 1, acceptable: 0, weak: 0, none: 0, criticalAdmins: 0, excluded: 0 };

    expect(addCounts(a, a)).toMatchObject({ phoneOnly: 4, phishingResistant: 6, admins: 8, adminsPhishingResistant: 2 });
    const mixed = addCounts(a, older);
    expect(mixed.strong).toBe(1);
    expect(mixed).not.toHaveProperty('phoneOnly');
    expect(mixed).not.toHaveProperty('admins');
  });
});

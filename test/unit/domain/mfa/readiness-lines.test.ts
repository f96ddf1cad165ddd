import { postureChange, postureFigures } from '../../../../src/domain/mfa/posture-figures';
import { NO_COUNTS, type PostureCounts } from '../../../../src/domain/mfa/posture-counts';
import { readinessLines } from '../../../../src/domain/mfa/readiness-lines';

// Dates are given, never read from the clock: the wording turns on 1 February 2027 itself.
const BEFORE = new Date('2026-12-05T09:00:00Z');
const ON_THE_DAY = new Date('2027-02-01T15:00:00Z');
const AFTER = new Date('2027-02-04T09:00:00Z');

function counts(overrides: Partial<PostureCounts>): PostureCounts {
  return { ...NO_COUNTS, strong: 600, acceptable: 100, weak: 200, none: 100, ...overrides };
}

describe("the posture card's readiness lines", () => {
  it('counts down to the end of SMS and voice with the share of people who rely on them alone and the change', () => {
    const now = counts({ phoneOnly: 41, phishingResistant: 82, admins: 10, adminsPhishingResistant: 4 });
    const before = counts({ phoneOnly: 53, phishingResistant: 70 });

    const [phone, resistant] = readinessLines(BEFORE, postureFigures(now), postureChange(now, before));

    expect(phone).toEqual({
      text: 'SMS and voice stop on 1 February 2027 (58 days): 41 people (4.1%) rely on them only (12 fewer since the last scan)',
      tone: 'warning',
    });
    expect(resistant).toEqual({
      text: 'Phishing-resistant MFA: 82 people (8.2%, +1.2 pts); 4 of 10 admins, who should have it first',
      tone: 'warning',
    });
  });

  it('says so on the day, and what has happened after it', () => {
    const figures = postureFigures(counts({ phoneOnly: 1 }));

    expect(readinessLines(ON_THE_DAY, figures)[0]).toEqual({
      text: 'SMS and voice stop today, 1 February 2027: 1 person (0.1%) relies on them only',
      tone: 'attention',
    });
    expect(readinessLines(AFTER, figures)[0]).toEqual({
      text:
        'SMS and voice stopped on 1 February 2027 (3 days ago): people who relied on them must register another method at their next ' +
        'sign-in. 1 person (0.1%) still had only SMS or voice at the last scan',
      tone: 'attention',
    });
  });

  it('gives good news plainly when nobody relies on a phone alone, before and after the date', () => {
    const figures = postureFigures(counts({ phoneOnly: 0 }));

    expect(readinessLines(BEFORE, figures)[0]).toEqual({
      text: 'SMS and voice stop on 1 February 2027 (58 days): nobody relies on them alone',
      tone: 'good',
    });
    expect(readinessLines(AFTER, figures)[0]!.text).toMatch(/\. Nobody had only SMS or voice at the last scan$/);
  });

  it('says more when the count grew, and nothing of a change when it did not move', () => {
    const grew = readinessLines(
      BEFORE,
      postureFigures(counts({ phoneOnly: 5 })),
      postureChange(counts({ phoneOnly: 5 }), counts({ phoneOnly: 2 })),
    );
    const same = readinessLines(
      BEFORE,
      postureFigures(counts({ phoneOnly: 5 })),
      postureChange(counts({ phoneOnly: 5 }), counts({ phoneOnly: 5 })),
    );

    expect(grew[0]!.text).toMatch(/\(3 more since the last scan\)$/);
    expect(same[0]!.text).toMatch(/rely on them only$/);
  });

  it('says every admin has phishing-resistant MFA when they do, and leaves admins out when there are none', () => {
    const all = readinessLines(
      BEFORE,
      postureFigures(counts({ phoneOnly: 0, phishingResistant: 10, admins: 3, adminsPhishingResistant: 3 })),
    );
    const none = readinessLines(
      BEFORE,
      postureFigures(counts({ phoneOnly: 0, phishingResistant: 10, admins: 0, adminsPhishingResistant: 0 })),
    );

    expect(all[1]).toEqual({ text: 'Phishing-resistant MFA: 10 people (1%); every admin has it (3)', tone: 'neutral' });
    expect(none[1]).toEqual({ text: 'Phishing-resistant MFA: 10 people (1%)', tone: 'neutral' });
  });

  it('shows no line for a figure the scan did not count, and no change against a scan that did not count it', () => {
    const older: PostureCounts = { strong: 600, acceptable: 100, weak: 200, none: 100, criticalAdmins: 0, excluded: 0 };
    const now = counts({ phoneOnly: 7, phishingResistant: 3, admins: 1, adminsPhishingResistant: 1 });

    expect(readinessLines(BEFORE, postureFigures(older))).toEqual([]);
    const lines = readinessLines(BEFORE, postureFigures(now), postureChange(now, older));
    expect(lines.map((l) => l.text)).toEqual([
      'SMS and voice stop on 1 February 2027 (58 days): 7 people (0.7%) rely on them only',
      'Phishing-resistant MFA: 3 people (0.3%); every admin has it (1)',
    ]);
  });
});

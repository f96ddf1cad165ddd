import { parseCampaignPlan, type CampaignForm } from '../../../../src/domain/campaigns/campaign-plan';
import { firstRunFrom } from '../../../../src/domain/campaigns/campaign-schedule';

const form: CampaignForm = {
  name: 'Finance before year end',
  gaps: 'both',
  scope: 'departments',
  departments: 'Finance, Sales',
  excluded: 'CFO@contoso.com',
  scheduleKind: 'recurring',
  date: '2026-12-01',
  endDate: '2026-12-18',
  weekdays: '2,4',
  time: '10:00',
  timeZone: 'Europe/London',
  window: '09-17 Mon-Fri',
  deadline: '2026-12-31',
  maxNudges: '3',
  escalateAfter: '2',
};

/** The form is filled in on a Monday morning, before any date in it. */
const now = new Date('2026-11-23T08:00:00Z');

const problems = (over: CampaignForm) => {
  const result = parseCampaignPlan({ ...form, ...over }, now);
  return 'problems' in result ? result.problems : [];
};

describe('the campaign form', () => {
  it('reads a complete form into a plan', () => {
    expect(parseCampaignPlan(form, now)).toEqual({
      plan: {
        name: 'Finance before year end',
        audience: { gaps: 'both', scope: { kind: 'departments', departments: ['Finance', 'Sales'] }, excluded: ['cfo@contoso.com'] },
        target: 'authenticator',
        schedule: {
          kind: 'recurring',
          weekdays: [2, 4],
          time: '10:00',
          timeZone: 'Europe/London',
          startDate: '2026-12-01',
          endDate: '2026-12-18',
        },
        window: { startHour: 9, endHour: 17, weekdays: [1, 2, 3, 4, 5] },
        deadline: '2026-12-31',
        maxNudgesPerPerson: 3,
        escalateAfter: 2,
      },
    });
  });

  it('fills the defaults a short form leaves out: both gaps, everyone, once, office hours, three nudges, no escalation', () => {
    const result = parseCampaignPlan({ name: 'Now', date: '2026-12-01', time: '09:00', timeZone: 'UTC' }, now);
    expect(result).toEqual({
      plan: {
        name: 'Now',
        audience: { gaps: 'both', scope: { kind: 'all' }, excluded: [] },
        target: 'authenticator',
        schedule: { kind: 'once', date: '2026-12-01', time: '09:00', timeZone: 'UTC' },
        window: { startHour: 9, endHour: 17, weekdays: [1, 2, 3, 4, 5] },
        maxNudgesPerPerson: 3,
      },
    });
  });

  it.each([
    [{ name: '' }, 'Give the campaign a name.'],
    [{ name: 'x'.repeat(81) }, 'Keep the name to 80 characters.'],
    [{ gaps: 'all' }, 'Choose who to remind'],
    [{ scope: 'departments', departments: ' , ' }, 'Name at least one department'],
    [{ scope: 'group', groupId: 'finance' }, 'Give the Entra group by its object id'],
    [{ scope: 'everyone-else' }, 'Choose everyone, chosen departments, or an Entra group.'],
    [{ excluded: 'not an upn' }, 'List exclusions as user principal names'],
    [{ timeZone: '' }, 'Choose the time zone'],
    [{ timeZone: 'Nowhere/Land' }, 'is not a time zone'],
    [{ scheduleKind: 'sometimes' }, 'Choose now, once, or recurring.'],
    [{ scheduleKind: 'once', date: '2026-11-20' }, 'That schedule has no run left'],
    [{ endDate: '2026-11-22', date: '2026-11-01' }, 'That schedule has no run left'],
    [{ weekdays: '' }, 'at least one weekday'],
    [{ window: '25-26' }, 'Sending hours'],
    [{ deadline: 'next friday' }, 'Give the deadline as a date'],
    [{ deadline: '2026-02-30' }, 'Give the deadline as a date'],
    [{ maxNudges: '0' }, 'Nudges per person: a whole number from 1 to 10.'],
    [{ maxNudges: '1e3' }, 'Nudges per person'],
    [{ escalateAfter: '-1' }, 'Escalate after: a whole number'],
    [{ target: 'sms' }, 'Choose what to ask for: Microsoft Authenticator, a passkey, or either.'],
    [{ target: 'Passkey' }, 'Choose what to ask for'],
  ] as [CampaignForm, string][])('refuses %j, saying what to fix', (over, reason) => {
    expect(problems(over).join(' ')).toContain(reason);
  });

  it("keeps what to ask for, and stores the setting's default when the form leaves it out", () => {
    for (const target of ['authenticator', 'passkey', 'either'])
      expect(parseCampaignPlan({ ...form, target }, now)).toHaveProperty('plan.target', target);
    // The setting at the time is stored, so the campaign keeps asking for it if the setting changes later.
    expect(parseCampaignPlan({ ...form, target: '' }, now, 'passkey')).toHaveProperty('plan.target', 'passkey');
    expect(parseCampaignPlan(form, now, 'either')).toHaveProperty('plan.target', 'either');
    // A choice on the form wins over the setting.
    expect(parseCampaignPlan({ ...form, target: 'authenticator' }, now, 'passkey')).toHaveProperty('plan.target', 'authenticator');
    expect(parseCampaignPlan({ ...form, gaps: 'missingTarget', target: 'passkey' }, now)).toHaveProperty(
      'plan.audience.gaps',
      'missingTarget',
    );
    // A refused value is named once, with the other problems.
    expect(problems({ target: 'sms', name: '' })).toEqual([
      'Give the campaign a name.',
      'Choose what to ask for: Microsoft Authenticator, a passkey, or either.',
    ]);
  });

  it('reads a campaign for owners of password senders, refusing a deadline or managers told (the card has its own date)', () => {
    const smtp = parseCampaignPlan({ ...form, gaps: 'smtpPassword', deadline: '', escalateAfter: '0' }, now);
    expect(smtp).toMatchObject({ plan: { audience: { gaps: 'smtpPassword', scope: { kind: 'departments' } } } });
    expect(smtp).not.toHaveProperty('plan.escalateAfter');
    expect(problems({ gaps: 'smtpPassword' })).toEqual([
      'Leave the deadline empty: the card to owners of password senders gives the date SMTP AUTH with a password stops.',
      'Set "tell their managers" to 0: managers are told about unanswered MFA nudges only.',
    ]);
    expect(problems({ gaps: 'smtpPasswords' })[0]).toMatch(
      /^Choose who to remind: .* or the owners of accounts that send mail with a password\.$/,
    );
  });

  it('takes numbers as Teams may send them (an Input.Number as a number), and 0 managers-told as never', () => {
    const result = parseCampaignPlan({ ...form, maxNudges: 5, escalateAfter: 0 } as unknown as CampaignForm, now);
    expect(result).toHaveProperty('plan.maxNudgesPerPerson', 5);
    expect(result).not.toHaveProperty('plan.escalateAfter');
    expect(parseCampaignPlan({ ...form, escalateAfter: 2 } as unknown as CampaignForm, now)).toHaveProperty('plan.escalateAfter', 2);
    expect(parseCampaignPlan({ ...form, maxNudges: Number.NaN } as unknown as CampaignForm, now)).toHaveProperty(
      'plan.maxNudgesPerPerson',
      3,
    );
  });

  it('"start now" is a once-schedule at the current minute in the chosen time zone', () => {
    const result = parseCampaignPlan(
      { name: 'Now', scheduleKind: 'now', timeZone: 'America/New_York', date: 'ignored' },
      new Date('2026-11-23T16:42:31Z'),
    );
    expect(result).toMatchObject({ plan: { schedule: { kind: 'once', date: '2026-11-23', time: '11:42', timeZone: 'America/New_York' } } });
    // Just after midnight UTC it is still the day before in New York.
    const late = parseCampaignPlan({ name: 'Now', scheduleKind: 'now', timeZone: 'America/New_York' }, new Date('2026-11-24T00:10:00Z'));
    expect(late).toMatchObject({ plan: { schedule: { date: '2026-11-23', time: '19:10' } } });
  });

  it('"start now" in the hour repeated when clocks go back starts now, in either pass of that hour', () => {
    // Berlin, 31 October 2027: 02:50 comes twice, first in summer time (00:50 UTC), then in winter time (01:50 UTC).
    const first = parseCampaignPlan({ name: 'Now', scheduleKind: 'now', timeZone: 'Europe/Berlin' }, new Date('2027-10-31T00:50:00Z'));
    expect(first).toMatchObject({ plan: { schedule: { date: '2027-10-31', time: '02:50', timeZone: 'Europe/Berlin' } } });
    // The second pass was refused as "no run left": its wall time read as the first pass, an hour earlier.
    const second = parseCampaignPlan({ name: 'Now', scheduleKind: 'now', timeZone: 'Europe/Berlin' }, new Date('2027-10-31T01:50:00Z'));
    expect(second).toMatchObject({ plan: { schedule: { date: '2027-10-31', time: '02:50', timeZone: 'UTC+1' } } });
    expect('plan' in second && firstRunFrom(second.plan.schedule, new Date('2027-10-31T01:50:00Z'))).toEqual(
      new Date('2027-10-31T01:50:00Z'),
    );
  });

  it('accepts a run up to 15 minutes late (the form took a while to fill in), not later', () => {
    const form15 = { name: 'Soon', scheduleKind: 'once', date: '2026-11-23', timeZone: 'UTC' };
    expect(parseCampaignPlan({ ...form15, time: '07:46' }, now)).toHaveProperty('plan');
    expect(parseCampaignPlan({ ...form15, time: '07:44' }, now)).toHaveProperty('problems');
  });

  it('lists every problem at once, and ignores values that are not text (forged card data)', () => {
    const result = parseCampaignPlan(
      { name: { $ne: '' }, timeZone: { zone: 'UTC' }, date: '2026-12-01', time: '09:00', gaps: ['none'] } as unknown as CampaignForm,
      now,
    );
    // Not text counts as not given: no name and no time zone; gaps falls back to its default.
    expect(result).toEqual({ problems: ['Give the campaign a name.', 'Choose the time zone the schedule is in.'] });
  });
});

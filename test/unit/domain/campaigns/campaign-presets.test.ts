import { campaignPresets } from '../../../../src/domain/campaigns/campaign-presets';
import { parseCampaignPlan } from '../../../../src/domain/campaigns/campaign-plan';

// Given dates, never the clock: the preset is offered until two days before 1 February 2027.
const at = (iso: string) => new Date(iso);

describe('campaign presets', () => {
  it('offers "Before SMS and voice stop": the phone-only, twice a week until the day before, done by then', () => {
    const [preset] = campaignPresets(at('2026-12-04T09:00:00Z'));

    expect(preset?.title).toBe('Before SMS and voice stop');
    expect(preset?.values).toMatchObject({
      gaps: 'phoneOnly',
      scope: 'all',
      scheduleKind: 'recurring',
      date: '2026-12-04',
      endDate: '2027-01-31',
      deadline: '2027-01-31',
    });
  });

  it('fills a form the plan accepts as it is, once the manager picks a time zone', () => {
    const now = at('2026-12-04T09:00:00Z');
    const [preset] = campaignPresets(now);

    const parsed = parseCampaignPlan({ ...preset!.values, timeZone: 'Europe/Berlin', window: '09:00-17:00 Mon-Fri' }, now);

    expect(parsed).toMatchObject({ plan: { audience: { gaps: 'phoneOnly', scope: { kind: 'all' } }, deadline: '2027-01-31' } });
  });

  it('in the last week, starts now instead of waiting for a Tuesday or Thursday', () => {
    const [preset] = campaignPresets(at('2027-01-27T12:00:00Z'));
    expect(preset?.values).toMatchObject({ scheduleKind: 'now', deadline: '2027-01-31' });
    expect(preset?.values).not.toHaveProperty('weekdays');
  });

  it('offers "Off the SMTP password": owners of password senders, each Tuesday until the day before it is switched off', () => {
    const smtp = campaignPresets(at('2026-12-07T09:00:00Z')).find((preset) => preset.key === 'offSmtpPassword');
    expect(smtp?.values).toMatchObject({
      gaps: 'smtpPassword',
      scheduleKind: 'recurring',
      weekdays: '2',
      date: '2026-12-07',
      endDate: '2026-12-30',
      deadline: '',
      escalateAfter: '0',
    });
    // What it fills in is a plan the form accepts as it is.
    const parsed = parseCampaignPlan({ ...smtp!.values, timeZone: 'Europe/London', window: 'always' }, at('2026-12-07T09:00:00Z'));
    expect(parsed).toMatchObject({ plan: { audience: { gaps: 'smtpPassword' } } });
  });

  it.each([
    ['2026-12-26T12:00:00Z', { scheduleKind: 'now' }],
    ['2026-12-31T12:00:00Z', { scheduleKind: 'now' }],
    // Off by default now, yet admins may switch it back on until the final date: four weeks at a time.
    ['2027-01-05T12:00:00Z', { scheduleKind: 'recurring', date: '2027-01-05', endDate: '2027-02-02' }],
  ])('at %s schedules "Off the SMTP password" as %j, and its form is accepted', (iso, schedule) => {
    const smtp = campaignPresets(at(iso)).find((preset) => preset.key === 'offSmtpPassword');
    expect(smtp?.values).toMatchObject(schedule);
    expect(parseCampaignPlan({ ...smtp!.values, timeZone: 'UTC', window: 'always' }, at(iso))).toHaveProperty('plan');
  });

  it.each([
    ['2027-01-29T12:00:00Z', true],
    ['2027-01-30T12:00:00Z', true],
    ['2027-01-31T12:00:00Z', false],
    ['2027-02-01T08:00:00Z', false],
    ['2027-03-01T08:00:00Z', false],
  ])('at %s "Before SMS and voice stop" is offered: %s', (iso, offered) => {
    expect(campaignPresets(at(iso)).some((preset) => preset.key === 'beforeSmsVoiceStop')).toBe(offered);
  });
});

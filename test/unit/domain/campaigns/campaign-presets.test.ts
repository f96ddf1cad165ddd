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

  it.each([
    ['2027-01-29T12:00:00Z', true],
    ['2027-01-30T12:00:00Z', true],
    ['2027-01-31T12:00:00Z', false],
    ['2027-02-01T08:00:00Z', false],
    ['2027-03-01T08:00:00Z', false],
  ])('at %s is offered: %s', (iso, offered) => {
    expect(campaignPresets(at(iso)).length > 0).toBe(offered);
  });
});

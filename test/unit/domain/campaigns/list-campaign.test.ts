import { parseCampaignPlan } from '../../../../src/domain/campaigns/campaign-plan';
import { campaignFormForList } from '../../../../src/domain/campaigns/list-campaign';

const NOW = new Date('2026-12-08T10:00:00Z');

describe('campaignFormForList', () => {
  it.each([
    ['unenrolled', 'none'],
    ['weak', 'weak'],
    ['phone-only', 'phoneOnly'],
  ] as const)('reads the %s list as a campaign for the same people (gaps %s), tenant-wide or in its department', (list, gaps) => {
    const tenant = parseCampaignPlan({ ...campaignFormForList(list), timeZone: 'UTC' }, NOW);
    expect(tenant).toMatchObject({ plan: { audience: { gaps, scope: { kind: 'all' }, excluded: [] } } });
    const sales = parseCampaignPlan({ ...campaignFormForList(list, 'Sales'), timeZone: 'UTC' }, NOW);
    expect(sales).toMatchObject({ plan: { audience: { gaps, scope: { kind: 'departments', departments: ['Sales'] } } } });
  });

  it('names the campaign after the list and keeps the name within what a plan allows', () => {
    expect(campaignFormForList('unenrolled', 'Sales').name).toBe('No MFA in Sales');
    expect(campaignFormForList('phone-only').name).toBe('SMS and voice only');
    const long = campaignFormForList('weak', 'D'.repeat(200));
    expect(long.name).toHaveLength(80);
    expect(parseCampaignPlan({ ...long, timeZone: 'UTC' }, NOW)).not.toHaveProperty('problems');
  });
});

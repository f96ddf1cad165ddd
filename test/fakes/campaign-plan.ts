import type { CampaignPlan } from '../../src/domain/campaigns/campaign';

/** A sound campaign plan for tests: everyone with no or weak MFA, once, office hours, three nudges at most. */
export function campaignPlan(over: Partial<CampaignPlan> = {}): CampaignPlan {
  return {
    name: 'December',
    audience: { gaps: 'both', scope: { kind: 'all' }, excluded: [] },
    schedule: { kind: 'once', date: '2026-12-01', time: '10:00', timeZone: 'UTC' },
    window: { startHour: 9, endHour: 17, weekdays: [1, 2, 3, 4, 5] },
    maxNudgesPerPerson: 3,
    ...over,
  };
}

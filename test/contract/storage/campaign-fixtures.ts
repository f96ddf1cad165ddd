import type { CampaignPlan } from '../../../src/domain/campaigns/campaign';
import type { CampaignRuns } from '../../../src/domain/ports/campaign-runs';
import type { CampaignRecords } from '../../../src/domain/ports/campaign-store';
import type { NudgeStore } from '../../../src/domain/ports/nudge-store';
import { campaignPlan } from '../../fakes/campaign-plan';

/** The campaign suites' fixed instant: every time in them is counted from here. */
export const T0 = new Date('2026-12-01T10:00:00Z');
export const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
export const owner = { id: 'manager-1', name: 'Megan Bowen' };

export const plan = (name = 'Year-end push'): CampaignPlan =>
  campaignPlan({
    name,
    audience: { gaps: 'both', scope: { kind: 'departments', departments: ['Finance'] }, excluded: ['cfo@contoso.com'] },
    schedule: { kind: 'once', date: '2026-12-01', time: '10:00', timeZone: 'Europe/London' },
    deadline: '2026-12-31',
    escalateAfter: 2,
  });

/** A new campaign with one run at T0, for `people` people (user-0, user-1, …), each due at `dueAt`, its audience all added. */
export async function runWith(
  store: Pick<CampaignRecords, 'create'> & Pick<CampaignRuns, 'startRun' | 'addDeliveries' | 'audienceAdded'>,
  people: number,
  dueAt = T0,
) {
  const campaign = await store.create(plan(), owner, T0);
  const { run } = await store.startRun(campaign.id, T0, T0);
  await store.addDeliveries(
    run.id,
    Array.from({ length: people }, (_, i) => ({ userId: `user-${i}`, dueAt })),
  );
  await store.audienceAdded(run.id, T0);
  return { campaign, run };
}

/** The nudge a campaign's sender reserves for one delivery at `at`, as it does before the card leaves. */
export async function reserveCampaignNudge(nudges: NudgeStore, delivery: { id: string; userId: string }, at: Date) {
  const reserved = await nudges.reserve(
    {
      userId: delivery.userId,
      source: 'campaign',
      now: at,
      recipientName: delivery.userId,
      greetingName: delivery.userId,
      strength: 'none',
      methods: [],
      campaignDeliveryId: delivery.id,
    },
    new Date(at.getTime() - 48 * 3600_000),
    () => ({ kind: 'go' }),
  );
  if (reserved.kind !== 'reserved') throw new Error('expected a reservation');
  return { nudgeId: reserved.nudge.id, seriesId: reserved.series.id };
}

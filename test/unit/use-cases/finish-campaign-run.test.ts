import { finishCampaignRun } from '../../../src/use-cases/finish-campaign-run';
import { campaignPlan } from '../../fakes/campaign-plan';
import { inMemoryCampaignStore } from '../../fakes/in-memory-campaign-store';
import { deliveryFact } from './delivery-facts';
import { weekdaysAtTen } from './weekday-schedule';

const at = (iso: string) => new Date(`${iso}Z`);
const NOW = at('2026-12-02T16:00');
const owner = { id: 'megan', name: 'Megan Bowen' };
/** Two runs: Tuesday 1 and Wednesday 2 December at 10:00 UTC. */
const TWO_DAYS = weekdaysAtTen('2026-12-01', '2026-12-02');

/** A two-day campaign on the fakes, both its runs started. */
async function setUp() {
  const { store, reports } = inMemoryCampaignStore();
  const campaign = await store.create(campaignPlan({ schedule: TWO_DAYS }), owner, at('2026-11-20T09:00'));
  const first = (await store.startRun(campaign.id, at('2026-12-01T10:00'), at('2026-12-01T10:00'))).run;
  const last = (await store.startRun(campaign.id, at('2026-12-02T10:00'), at('2026-12-02T10:00'))).run;
  const deps = { campaigns: store, now: () => NOW };
  return { deps, store, reports, campaign, first, last };
}

describe('finishing a campaign run', () => {
  it('keeps the campaign active after a run that was not its last, and reads the report its owner is sent', async () => {
    const { deps, store, reports, campaign, first } = await setUp();
    reports.setFacts(campaign.id, [deliveryFact(first.id, 'ann', 'sent', { sentAt: at('2026-12-01T10:05') })]);
    const finished = await finishCampaignRun(deps, first);
    expect(finished?.run).toEqual(first);
    expect(finished?.report.campaign).toMatchObject({ id: campaign.id, ownerId: 'megan', status: 'active' });
    expect(finished?.report.runs.map(({ run, funnel }) => [run.id, funnel.delivered])).toEqual([
      [first.id, 1],
      [expect.any(String), 0],
    ]);
    expect((await store.get(campaign.id))?.status).toBe('active');
  });

  it('marks the campaign finished after the run that was its last, before its report is read', async () => {
    const { deps, store, campaign, last } = await setUp();
    expect((await finishCampaignRun(deps, last))?.report.campaign.status).toBe('finished');
    expect((await store.get(campaign.id))?.status).toBe('finished');
    // Once finished, it is no longer looked after by the reconciler.
    expect(await store.listActive()).toEqual([]);
  });

  it.each(['paused', 'cancelled'] as const)('leaves a %s campaign as it is after its last run', async (status) => {
    const { deps, store, campaign, last } = await setUp();
    await store.setStatus(campaign.id, status, ['active'], NOW);
    expect((await finishCampaignRun(deps, last))?.report.campaign.status).toBe(status);
    expect((await store.get(campaign.id))?.status).toBe(status);
  });

  it('answers nothing for the run of a campaign nobody has', async () => {
    const { deps, last } = await setUp();
    expect(await finishCampaignRun(deps, { ...last, campaignId: '6f1c2a1e-0000-4000-8000-000000000000' })).toBeUndefined();
  });
});

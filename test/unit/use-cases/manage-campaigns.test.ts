import type { Campaign } from '../../../src/domain/campaigns/campaign';
import type { CampaignForm } from '../../../src/domain/campaigns/campaign-plan';
import {
  changeCampaign,
  createCampaign,
  listCampaigns,
  readCampaignReport,
  type CampaignManagementDeps,
} from '../../../src/use-cases/manage-campaigns';
import { campaignPlan } from '../../fakes/campaign-plan';
import { inMemoryCampaignStore } from '../../fakes/in-memory-campaign-store';
import { deliveryFact } from './delivery-facts';

/** A Monday morning, a week before the campaign's run. */
const NOW = new Date('2026-11-23T08:00:00Z');
const at = (iso: string) => new Date(`${iso}Z`);
const owner = { id: 'megan', name: 'Megan Bowen' };
const form: CampaignForm = {
  name: 'Finance before year end',
  scope: 'departments',
  departments: 'Finance',
  scheduleKind: 'once',
  date: '2026-12-01',
  time: '10:00',
  timeZone: 'Europe/London',
  maxNudges: '2',
  escalateAfter: '2',
};

/** The use case on the campaign fakes; `scheduleNext` answers `nextRun` (none once `noRunLeft`) and says whom it was asked for. */
function setUp() {
  const fakes = inMemoryCampaignStore();
  const scheduled: Campaign[] = [];
  let nextRun: Date | undefined = at('2026-12-01T10:00');
  const deps: CampaignManagementDeps = {
    campaigns: fakes.store,
    scheduleNext: async (campaign) => {
      scheduled.push(campaign);
      return nextRun;
    },
    now: () => NOW,
  };
  return {
    ...fakes,
    deps,
    scheduled,
    noRunLeft: () => {
      nextRun = undefined;
    },
  };
}

describe('creating a campaign', () => {
  it('refuses a form with problems, saying each, and stores and queues nothing', async () => {
    const { deps, store, scheduled } = setUp();
    const result = await createCampaign(deps, { ...form, name: ' ', timeZone: 'Mars/Olympus', maxNudges: '11' }, owner);
    expect(result.kind).toBe('invalid');
    expect(result.kind === 'invalid' && result.problems).toEqual([
      'Give the campaign a name.',
      '"Mars/Olympus" is not a time zone (use a name such as Europe/London).',
      'Nudges per person: a whole number from 1 to 10.',
    ]);
    expect(await store.list(10)).toEqual([]);
    expect(scheduled).toEqual([]);
  });

  it("stores the plan as its owner's, active, and queues its first run", async () => {
    const { deps, store, scheduled } = setUp();
    const result = await createCampaign(deps, form, owner);
    if (result.kind !== 'created') throw new Error(`expected a campaign, got ${result.kind}`);
    expect(result.campaign).toMatchObject({
      name: 'Finance before year end',
      audience: { gaps: 'both', scope: { kind: 'departments', departments: ['Finance'] }, excluded: [] },
      schedule: { kind: 'once', date: '2026-12-01', time: '10:00', timeZone: 'Europe/London' },
      maxNudgesPerPerson: 2,
      escalateAfter: 2,
      ownerId: 'megan',
      ownerName: 'Megan Bowen',
      status: 'active',
      createdAt: NOW,
    });
    expect(await store.get(result.campaign.id)).toEqual(result.campaign);
    expect(result.firstRun).toEqual(at('2026-12-01T10:00'));
    expect(scheduled).toEqual([result.campaign]);
  });

  it('answers no first run when the schedule has none left to queue, and keeps the campaign', async () => {
    const { deps, store, noRunLeft } = setUp();
    noRunLeft();
    const result = await createCampaign(deps, form, owner);
    expect(result.kind).toBe('created');
    expect('firstRun' in result).toBe(false);
    expect(await store.list(10)).toHaveLength(1);
  });
});

describe('pausing, resuming and cancelling a campaign', () => {
  it('pauses only what is active, resumes only what is paused and then queues its next run, and cancels either', async () => {
    const { deps, store, scheduled } = setUp();
    const campaign = await store.create(campaignPlan(), owner, NOW);

    expect(await changeCampaign(deps, campaign.id, 'pause')).toEqual({
      kind: 'changed',
      campaign: expect.objectContaining({ id: campaign.id, status: 'paused' }),
    });
    expect(await changeCampaign(deps, campaign.id, 'pause')).toEqual({
      kind: 'notApplicable',
      campaign: expect.objectContaining({ status: 'paused' }),
    });
    // Pausing queues nothing; resuming queues the next run of the campaign as it is now, active.
    expect(scheduled).toEqual([]);
    expect(await changeCampaign(deps, `#${campaign.number}`, 'resume')).toEqual({
      kind: 'changed',
      campaign: expect.objectContaining({ status: 'active' }),
      nextRun: at('2026-12-01T10:00'),
    });
    expect(scheduled.map((queued) => [queued.id, queued.status])).toEqual([[campaign.id, 'active']]);
    expect((await changeCampaign(deps, campaign.id, 'resume')).kind).toBe('notApplicable');
    expect(scheduled).toHaveLength(1);

    expect(await changeCampaign(deps, String(campaign.number), 'cancel')).toEqual({
      kind: 'changed',
      campaign: expect.objectContaining({ status: 'cancelled' }),
    });
    for (const change of ['pause', 'resume', 'cancel'] as const)
      expect((await changeCampaign(deps, campaign.id, change)).kind).toBe('notApplicable');
    expect((await store.get(campaign.id))?.status).toBe('cancelled');
    expect(scheduled).toHaveLength(1);
  });

  it('cancels a paused campaign, and its waiting deliveries with it', async () => {
    const { deps, store } = setUp();
    const campaign = await store.create(campaignPlan(), owner, NOW);
    const { run } = await store.startRun(campaign.id, NOW, NOW);
    await store.addDeliveries(run.id, [{ userId: 'ann', dueAt: NOW }]);
    await changeCampaign(deps, campaign.id, 'pause');
    expect((await changeCampaign(deps, campaign.id, 'cancel')).kind).toBe('changed');
    expect(await store.deliveryCounts(run.id)).toMatchObject({ pending: 0, cancelled: 1 });
  });

  it('answers no next run for a resumed campaign whose schedule has none left', async () => {
    const { deps, store, noRunLeft } = setUp();
    const campaign = await store.create(campaignPlan(), owner, NOW);
    await changeCampaign(deps, campaign.id, 'pause');
    noRunLeft();
    const resumed = await changeCampaign(deps, campaign.id, 'resume');
    expect(resumed.kind).toBe('changed');
    expect('nextRun' in resumed).toBe(false);
  });

  it('knows no campaign by an unknown number, a forged id or one nobody has, and changes nothing', async () => {
    const { deps, store, scheduled } = setUp();
    const campaign = await store.create(campaignPlan(), owner, NOW);
    for (const ref of ['999', 'forged', '6f1c2a1e-0000-4000-8000-000000000000', ''])
      expect(await changeCampaign(deps, ref, 'pause')).toEqual({ kind: 'unknownCampaign' });
    expect((await store.get(campaign.id))?.status).toBe('active');
    expect(scheduled).toEqual([]);
  });
});

describe("a campaign's report", () => {
  it('counts each person once for the whole campaign and each run apart, oldest first, with its escalations', async () => {
    const { deps, store, reports } = setUp();
    const campaign = await store.create(campaignPlan(), owner, NOW);
    // Started out of order; a third run has no delivery yet.
    const second = (await store.startRun(campaign.id, at('2026-12-08T10:00'), NOW)).run;
    const first = (await store.startRun(campaign.id, at('2026-12-01T10:00'), NOW)).run;
    const third = (await store.startRun(campaign.id, at('2026-12-15T10:00'), NOW)).run;
    reports.setFacts(campaign.id, [
      deliveryFact(first.id, 'ann', 'sent', { sentAt: at('2026-12-01T10:05'), opened: true }),
      deliveryFact(first.id, 'bob', 'failed', { reason: 'blocked' }),
      deliveryFact(second.id, 'ann', 'sent', { sentAt: at('2026-12-08T10:05'), enrolledAt: at('2026-12-08T11:05') }),
      deliveryFact(second.id, 'cat', 'pending'),
    ]);
    await store.claimEscalations(campaign.id, 'boss', ['bob'], NOW);
    await store.settleEscalations(campaign.id, ['bob'], { status: 'sent' });

    const report = await readCampaignReport(deps, String(campaign.number));
    expect(report?.campaign.id).toBe(campaign.id);
    expect(report?.total).toMatchObject({ targeted: 3, delivered: 1, failed: 1, waiting: 1, opened: 1, enrolled: 1 });
    expect(report?.total.medianMinutesToEnrol).toBe(7 * 24 * 60 + 60);
    expect(report?.runs.map(({ run, funnel }) => [run.id, funnel.targeted, funnel.delivered, funnel.failed, funnel.waiting])).toEqual([
      [first.id, 2, 1, 1, 0],
      [second.id, 2, 1, 0, 1],
      [third.id, 0, 0, 0, 0],
    ]);
    expect(report?.escalations).toEqual({ managers: 1, people: 1, failedManagers: 0 });
  });

  it('has no report for a campaign nobody has', async () => {
    const { deps } = setUp();
    expect(await readCampaignReport(deps, '42')).toBeUndefined();
  });
});

describe('the list of campaigns', () => {
  it('lists the newest first, as many as asked, each with its figures, and zeros for one that reached no one yet', async () => {
    const { deps, store, reports } = setUp();
    const oldest = await store.create(campaignPlan({ name: 'Oldest' }), owner, at('2026-11-01T09:00'));
    const middle = await store.create(campaignPlan({ name: 'Middle' }), owner, at('2026-11-10T09:00'));
    const newest = await store.create(campaignPlan({ name: 'Newest' }), owner, at('2026-11-20T09:00'));
    const { run } = await store.startRun(middle.id, NOW, NOW);
    reports.setFacts(middle.id, [
      deliveryFact(run.id, 'ann', 'sent', { sentAt: NOW, enrolledAt: at('2026-11-24T09:00') }),
      deliveryFact(run.id, 'bob', 'sent', { sentAt: NOW }),
      deliveryFact(run.id, 'cat', 'skipped', { reason: 'enrolled' }),
    ]);
    reports.setFacts(oldest.id, [deliveryFact(run.id, 'dan', 'sent', { sentAt: NOW })]);

    const listed = await listCampaigns(deps, 2);
    expect(listed.map(({ campaign, total }) => [campaign.name, total])).toEqual([
      ['Newest', { targeted: 0, delivered: 0, enrolled: 0 }],
      ['Middle', { targeted: 3, delivered: 2, enrolled: 1 }],
    ]);
    expect(listed[0]?.campaign.id).toBe(newest.id);
  });
});

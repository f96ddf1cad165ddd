import type { Campaign } from '../../../src/domain/campaigns/campaign';
import {
  queueNextRun,
  reconcileCampaignRuns,
  runScheduledCampaign,
  type ScheduleRunsDeps,
} from '../../../src/use-cases/schedule-campaign-runs';
import type { StartRunResult } from '../../../src/use-cases/start-campaign-run';
import { campaignPlan } from '../../fakes/campaign-plan';
import { InMemoryCampaignRunQueue } from '../../fakes/in-memory-campaign-run-queue';
import { inMemoryCampaignStore } from '../../fakes/in-memory-campaign-store';
import { weekdaysAtTen } from './weekday-schedule';

const at = (iso: string) => new Date(`${iso}Z`);
const owner = { id: 'megan', name: 'Megan Bowen' };
/** Every weekday at 10:00 UTC, from Tuesday 1 to Friday 4 December: four runs. */
const DAILY = campaignPlan({ schedule: weekdaysAtTen('2026-12-01', '2026-12-04') });

/**
 * The scheduler on the campaign fakes, its clock at `now`. Starting a run starts it in the fake (or finds it started)
 * unless the test says what the start answers; the owner's problems are noted in `told`.
 */
async function setUp(now = at('2026-12-01T10:00')) {
  const { store } = inMemoryCampaignStore();
  const campaign = await store.create(DAILY, owner, at('2026-11-20T09:00'));
  const queue = new InMemoryCampaignRunQueue();
  const told: [string, string][] = [];
  const starts: Date[] = [];
  let answer: ((scheduledFor: Date) => Promise<StartRunResult>) | undefined;
  const deps: ScheduleRunsDeps = {
    campaigns: store,
    startRun: async (campaignId, scheduledFor) => {
      starts.push(scheduledFor);
      if (answer) return answer(scheduledFor);
      const { run, created } = await store.startRun(campaignId, scheduledFor, now);
      return created ? { kind: 'started', run, targeted: 1 } : { kind: 'alreadyStarted', run };
    },
    queue,
    onProblem: async (problemOf: Campaign, problem: string) => {
      told.push([problemOf.id, problem]);
    },
    now: () => now,
  };
  return {
    deps,
    store,
    campaign,
    queue,
    told,
    starts,
    startAnswers: (next: StartRunResult | ((scheduledFor: Date) => Promise<StartRunResult>) | undefined) => {
      answer = typeof next === 'object' ? async () => next : next;
    },
    run: (scheduledFor: Date) => runScheduledCampaign(deps, campaign.id, scheduledFor),
  };
}

describe("a campaign's scheduled run", () => {
  it('starts the run at its time and queues the next one; the last run queues none', async () => {
    const { run, queue, campaign, store } = await setUp();
    const first = await run(at('2026-12-01T10:00'));
    expect(first).toEqual({ result: expect.objectContaining({ kind: 'started' }), next: at('2026-12-02T10:00'), waitsForScan: false });
    expect(await store.runs(campaign.id)).toEqual([expect.objectContaining({ scheduledFor: at('2026-12-01T10:00') })]);

    const last = await run(at('2026-12-04T10:00'));
    expect(last.result.kind).toBe('started');
    expect('next' in last).toBe(false);
    expect(queue.timesOf(campaign.id)).toEqual([at('2026-12-02T10:00')]);
  });

  it('queues the next run after "already started" too: the first try may have died before queuing it', async () => {
    const { run, queue, campaign, store } = await setUp();
    await store.startRun(campaign.id, at('2026-12-02T10:00'), at('2026-12-02T10:00'));
    const outcome = await run(at('2026-12-02T10:00'));
    expect(outcome.result.kind).toBe('alreadyStarted');
    expect(queue.timesOf(campaign.id)).toEqual([at('2026-12-03T10:00')]);
  });

  it('waits while no scan has completed, tells the owner once however often it is tried, and queues nothing', async () => {
    const { run, startAnswers, queue, told, store, campaign } = await setUp();
    startAnswers({ kind: 'noScan' });
    const first = await run(at('2026-12-01T10:00'));
    expect(first).toEqual({
      result: { kind: 'noScan' },
      waitsForScan: true,
      problem: { text: expect.stringContaining('No scan of the tenant has completed yet'), told: true },
    });
    const again = await run(at('2026-12-01T10:00'));
    expect(again.problem).toEqual({ text: first.problem?.text, told: false });
    expect(told).toEqual([[campaign.id, first.problem?.text]]);
    expect((await store.get(campaign.id))?.problem).toEqual({ text: first.problem?.text, at: at('2026-12-01T10:00') });
    expect(queue.timesOf(campaign.id)).toEqual([]);
  });

  it('records a group that no longer exists, tells the owner once, and keeps the chain going', async () => {
    const { run, startAnswers, queue, told, campaign } = await setUp();
    startAnswers({ kind: 'unknownGroup', groupId: '0b6c8f51-9f0e-4f55-9a53-2f1f1c1c0f0e' });
    const outcome = await run(at('2026-12-01T10:00'));
    expect(outcome.problem).toEqual({
      text: expect.stringContaining(
        '(0b6c8f51-9f0e-4f55-9a53-2f1f1c1c0f0e) no longer exists, so the run of 2026-12-01 10:00 UTC reached no one',
      ),
      told: true,
    });
    expect(outcome.waitsForScan).toBe(false);
    expect(outcome.next).toEqual(at('2026-12-02T10:00'));
    await run(at('2026-12-01T10:00'));
    expect(told).toHaveLength(1);
    expect(queue.timesOf(campaign.id)).toEqual([at('2026-12-02T10:00')]);
  });

  it('clears the problem once a run starts again, so that a new problem is told again', async () => {
    const { run, startAnswers, told, store, campaign } = await setUp();
    startAnswers({ kind: 'noScan' });
    await run(at('2026-12-01T10:00'));
    startAnswers(undefined);
    await run(at('2026-12-01T10:00'));
    expect((await store.get(campaign.id))?.problem).toBeUndefined();
    startAnswers({ kind: 'noScan' });
    await run(at('2026-12-02T10:00'));
    expect(told).toHaveLength(2);
  });

  it('answers that the owner could not be told, and keeps the problem recorded', async () => {
    const { deps, run, startAnswers, store, campaign } = await setUp();
    startAnswers({ kind: 'noScan' });
    const down = new Error('Teams is down');
    deps.onProblem = async () => {
      throw down;
    };
    expect((await run(at('2026-12-01T10:00'))).problem).toEqual({ text: expect.any(String), told: false, tellError: down });
    expect((await store.get(campaign.id))?.problem).toBeDefined();
  });

  it.each<[string, StartRunResult]>([
    ['paused', { kind: 'notActive', status: 'paused' }],
    ['cancelled', { kind: 'notActive', status: 'cancelled' }],
    ['gone', { kind: 'unknownCampaign' }],
  ])('ends the chain of a campaign that is %s: nothing queued, no problem', async (_case, result) => {
    const { run, startAnswers, queue, told, store, campaign } = await setUp();
    startAnswers(result);
    expect(await run(at('2026-12-01T10:00'))).toEqual({ result, waitsForScan: false });
    expect(queue.timesOf(campaign.id)).toEqual([]);
    expect(told).toEqual([]);
    expect((await store.get(campaign.id))?.problem).toBeUndefined();
  });

  it('tries a start that failed in passing again at once, and goes on', async () => {
    const { run, startAnswers, starts, store, campaign } = await setUp();
    let failures = 1;
    startAnswers(async (scheduledFor) => {
      if (failures-- > 0) throw new Error('Connection terminated unexpectedly');
      return { kind: 'started', run: (await store.startRun(campaign.id, scheduledFor, scheduledFor)).run, targeted: 1 };
    });
    expect(await run(at('2026-12-01T10:00'))).toMatchObject({ result: { kind: 'started' }, next: at('2026-12-02T10:00') });
    expect(starts).toEqual([at('2026-12-01T10:00'), at('2026-12-01T10:00')]);
  });
});

describe("queuing a campaign's next run from now (on creation and on resume)", () => {
  it.each([
    ['the run of today, up to 15 minutes late', '2026-12-01T10:15', '2026-12-01T10:00'],
    ["tomorrow's, once today's is too late", '2026-12-01T10:16', '2026-12-02T10:00'],
  ])('queues %s', async (_case, now, expected) => {
    const { deps, queue, campaign } = await setUp(at(now));
    expect(await queueNextRun(deps, campaign)).toEqual(at(expected));
    expect(queue.timesOf(campaign.id)).toEqual([at(expected)]);
  });

  it('passes over a time whose run has started already: resuming just after a run does not end the chain there', async () => {
    const { deps, queue, store, campaign } = await setUp(at('2026-12-01T10:05'));
    await store.startRun(campaign.id, at('2026-12-01T10:00'), at('2026-12-01T10:00'));
    expect(await queueNextRun(deps, campaign)).toEqual(at('2026-12-02T10:00'));
    expect(queue.timesOf(campaign.id)).toEqual([at('2026-12-02T10:00')]);
  });

  it('queues nothing when the schedule has no run left', async () => {
    const { deps, queue, campaign } = await setUp(at('2026-12-04T10:16'));
    expect(await queueNextRun(deps, campaign)).toBeUndefined();
    expect(queue.timesOf(campaign.id)).toEqual([]);
  });
});

describe('reconciling the chains of active campaigns', () => {
  it('queues the next run of each active campaign, passes over the others, and answers those it could not queue', async () => {
    const { deps, queue, store, campaign } = await setUp(at('2026-12-02T09:00'));
    const broken = await store.create(DAILY, owner, at('2026-11-21T09:00'));
    const paused = await store.create(DAILY, owner, at('2026-11-22T09:00'));
    await store.setStatus(paused.id, 'paused', ['active'], at('2026-11-22T09:00'));
    const down = new Error('the job queue is down');
    queue.failFor = (campaignId) => (campaignId === broken.id ? down : undefined);

    expect(await reconcileCampaignRuns(deps)).toEqual({ looked: 2, failed: [{ campaignId: broken.id, error: down }] });
    expect(queue.timesOf(campaign.id)).toEqual([at('2026-12-02T10:00')]);
    expect(queue.timesOf(paused.id)).toEqual([]);
  });
});

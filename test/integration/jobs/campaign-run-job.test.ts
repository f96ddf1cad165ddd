import type { CampaignStore } from '../../../src/domain/ports/campaign-store';
import { CAMPAIGN_RUN_JOB, CampaignRunJobs } from '../../../src/adapters/jobs/campaign-run-job';
import { PgBossJobEngine } from '../../../src/adapters/jobs/pg-boss-job-engine';
import type { Database } from '../../../src/adapters/storage/database';
import { sqlCampaignStore } from '../../../src/adapters/storage/sql-campaign-store';
import type { StartRunResult } from '../../../src/use-cases/start-campaign-run';
import { campaignPlan } from '../../fakes/campaign-plan';
import { databaseTargets } from '../../support/test-database';
import { eventually, letTimePass } from '../../support/eventually';

jest.setTimeout(60_000);
const quiet = { info: () => {}, warn: () => {}, error: () => {} };

describe.each(databaseTargets())('campaign run jobs on $name', (target) => {
  let db: Database;
  let engine: PgBossJobEngine;
  let store: CampaignStore;
  let jobs: CampaignRunJobs;
  const started: { campaignId: string; scheduledFor: string }[] = [];
  let answer: (campaignId: string, scheduledFor: Date) => StartRunResult = () => ({ kind: 'noScan' });
  const told: { campaignId: string; problem: string }[] = [];

  beforeAll(async () => {
    db = await target.openMigrated();
    engine = new PgBossJobEngine(db, {
      pollingIntervalSeconds: 0.5,
      cronMonitorIntervalSeconds: 1,
      cronWorkerIntervalSeconds: 1,
      logger: quiet,
    });
    await engine.start();
    store = sqlCampaignStore(db);
    jobs = new CampaignRunJobs(
      engine,
      {
        campaigns: store,
        startRun: async (campaignId, scheduledFor) => {
          started.push({ campaignId, scheduledFor: scheduledFor.toISOString() });
          return answer(campaignId, scheduledFor);
        },
        now: () => new Date(),
        onProblem: async (campaign, problem) => {
          told.push({ campaignId: campaign.id, problem });
        },
      },
      quiet,
    );
    await jobs.register();
  });
  afterAll(async () => {
    await engine.stop({ graceful: false, timeoutMs: 1000 });
    await db.close();
  });

  const queued = async (campaignId: string) =>
    (
      await db.query<{ start_after: Date | string }>(
        `SELECT start_after FROM pgboss.job WHERE name = $1 AND data->>'campaignId' = $2 ORDER BY start_after`,
        [CAMPAIGN_RUN_JOB, campaignId],
      )
    ).map((row) => new Date(row.start_after).toISOString());
  const until = (condition: () => boolean) => eventually('the run job started the run', condition, { intervalMs: 100 });

  /** A daily campaign for a week whose first run was a minute ago (date and time from one instant, so midnight cannot split them). */
  const dailyFromAMinuteAgo = async () => {
    const due = new Date(Date.now() - 60_000).toISOString();
    const [today, nowTime] = [due.slice(0, 10), due.slice(11, 16)];
    const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const campaign = await store.create(
      campaignPlan({
        schedule: {
          kind: 'recurring',
          weekdays: [1, 2, 3, 4, 5, 6, 7],
          time: nowTime,
          timeZone: 'UTC',
          startDate: today,
          endDate: inAWeek,
        },
      }),
      { id: 'm', name: 'M' },
      new Date(),
    );
    return { campaign, today, nowTime };
  };

  it('starts a campaign that was due a moment ago at once, and queues the next run of a recurring one after starting it', async () => {
    const { campaign, today, nowTime } = await dailyFromAMinuteAgo();
    answer = (campaignId, scheduledFor) => ({
      kind: 'started',
      targeted: 1,
      run: { id: 'r', campaignId, scheduledFor, startedAt: new Date(), status: 'delivering', targeted: 1 },
    });

    const first = await jobs.scheduleNext(campaign);
    expect(first?.toISOString()).toBe(`${today}T${nowTime}:00.000Z`);
    await until(() => started.some((s) => s.campaignId === campaign.id));
    // The next day at the same time is queued, once.
    const tomorrow = new Date(first!.getTime() + 86_400_000).toISOString();
    await eventually('the next day is queued', async () => (await queued(campaign.id)).includes(tomorrow), {
      timeoutMs: 10_000,
      intervalMs: 100,
    });
    expect((await queued(campaign.id)).filter((time) => time === tomorrow)).toHaveLength(1);
  });

  it("starts a run at once when a database blip failed its first try, not after the queue's retry delay", async () => {
    const { campaign } = await dailyFromAMinuteAgo();
    let tries = 0;
    answer = (campaignId, scheduledFor) => {
      if (campaignId === campaign.id && ++tries === 1) throw new Error('Connection terminated unexpectedly');
      return {
        kind: 'started',
        targeted: 1,
        run: { id: 'r', campaignId, scheduledFor, startedAt: new Date(), status: 'delivering', targeted: 1 },
      };
    };
    const first = await jobs.scheduleNext(campaign);
    await until(() => tries >= 2);
    const state = async () =>
      (
        await db.query<{ state: string; retry_count: number }>(
          "SELECT state, retry_count FROM pgboss.job WHERE name = $1 AND data->>'campaignId' = $2 AND start_after = $3",
          [CAMPAIGN_RUN_JOB, campaign.id, first],
        )
      )[0];
    await eventually('the run job completed', async () => (await state())?.state === 'completed', { timeoutMs: 10_000, intervalMs: 100 });
    // Done in its first go: the queue never had to retry it.
    expect(await state()).toEqual({ state: 'completed', retry_count: 0 });
  });

  it('queues nothing for a schedule that has no run left, also after a run that had already started', async () => {
    const past = await store.create(
      campaignPlan({ schedule: { kind: 'once', date: '2020-01-01', time: '09:00', timeZone: 'UTC' } }),
      { id: 'm', name: 'M' },
      new Date(),
    );
    expect(await jobs.scheduleNext(past)).toBeUndefined();
    expect(await queued(past.id)).toEqual([]);

    const due = new Date(Date.now() - 60_000).toISOString();
    const soon = await store.create(
      campaignPlan({ schedule: { kind: 'once', date: due.slice(0, 10), time: due.slice(11, 16), timeZone: 'UTC' } }),
      { id: 'm', name: 'M' },
      new Date(),
    );
    answer = (_id, scheduledFor) => ({
      kind: 'alreadyStarted',
      run: { id: 'r', campaignId: soon.id, scheduledFor, startedAt: new Date(), status: 'delivering', targeted: 0 },
    });
    await jobs.scheduleNext(soon);
    await until(() => started.some((s) => s.campaignId === soon.id));
    await letTimePass(1000, 'no second run is queued after an already-started one');
    expect(await queued(soon.id)).toHaveLength(1);
  });

  it('on resume, passes over a run time that has started already and queues the one after it', async () => {
    const { campaign, today, nowTime } = await dailyFromAMinuteAgo();
    const todaysRun = new Date(`${today}T${nowTime}:00.000Z`);
    await store.startRun(campaign.id, todaysRun, new Date());
    const next = await jobs.scheduleNext(campaign);
    expect(next?.toISOString()).toBe(new Date(todaysRun.getTime() + 86_400_000).toISOString());
  });

  const startedAnswer = (campaignId: string, scheduledFor: Date): StartRunResult => ({
    kind: 'started',
    targeted: 1,
    run: { id: 'r', campaignId, scheduledFor, startedAt: new Date(), status: 'delivering', targeted: 1 },
  });
  const tomorrowOf = (first: Date) => new Date(first.getTime() + 86_400_000).toISOString();
  const untilQueued = (campaignId: string, at: string) =>
    eventually(`${at} is queued`, async () => (await queued(campaignId)).includes(at), { timeoutMs: 15_000, intervalMs: 100 });

  // Issue 15, item 4: the chain used to end when the job that started a run failed before queuing the next one.
  it('queues the next run also when its own run had already started (the job that started it died before queuing)', async () => {
    const { campaign } = await dailyFromAMinuteAgo();
    answer = (campaignId, scheduledFor) => ({
      kind: 'alreadyStarted',
      run: { id: 'r', campaignId, scheduledFor, startedAt: new Date(), status: 'delivering', targeted: 1 },
    });
    const first = await jobs.scheduleNext(campaign);
    await untilQueued(campaign.id, tomorrowOf(first!));
    expect((await queued(campaign.id)).filter((time) => time === tomorrowOf(first!))).toHaveLength(1);
  });

  it('queues one run once, however often it is queued', async () => {
    const { campaign } = await dailyFromAMinuteAgo();
    answer = () => ({ kind: 'notActive', status: 'paused' });
    const inTwoDays = new Date(Date.now() + 2 * 86_400_000);
    const later = {
      ...campaign,
      schedule: { kind: 'once' as const, date: inTwoDays.toISOString().slice(0, 10), time: '09:00', timeZone: 'UTC' },
    };
    await jobs.scheduleNext(later);
    await jobs.scheduleNext(later);
    expect(await queued(campaign.id)).toHaveLength(1);
  });

  it('has the reconciler queue the missing next run of an active campaign whose chain broke, once', async () => {
    const { campaign } = await dailyFromAMinuteAgo();
    answer = startedAnswer;
    // Nothing queued (as if the queue write after its first run had failed): the reconciler finds it.
    expect(await queued(campaign.id)).toEqual([]);
    await jobs.reconcile();
    await jobs.reconcile();
    await until(() => started.some((s) => s.campaignId === campaign.id));
    const times = await queued(campaign.id);
    expect(new Set(times).size).toBe(times.length);
    expect(times.length).toBeGreaterThanOrEqual(1);
  });

  it('says on the campaign, and tells its owner once, when its group is gone, and keeps its later runs queued', async () => {
    const { campaign } = await dailyFromAMinuteAgo();
    answer = () => ({ kind: 'unknownGroup', groupId: '0f0e0d0c-0000-4000-8000-00000000dead' });
    const first = await jobs.scheduleNext(campaign);
    await untilQueued(campaign.id, tomorrowOf(first!));
    const recorded = await store.get(campaign.id);
    expect(recorded?.problem?.text).toContain('no longer exists');
    expect(told.filter((t) => t.campaignId === campaign.id)).toHaveLength(1);
    // The same problem again is not news: the owner is not told twice; a run that starts clears it.
    expect(await store.setProblem(campaign.id, recorded!.problem!.text, new Date())).toBe(false);
    expect(await store.setProblem(campaign.id, undefined, new Date())).toBe(true);
    expect((await store.get(campaign.id))?.problem).toBeUndefined();
  });
});

import { CAMPAIGN_RUN_JOB, CampaignRunJobs } from '../../../src/adapters/jobs/campaign-run-job';
import { PgBossJobEngine } from '../../../src/adapters/jobs/pg-boss-job-engine';
import type { Database } from '../../../src/adapters/storage/database';
import { SqlCampaignStore } from '../../../src/adapters/storage/sql-campaign-store';
import type { StartRunResult } from '../../../src/use-cases/start-campaign-run';
import { campaignPlan } from '../../fakes/campaign-plan';
import { databaseTargets } from '../../support/test-database';

jest.setTimeout(60_000);
const quiet = { info: () => {}, warn: () => {}, error: () => {} };

describe.each(databaseTargets())('campaign run jobs on $name', (target) => {
  let db: Database;
  let engine: PgBossJobEngine;
  let store: SqlCampaignStore;
  let jobs: CampaignRunJobs;
  const started: { campaignId: string; scheduledFor: string }[] = [];
  let answer: (campaignId: string, scheduledFor: Date) => StartRunResult = () => ({ kind: 'noScan' });

  beforeAll(async () => {
    db = await target.openMigrated();
    engine = new PgBossJobEngine(db, { pollingIntervalSeconds: 0.5, cronMonitorIntervalSeconds: 1, cronWorkerIntervalSeconds: 1, logger: quiet });
    await engine.start();
    store = new SqlCampaignStore(db);
    jobs = new CampaignRunJobs(engine, async (campaignId, scheduledFor) => {
      started.push({ campaignId, scheduledFor: scheduledFor.toISOString() });
      return answer(campaignId, scheduledFor);
    }, store, quiet, () => new Date());
    await jobs.register();
  });
  afterAll(async () => {
    await engine.stop({ graceful: false, timeoutMs: 1000 });
    await db.close();
  });

  const queued = async (campaignId: string) =>
    (await db.query<{ start_after: Date | string }>(`SELECT start_after FROM pgboss.job WHERE name = $1 AND data->>'campaignId' = $2 ORDER BY start_after`, [CAMPAIGN_RUN_JOB, campaignId]))
      .map((row) => new Date(row.start_after).toISOString());
  const until = async (condition: () => boolean) => {
    for (const end = Date.now() + 20_000; !condition(); await new Promise((resolve) => setTimeout(resolve, 100))) if (Date.now() > end) throw new Error('timed out');
  };

  /** A daily campaign for a week whose first run was a minute ago (date and time from one instant, so midnight cannot split them). */
  const dailyFromAMinuteAgo = async () => {
    const due = new Date(Date.now() - 60_000).toISOString();
    const [today, nowTime] = [due.slice(0, 10), due.slice(11, 16)];
    const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const campaign = await store.create(campaignPlan({
      schedule: { kind: 'recurring', weekdays: [1, 2, 3, 4, 5, 6, 7], time: nowTime, timeZone: 'UTC', startDate: today, endDate: inAWeek },
    }), { id: 'm', name: 'M' }, new Date());
    return { campaign, today, nowTime };
  };

  it('starts a campaign that was due a moment ago at once, and queues the next run of a recurring one after starting it', async () => {
    const { campaign, today, nowTime } = await dailyFromAMinuteAgo();
    answer = (campaignId, scheduledFor) => ({ kind: 'started', targeted: 1, run: { id: 'r', campaignId, scheduledFor, startedAt: new Date(), status: 'delivering', targeted: 1 } });

    const first = await jobs.scheduleNext(campaign);
    expect(first?.toISOString()).toBe(`${today}T${nowTime}:00.000Z`);
    await until(() => started.some((s) => s.campaignId === campaign.id));
    // The next day at the same time is queued, once.
    const tomorrow = new Date(first!.getTime() + 86_400_000).toISOString();
    for (const end = Date.now() + 10_000; !(await queued(campaign.id)).includes(tomorrow) && Date.now() < end;) await new Promise((r) => setTimeout(r, 100));
    expect((await queued(campaign.id)).filter((time) => time === tomorrow)).toHaveLength(1);
  });

  it('queues nothing for a schedule that has no run left, and nothing more when a run was already started', async () => {
    const past = await store.create(campaignPlan({ schedule: { kind: 'once', date: '2020-01-01', time: '09:00', timeZone: 'UTC' } }), { id: 'm', name: 'M' }, new Date());
    expect(await jobs.scheduleNext(past)).toBeUndefined();
    expect(await queued(past.id)).toEqual([]);

    const due = new Date(Date.now() - 60_000).toISOString();
    const soon = await store.create(campaignPlan({ schedule: { kind: 'once', date: due.slice(0, 10), time: due.slice(11, 16), timeZone: 'UTC' } }), { id: 'm', name: 'M' }, new Date());
    answer = (_id, scheduledFor) => ({ kind: 'alreadyStarted', run: { id: 'r', campaignId: soon.id, scheduledFor, startedAt: new Date(), status: 'delivering', targeted: 0 } });
    await jobs.scheduleNext(soon);
    await until(() => started.some((s) => s.campaignId === soon.id));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await queued(soon.id)).toHaveLength(1);
  });

  it('on resume, passes over a run time that has started already and queues the one after it', async () => {
    const { campaign, today, nowTime } = await dailyFromAMinuteAgo();
    const todaysRun = new Date(`${today}T${nowTime}:00.000Z`);
    await store.startRun(campaign.id, todaysRun, new Date());
    const next = await jobs.scheduleNext(campaign);
    expect(next?.toISOString()).toBe(new Date(todaysRun.getTime() + 86_400_000).toISOString());
  });
});

import type { Campaign } from '../../domain/campaigns/campaign';
import { LATE_START_MS, nextRunAfter, runTimes } from '../../domain/campaigns/campaign-schedule';
import type { CampaignStore } from '../../domain/ports/campaign-store';
import type { JobEngine } from '../../domain/ports/job-engine';
import type { StartRunResult } from '../../use-cases/start-campaign-run';

export const CAMPAIGN_RUN_JOB = 'campaign-run';

interface CampaignRunJobData {
  campaignId: string;
  /** The scheduled time, ISO: the run's identity, so a repeated job starts nothing twice. */
  scheduledFor: string;
}

export interface CampaignRunLogger {
  info(details: Record<string, unknown>, message: string): void;
}

/**
 * A campaign's runs as a chain of jobs: each job starts one run at its scheduled time and, having started it,
 * queues the next one. Durable across restarts and shared by every instance (the queue is in the database);
 * a job that runs twice finds its run started and queues nothing more. A paused campaign's chain stops at the
 * next run; resuming starts it again from the next scheduled time. No scan yet: the job fails and is retried.
 */
export class CampaignRunJobs {
  constructor(
    private readonly engine: JobEngine,
    private readonly startRun: (campaignId: string, scheduledFor: Date) => Promise<StartRunResult>,
    private readonly campaigns: Pick<CampaignStore, 'get' | 'runs'>,
    private readonly logger: CampaignRunLogger,
    private readonly now: () => Date,
  ) {}

  async register(): Promise<void> {
    await this.engine.work<CampaignRunJobData>(CAMPAIGN_RUN_JOB, async (job) => {
      const scheduledFor = new Date(job.data.scheduledFor);
      const result = await this.startRun(job.data.campaignId, scheduledFor);
      this.logger.info({ campaignId: job.data.campaignId, scheduledFor: job.data.scheduledFor, outcome: result.kind }, 'campaign run job');
      // Retried by the queue: a scan may have completed by then.
      if (result.kind === 'noScan') throw new Error('No completed scan yet: the campaign run waits for one.');
      if (result.kind !== 'started') return;
      const campaign = await this.campaigns.get(job.data.campaignId);
      const next = campaign ? nextRunAfter(campaign.schedule, scheduledFor) : undefined;
      if (next) await this.queue(job.data.campaignId, next);
    });
  }

  /**
   * Queues a campaign's next run from now (on creation, or on resume). Answers when it will run, or undefined
   * when the schedule has no run left (a run up to 15 minutes late still counts: "start now" from a form).
   * A time whose run has started already is passed over: resuming just after a run must not end the chain there.
   */
  async scheduleNext(campaign: Campaign): Promise<Date | undefined> {
    const started = new Set((await this.campaigns.runs(campaign.id)).map((run) => run.scheduledFor.getTime()));
    const from = this.now().getTime() - LATE_START_MS;
    const next = runTimes(campaign.schedule).find((time) => time.getTime() >= from && !started.has(time.getTime()));
    if (next) await this.queue(campaign.id, next);
    return next;
  }

  private async queue(campaignId: string, at: Date): Promise<void> {
    const data: CampaignRunJobData = { campaignId, scheduledFor: at.toISOString() };
    await this.engine.send(CAMPAIGN_RUN_JOB, data, { startAfter: at, retryLimit: 20, retryDelaySeconds: 300 });
  }
}

import { createHash } from 'node:crypto';
import type { Campaign } from '../../domain/campaigns/campaign';
import type { CampaignRunQueue } from '../../domain/ports/campaign-run-queue';
import type { JobEngine } from '../../domain/ports/job-engine';
import { queueNextRun, reconcileCampaignRuns, runScheduledCampaign, type ScheduleRunsDeps } from '../../use-cases/schedule-campaign-runs';
import { messageOf } from '../../domain/errors';

export const CAMPAIGN_RUN_JOB = 'campaign-run';
/** The reconciler: every few minutes, each active campaign's next run is queued if it is missing. */
export const CAMPAIGN_RUN_RECONCILE_JOB = 'campaign-run-reconcile';
const RECONCILE_CRON = '*/10 * * * *';

interface CampaignRunJobData {
  campaignId: string;
  /** The scheduled time, ISO: the run's identity, so a repeated job starts nothing twice. */
  scheduledFor: string;
}

export interface CampaignRunLogger {
  info(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
}

/**
 * The campaign runs' chain (see schedule-campaign-runs) on the job queue: each run is a job at its scheduled
 * time, durable across restarts and shared by every instance (the queue is in the database). Each job's id is made
 * from its campaign and time, so queuing the same run twice queues it once. A run waiting for a scan fails its job,
 * which the queue tries again later. Every ten minutes the reconciler queues any active campaign's missing next run.
 */
export class CampaignRunJobs implements CampaignRunQueue {
  private readonly deps: ScheduleRunsDeps;

  constructor(
    private readonly engine: JobEngine,
    deps: Omit<ScheduleRunsDeps, 'queue'>,
    private readonly logger: CampaignRunLogger,
  ) {
    this.deps = { ...deps, queue: this };
  }

  async register(): Promise<void> {
    await this.engine.work<CampaignRunJobData>(CAMPAIGN_RUN_JOB, async (job) =>
      this.run(job.data.campaignId, new Date(job.data.scheduledFor), job.data.scheduledFor),
    );
    await this.engine.work(CAMPAIGN_RUN_RECONCILE_JOB, async () => {
      await this.reconcile();
    });
    await this.engine.schedule(CAMPAIGN_RUN_RECONCILE_JOB, RECONCILE_CRON, 'UTC');
  }

  private async run(campaignId: string, scheduledFor: Date, scheduledText: string): Promise<void> {
    const outcome = await runScheduledCampaign(this.deps, campaignId, scheduledFor);
    // The run's id links this job's lines to its deliveries' (correlationId campaign-run:<runId>).
    const runId = 'run' in outcome.result ? outcome.result.run.id : undefined;
    this.logger.info(
      { campaignId, scheduledFor: scheduledText, outcome: outcome.result.kind, ...(runId ? { runId } : {}) },
      'campaign run job',
    );
    if (outcome.problem) {
      this.logger.warn({ campaignId, problem: outcome.problem.text }, 'a campaign cannot go on as planned');
      if (outcome.problem.tellError !== undefined)
        this.logger.warn({ campaignId, err: messageOf(outcome.problem.tellError) }, 'the campaign owner could not be told of a problem');
    }
    // Retried by the queue: a scan may have completed by then (and if its tries run out, the reconciler goes on).
    if (outcome.waitsForScan)
      throw new Error(
        `No completed ${outcome.result.kind === 'noSmtpRead' ? 'read of the sign-in log' : 'scan'} yet: the campaign run waits for one.`,
      );
  }

  /** Makes sure each active campaign has its next run queued; answers how many campaigns were looked at. */
  async reconcile(): Promise<number> {
    const { looked, failed } = await reconcileCampaignRuns(this.deps);
    for (const { campaignId, error } of failed)
      this.logger.warn({ campaignId, err: messageOf(error) }, 'campaign reconcile: could not queue its next run');
    return looked;
  }

  /** Queues a campaign's next run from now (on creation, or on resume): see queueNextRun. */
  scheduleNext(campaign: Campaign): Promise<Date | undefined> {
    return queueNextRun(this.deps, campaign);
  }

  async queue(campaignId: string, at: Date): Promise<void> {
    const data: CampaignRunJobData = { campaignId, scheduledFor: at.toISOString() };
    await this.engine.send(CAMPAIGN_RUN_JOB, data, {
      id: runJobId(campaignId, at),
      startAfter: at,
      retryLimit: 20,
      retryDelaySeconds: 300,
    });
  }
}

/** The job id of one campaign's run at one time: the same every time it is queued, so the queue keeps it once. */
export function runJobId(campaignId: string, at: Date): string {
  const hex = createHash('sha256').update(`campaign-run:${campaignId}:${at.toISOString()}`).digest('hex');
  // Shaped as a version 8 (custom) UUID, which is what the queue's id column takes.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

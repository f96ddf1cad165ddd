import { createHash } from 'node:crypto';
import type { Campaign } from '../../domain/campaigns/campaign';
import { LATE_START_MS, nextRunAfter, runTimes } from '../../domain/campaigns/campaign-schedule';
import type { CampaignStore } from '../../domain/ports/campaign-store';
import type { JobEngine } from '../../domain/ports/job-engine';
import { recordWithRetries } from '../../use-cases/record-with-retries';
import type { StartRunResult } from '../../use-cases/start-campaign-run';

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

/** Told once when a campaign cannot go on as planned (recorded on the campaign, shown on its status card). */
export type CampaignProblemListener = (campaign: Campaign, problem: string) => Promise<void>;

/**
 * A campaign's runs as a chain of jobs: each job starts one run at its scheduled time and queues the next one,
 * whatever became of its own (started now, started before by a job that then failed, or skipped because its
 * group is gone). Durable across restarts and shared by every instance (the queue is in the database). Each job's
 * id is made from its campaign and time, so queuing the same run twice queues it once. A paused campaign's chain
 * stops at the next run; resuming starts it again. No scan yet: the job fails and is retried.
 *
 * If a chain breaks anyway (a job's retries ran out, a queue write failed after its run started), the
 * reconciler, every ten minutes, queues any active campaign's missing next run.
 */
export class CampaignRunJobs {
  constructor(
    private readonly engine: JobEngine,
    private readonly startRun: (campaignId: string, scheduledFor: Date) => Promise<StartRunResult>,
    private readonly campaigns: Pick<CampaignStore, 'get' | 'runs'>,
    private readonly logger: CampaignRunLogger,
    private readonly now: () => Date,
    private readonly campaignProblems?: Pick<CampaignStore, 'setProblem' | 'listActive'> & { onProblem?: CampaignProblemListener },
  ) {}

  async register(): Promise<void> {
    await this.engine.work<CampaignRunJobData>(CAMPAIGN_RUN_JOB, async (job) =>
      this.run(job.data.campaignId, new Date(job.data.scheduledFor), job.data.scheduledFor),
    );
    if (this.campaignProblems) {
      await this.engine.work(CAMPAIGN_RUN_RECONCILE_JOB, async () => {
        await this.reconcile();
      });
      await this.engine.schedule(CAMPAIGN_RUN_RECONCILE_JOB, RECONCILE_CRON, 'UTC');
    }
  }

  private async run(campaignId: string, scheduledFor: Date, scheduledText: string): Promise<void> {
    // A database blip fails the start: it is tried again at once, a few times over some seconds, rather than after
    // the queue's retry delay (minutes, meant for "no scan yet"). Safe to repeat: a run started by a try whose
    // answer was lost is found ("already started"), never started twice.
    const result = await recordWithRetries(() => this.startRun(campaignId, scheduledFor));
    this.logger.info({ campaignId, scheduledFor: scheduledText, outcome: result.kind }, 'campaign run job');
    if (result.kind === 'notActive' || result.kind === 'unknownCampaign') return;
    const campaign = await this.campaigns.get(campaignId);
    if (!campaign) return;
    if (result.kind === 'noScan') {
      await this.problem(campaign, 'No scan of the tenant has completed yet, so its run waits for one. Say "scan" to start one.');
      // Retried by the queue: a scan may have completed by then (and if its tries run out, the reconciler goes on).
      throw new Error('No completed scan yet: the campaign run waits for one.');
    }
    if (result.kind === 'unknownGroup') {
      await this.problem(
        campaign,
        `Its Entra group (${result.groupId}) no longer exists, so the run of ${scheduledFor.toISOString().slice(0, 16).replace('T', ' ')} UTC reached no one. Cancel it and copy it with another audience.`,
      );
    } else if (result.kind === 'started' && campaign.problem) {
      await this.campaignProblems?.setProblem(campaign.id, undefined, this.now());
    }
    // Also after "already started": that run's first job may have died between starting it and queuing this.
    const next = nextRunAfter(campaign.schedule, scheduledFor);
    if (next) await this.queue(campaignId, next);
  }

  /**
   * Makes sure each active campaign has its next run queued (a no-op for those that do: the job ids match).
   * Answers how many campaigns were looked at.
   */
  async reconcile(): Promise<number> {
    if (!this.campaignProblems) return 0;
    const active = await this.campaignProblems.listActive();
    for (const campaign of active) {
      try {
        await this.scheduleNext(campaign);
      } catch (error) {
        this.logger.warn(
          { campaignId: campaign.id, err: error instanceof Error ? error.message : String(error) },
          'campaign reconcile: could not queue its next run',
        );
      }
    }
    return active.length;
  }

  private async problem(campaign: Campaign, text: string): Promise<void> {
    if (!this.campaignProblems) return;
    const changed = await this.campaignProblems.setProblem(campaign.id, text, this.now());
    this.logger.warn({ campaignId: campaign.id, problem: text }, 'a campaign cannot go on as planned');
    if (changed)
      await this.campaignProblems
        .onProblem?.(campaign, text)
        .catch((error: unknown) =>
          this.logger.warn(
            { campaignId: campaign.id, err: error instanceof Error ? error.message : String(error) },
            'the campaign owner could not be told of a problem',
          ),
        );
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

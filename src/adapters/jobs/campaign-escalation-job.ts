import type { JobEngine } from '../../domain/ports/job-engine';
import type { EscalationReport } from '../../use-cases/escalate-unanswered';

export const CAMPAIGN_ESCALATION_JOB = 'campaign-escalation';

interface EscalationJobData {
  campaignId: string;
}

export interface EscalationJobLogger {
  info(details: Record<string, unknown>, message: string): void;
}

/**
 * A campaign's escalation check, queued when one of its runs finishes, for when that run's nudges have had their
 * time to be answered. Durable and shared like every job; a check that Teams asked to slow down fails, and the
 * queue tries it again later (only the people not yet told are claimed again).
 */
export class CampaignEscalationJobs {
  constructor(
    private readonly engine: JobEngine,
    private readonly escalate: (campaignId: string) => Promise<EscalationReport>,
    private readonly logger: EscalationJobLogger,
    private readonly now: () => Date,
  ) {}

  async register(): Promise<void> {
    await this.engine.work<EscalationJobData>(CAMPAIGN_ESCALATION_JOB, async (job) => {
      const report = await this.escalate(job.data.campaignId);
      this.logger.info({ campaignId: job.data.campaignId, ...report }, 'campaign escalation check');
      if (report.retryLater) throw new Error('Teams asked to slow down: the rest of the escalation is tried again later.');
    });
  }

  /** Queues the check for `afterMs` from now (a run just finished; its nudges need time to be answered). */
  async queue(campaignId: string, afterMs: number): Promise<void> {
    const data: EscalationJobData = { campaignId };
    await this.engine.send(CAMPAIGN_ESCALATION_JOB, data, {
      startAfter: new Date(this.now().getTime() + afterMs),
      retryLimit: 10,
      retryDelaySeconds: 300,
      retryBackoff: true,
    });
  }
}

import type { JobEngine } from '../../domain/ports/job-engine';
import type { SmtpOwnerNudgeRequest, SmtpOwnerNudgeResult } from '../../use-cases/send-smtp-owner-nudge';
import { laterFor, type NudgeLogger } from './nudge-job';

export const SMTP_OWNER_NUDGE_JOB = 'smtp-owner-nudge';

/** An owner's nudge as a job (JSON): what it is about and who asked. */
interface SmtpOwnerNudgeJobData {
  about: SmtpOwnerNudgeRequest['about'];
  source: SmtpOwnerNudgeRequest['source'];
  requestedBy?: string;
  force?: boolean;
}

/**
 * Owners' nudges that cannot go now go later, as jobs (as MFA nudges do): outside the owner's sending hours they
 * wait for the hours to open; throttled, as long as Teams asked. A cap met later ends the job.
 */
export class SmtpOwnerNudgeJobs {
  constructor(
    private readonly engine: JobEngine,
    private readonly send: (request: SmtpOwnerNudgeRequest) => Promise<SmtpOwnerNudgeResult>,
    private readonly logger: NudgeLogger,
    private readonly now: () => Date,
  ) {}

  async register(): Promise<void> {
    await this.engine.work<SmtpOwnerNudgeJobData>(SMTP_OWNER_NUDGE_JOB, async (job) => {
      // The job's id is the same on each of its retries: a retry finds the nudge its earlier attempt reserved.
      const result = await this.sendNowOrLater({ ...job.data, requestKey: `smtp-owner-nudge-job:${job.id}` });
      this.logger.info({ source: job.data.source, outcome: result.kind }, "a queued SMTP AUTH owner's nudge ran");
    });
  }

  async sendNowOrLater(request: SmtpOwnerNudgeRequest): Promise<SmtpOwnerNudgeResult> {
    const result = await this.send(request);
    const retryAt = laterFor(result, this.now());
    if (retryAt) {
      const data: SmtpOwnerNudgeJobData = {
        about: request.about,
        source: request.source,
        ...(request.requestedBy ? { requestedBy: request.requestedBy } : {}),
        ...(request.force ? { force: true } : {}),
      };
      await this.engine.send(SMTP_OWNER_NUDGE_JOB, data, { startAfter: retryAt, retryLimit: 3, retryDelaySeconds: 60, retryBackoff: true });
    }
    return result;
  }
}

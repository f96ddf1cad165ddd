import type { JobEngine } from '../../domain/ports/job-engine';
import { isNudgeTarget, type NudgeTarget } from '../../domain/nudges/nudge-target';
import type { NudgeRequest, NudgeResult } from '../../use-cases/send-nudge';
import type { SmtpOwnerNudgeResult } from '../../use-cases/send-smtp-owner-nudge';

export const NUDGE_SEND_JOB = 'nudge-send';

/** A nudge as a job: the request, with dates as text (job data is JSON). */
interface NudgeJobData {
  userId: string;
  source: NudgeRequest['source'];
  requestedBy?: string;
  force?: boolean;
  deadlineDay?: string;
  target?: NudgeTarget;
}

export interface NudgeLogger {
  info(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
}

/**
 * Nudges that cannot go now go later, as jobs, so nothing is lost across restarts: outside someone's sending
 * hours they wait for the hours to open; throttled, they wait as long as Teams asked; a snooze's reminder waits
 * for its day. A cap or a snooze met by a later job ends it: the person has heard from us recently enough.
 */
export class NudgeJobs {
  constructor(
    private readonly engine: JobEngine,
    private readonly send: (request: NudgeRequest) => Promise<NudgeResult>,
    private readonly logger: NudgeLogger,
    /** The app's clock, the one the sender judged sending hours and the cap by. */
    private readonly now: () => Date,
  ) {}

  async register(): Promise<void> {
    await this.engine.work<NudgeJobData>(NUDGE_SEND_JOB, async (job) => {
      const request: NudgeRequest = {
        // The job's id is the same on each of its retries: a retry finds the nudge its earlier attempt reserved.
        requestKey: `nudge-job:${job.id}`,
        userId: job.data.userId,
        source: job.data.source,
        ...(job.data.requestedBy ? { requestedBy: job.data.requestedBy } : {}),
        ...(job.data.force ? { force: true } : {}),
        ...(job.data.deadlineDay ? { deadlineDay: job.data.deadlineDay } : {}),
        // Job data outlives versions: a target this version does not know falls back to the setting's.
        ...(isNudgeTarget(job.data.target) ? { target: job.data.target } : {}),
      };
      const result = await this.sendNowOrLater(request);
      this.logger.info({ userId: request.userId, source: request.source, outcome: result.kind }, 'a queued nudge ran');
    });
  }

  /** Sends now if it may, and queues what should be tried again later; the result says which. */
  async sendNowOrLater(request: NudgeRequest): Promise<NudgeResult> {
    const result = await this.send(request);
    const retryAt = laterFor(result, this.now());
    if (retryAt) await this.later(request, retryAt);
    return result;
  }

  async later(request: NudgeRequest, at: Date): Promise<void> {
    const data: NudgeJobData = {
      userId: request.userId,
      source: request.source,
      ...(request.requestedBy ? { requestedBy: request.requestedBy } : {}),
      ...(request.force ? { force: true } : {}),
      ...(request.deadlineDay ? { deadlineDay: request.deadlineDay } : {}),
      ...(request.target ? { target: request.target } : {}),
    };
    await this.engine.send(NUDGE_SEND_JOB, data, { startAfter: at, retryLimit: 3, retryDelaySeconds: 60, retryBackoff: true });
  }
}

/** When to try a send again (an MFA nudge or an owner's card alike), or undefined when its result is final. */
export function laterFor(result: NudgeResult | SmtpOwnerNudgeResult, now: Date): Date | undefined {
  if (result.kind === 'deferred' && result.reason === 'sendingHours') return result.notBefore;
  if (result.kind === 'throttled') return new Date(now.getTime() + result.retryAfterMs);
  return undefined;
}

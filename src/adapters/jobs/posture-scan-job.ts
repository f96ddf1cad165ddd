import type { JobEngine } from '../../domain/ports/job-engine';
import type { ScanTrigger } from '../../domain/ports/posture-store';

export const POSTURE_SCAN_JOB = 'posture-scan';

export interface PostureScanJobData {
  trigger: ScanTrigger;
  /** Entra object id of the admin who asked. */
  requestedBy?: string;
  /** Where to post the result: the conversation the admin asked in (a serialized conversation reference). */
  replyTo?: unknown;
}

/**
 * Scans run as jobs: on the configured schedule, and when an admin asks. The job engine keeps them
 * durable across restarts; the store keeps them one at a time across bot instances.
 */
export async function registerPostureScanJob(
  engine: JobEngine,
  schedule: { cron: string; timeZone: string },
  run: (data: PostureScanJobData) => Promise<void>,
): Promise<void> {
  await engine.work<PostureScanJobData>(POSTURE_SCAN_JOB, (job) => run(job.data));
  await engine.schedule<PostureScanJobData>(POSTURE_SCAN_JOB, schedule.cron, schedule.timeZone, { trigger: 'schedule' });
}

export async function requestPostureScan(engine: JobEngine, data: PostureScanJobData): Promise<void> {
  // One attempt: a failed scan is recorded as failed and reported; the admin can ask again.
  await engine.send(POSTURE_SCAN_JOB, data, { retryLimit: 0, expireInSeconds: 6 * 3600 });
}

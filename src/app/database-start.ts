import type { Logger } from 'pino';
import { messageOf } from '../domain/errors';

/** How long a starting bot waits for its database server to answer before giving up (and exiting). */
export const DATABASE_START_WAIT_MS = 60_000;
const FIRST_WAIT_MS = 500;
const LONGEST_WAIT_MS = 8_000;

/**
 * Runs a start step that needs the database (its schema brought up to date, the job queue started) again while
 * it fails, for up to `totalMs`: a bot started at the same moment as its database server (a compose file, a host
 * rebooting) or during a restart or failover of it would otherwise exit at once. The step must be safe to repeat:
 * migrations each run in a transaction and skip what is done. After `totalMs` the last failure is thrown.
 */
export async function whileDatabaseStarts<T>(
  step: () => Promise<T>,
  logger: Pick<Logger, 'warn'>,
  totalMs: number = DATABASE_START_WAIT_MS,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<T> {
  let waited = 0;
  for (let wait = FIRST_WAIT_MS; ; wait = Math.min(wait * 2, LONGEST_WAIT_MS)) {
    try {
      return await step();
    } catch (error) {
      if (waited >= totalMs) throw error;
      const pause = Math.min(wait, totalMs - waited);
      logger.warn({ err: messageOf(error), retryInMs: pause }, 'the database did not answer at start; trying again');
      await sleep(pause);
      waited += pause;
    }
  }
}

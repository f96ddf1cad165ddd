import type { ErrorCode } from './errors';

/** A dependency that did not answer in the time a caller can wait (a turn, an invoke). */
export class TimeoutError extends Error {
  readonly errorCode: ErrorCode = 'TIMEOUT';
  constructor(what: string, ms: number) {
    super(`${what}: no answer within ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

/**
 * The promise's outcome, or a TimeoutError after `ms`. The work itself is not cancelled (the ports take no signal);
 * the timer is cleared either way, so a prompt answer leaves nothing pending.
 */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(what, ms)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

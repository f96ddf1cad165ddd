/** How patiently a Graph call is retried. Every wait and every retry goes through one place: GraphCaller. */
export interface RetryPolicy {
  /** Retries after 429, each after the Retry-After the service gave (or a backoff when it gave none). */
  maxThrottleRetries: number;
  /** Retries after 503, 504 or a network failure, with exponential backoff and jitter. */
  maxTransientRetries: number;
  /** First backoff ceiling; it doubles on each retry. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this fails the call at once, rather than parking a scan for hours. */
  maxRetryAfterMs: number;
  /** One attempt that has not been answered (body included) by then is abandoned and counts as a network failure. */
  attemptTimeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = {
  maxThrottleRetries: 8,
  maxTransientRetries: 4,
  baseDelayMs: 1_000,
  maxDelayMs: 32_000,
  maxRetryAfterMs: 5 * 60_000,
  // The Graph SDKs' own default request timeout.
  attemptTimeoutMs: 100_000,
};

/**
 * The wait before retry number `retry` (1-based) when the service named none: exponential with "equal
 * jitter", between half and all of min(max, base·2^(retry−1)). Never zero, and never in lockstep with other
 * instances that failed at the same moment.
 */
export function backoffDelayMs(
  retry: number,
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return ceiling / 2 + (random() * ceiling) / 2;
}

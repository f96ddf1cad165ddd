import { ResponseType, RetryHandlerOptions, type Client } from '@microsoft/microsoft-graph-client';
import { GraphFailure, failureKindOf } from './graph-failure';
import { operationOf } from './graph-path';
import type { PacerClock, PacerSlot, RequestPacer } from '../request-pacer';
import { retryAfterMs, type HeaderLookup } from './retry-after';
import { backoffDelayMs, type RetryPolicy } from './retry-policy';

export interface GraphCall {
  method: 'GET' | 'POST' | 'PATCH';
  /** Relative to the version root, with its query: `/users?$select=id&$top=999`. */
  path: string;
  body?: unknown;
  /** Request headers the query form needs, e.g. `ConsistencyLevel: eventual` for an advanced query. */
  headers?: Record<string, string>;
}

/** One HTTP exchange as it happened; status 0 when no HTTP answer came at all. */
export interface GraphAnswer {
  status: number;
  headers: HeaderLookup;
  body: unknown;
}

/** What a walk reports: every request charged to a Graph service (retries included), and the 429s among them. */
export interface CallCounters {
  requests: number;
  throttled: number;
  /** Retries after 503/504/network failures. */
  transientRetries: number;
}

export const newCounters = (): CallCounters => ({ requests: 0, throttled: 0, transientRetries: 0 });

/** What to do after an answer that is not a success. */
export type RetryDecision = { retry: false } | { retry: true; throttled: boolean; waitMs: number };

const NO_SDK_RETRIES = new RetryHandlerOptions(0, 0);
const NO_HEADERS: HeaderLookup = { get: () => undefined };
const TRANSIENT = new Set([0, 503, 504]);

/**
 * Sends Graph requests through the app's Graph client with the SDK's RetryHandler switched off for them
 * (RetryHandlerOptions with maxRetries 0, per request), and does the retrying itself:
 * - the SDK's handler would sleep and resend inside the middleware, where the pacer cannot see it: each
 *   hidden resend spends a slot of the reports budget nobody granted, so the next paced request meets a 429;
 * - it knows Retry-After in whole seconds only (not `retry-after-ms`), and gives up after 3 tries at most;
 * - `$batch` inner 429s are invisible to it anyway.
 * Here every attempt, first or retry, takes a pacer slot; a 429 holds the whole pacer for its Retry-After;
 * 503/504 and network failures back off exponentially with jitter; both are bounded, then a GraphFailure.
 */
export class GraphCaller {
  constructor(
    private readonly client: Client,
    private readonly policy: RetryPolicy,
    private readonly clock: PacerClock,
    private readonly random: () => number = Math.random,
  ) {}

  /**
   * Sends until a 2xx answer, retrying as above; returns the parsed body. `maxPacerWaitMs` bounds each wait
   * for a pacer slot (a chat turn cannot queue behind a scan for a whole window); past it, a GraphFailure.
   */
  async send<T>(call: GraphCall, options: { pacer?: RequestPacer; counters?: CallCounters; maxPacerWaitMs?: number } = {}): Promise<T> {
    const counters = options.counters ?? newCounters();
    const tries = { throttle: 0, transient: 0, total: 0 };
    for (;;) {
      const slot = options.pacer ? await this.slotFrom(options.pacer, call, tries.total, options.maxPacerWaitMs) : undefined;
      let answer: GraphAnswer;
      try {
        // The slot is released as soon as the answer's headers arrive: the service counted the request before
        // it answered, and reading a large page's body must not hold up the next request's window.
        answer = await this.exchange(call, () => slot?.release());
      } finally {
        slot?.release();
      }
      tries.total++;
      counters.requests++;
      if (answer.status >= 200 && answer.status < 300) return answer.body as T;
      const decision = this.decide(answer, tries);
      if (!decision.retry) throw this.failure(call, answer, tries.total);
      if (decision.throttled) counters.throttled++;
      else counters.transientRetries++;
      await this.wait(decision, options.pacer);
    }
  }

  private async slotFrom(pacer: RequestPacer, call: GraphCall, attempts: number, maxWaitMs: number | undefined): Promise<PacerSlot> {
    if (maxWaitMs === undefined) return pacer.acquire();
    try {
      return await pacer.acquire(AbortSignal.timeout(maxWaitMs));
    } catch {
      const { limit, windowMs } = pacer.budget;
      return Promise.reject(
        new GraphFailure({
          kind: 'busy',
          operation: operationOf(call.method, call.path),
          attempts,
          detail: `the reports budget (${limit} requests per ${windowMs / 1000} s) had no room within ${maxWaitMs} ms; a scan is probably using it. Try again shortly`,
        }),
      );
    }
  }

  /**
   * Whether to retry after this answer and after how long; `tries` counts what was spent so far and is
   * advanced here. Shared with the `$batch` runner, which applies it to inner responses.
   */
  decide(answer: Pick<GraphAnswer, 'status' | 'headers'>, tries: { throttle: number; transient: number }): RetryDecision {
    const asked = retryAfterMs(answer.headers);
    if (answer.status === 429) {
      if (tries.throttle >= this.policy.maxThrottleRetries) return { retry: false };
      tries.throttle++;
      const waitMs = asked ?? backoffDelayMs(tries.throttle, this.policy, this.random);
      return waitMs > this.policy.maxRetryAfterMs ? { retry: false } : { retry: true, throttled: true, waitMs };
    }
    if (TRANSIENT.has(answer.status)) {
      if (tries.transient >= this.policy.maxTransientRetries) return { retry: false };
      tries.transient++;
      const waitMs = Math.max(asked ?? 0, backoffDelayMs(tries.transient, this.policy, this.random));
      return waitMs > this.policy.maxRetryAfterMs ? { retry: false } : { retry: true, throttled: false, waitMs };
    }
    return { retry: false };
  }

  /** A 429 is about the tenant's budget, so it holds the pacer for everyone; other waits are this caller's. */
  async wait(decision: { throttled: boolean; waitMs: number }, pacer?: RequestPacer): Promise<void> {
    if (decision.throttled && pacer) pacer.holdFor(decision.waitMs);
    else await this.clock.sleep(decision.waitMs);
  }

  /** One HTTP exchange, whatever its status; `onHeaders` is called once the headers are in, before the body is read. */
  async exchange(call: GraphCall, onHeaders?: () => void): Promise<GraphAnswer> {
    const request = this.client
      .api(call.path)
      .middlewareOptions([NO_SDK_RETRIES])
      .responseType(ResponseType.RAW)
      // A connection that hangs must not stall a scan for ever; the signal also covers reading the body.
      .option('signal', AbortSignal.timeout(this.policy.attemptTimeoutMs));
    if (call.headers) request.headers(call.headers);
    let response: Response;
    let text: string;
    try {
      const sent =
        call.method === 'GET' ? request.get() : call.method === 'PATCH' ? request.patch(call.body ?? {}) : request.post(call.body ?? {});
      response = (await sent) as Response;
      onHeaders?.();
      text = await response.text();
    } catch (error) {
      // The SDK turns a fetch that got no answer into a GraphError without a status; a timeout is the same to us.
      return { status: 0, headers: NO_HEADERS, body: { error: { message: (error as Error).message } } };
    }
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = { error: { code: 'notJson', message: `The answer (${response.status}) is not JSON.` } };
      if (response.ok) return { status: 502, headers: response.headers, body };
    }
    return { status: response.status, headers: response.headers, body };
  }

  failure(call: GraphCall, answer: Pick<GraphAnswer, 'status' | 'headers' | 'body'>, attempts: number, detail?: string): GraphFailure {
    const error = (answer.body as { error?: { code?: string; message?: string; innerError?: Record<string, string> } } | undefined)?.error;
    const requestId = error?.innerError?.['request-id'] ?? answer.headers.get('request-id') ?? undefined;
    const kind = answer.status === 0 ? 'unreachable' : failureKindOf(answer.status, error?.code);
    const tooLong = answer.status === 429 || TRANSIENT.has(answer.status) ? longWaitNote(answer.headers, this.policy) : undefined;
    return new GraphFailure({
      kind,
      operation: operationOf(call.method, call.path),
      status: answer.status === 0 ? undefined : answer.status,
      code: error?.code,
      requestId,
      attempts,
      detail: detail ?? tooLong ?? error?.message,
    });
  }
}

function longWaitNote(headers: HeaderLookup, policy: RetryPolicy): string | undefined {
  const asked = retryAfterMs(headers);
  if (asked === undefined || asked <= policy.maxRetryAfterMs) return undefined;
  return `Graph asked to wait ${Math.ceil(asked / 1000)} s, more than the ${Math.ceil(policy.maxRetryAfterMs / 1000)} s this client waits`;
}

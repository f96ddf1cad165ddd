/**
 * How MFA Coach calls Teams' Bot Connector: every attempt has a deadline, and a message is never sent twice.
 *
 * botbuilder's Connector client runs on Azure's HTTP pipeline, whose default retry policy resends any request
 * answered 408 or 5xx, or cut off, up to three times, with no deadline on an attempt. For a GET that is right.
 * For a POST that carries a card it is not: Teams may have delivered the card and then answered 502 or 504 (its
 * documentation lists both as "retry"), so the person gets it twice and the bot believes it sent it once. And a
 * Connector that never answers holds the send, and its place in the send window, for ever.
 *
 * So the client's retry policy is replaced by this one:
 * - each attempt is given up after `attemptTimeoutMs` (a `ConnectorTimeoutError`);
 * - 429 (Teams documents it as not delivered) is retried after the wait Teams asked for, when that wait is short;
 * - a request that never reached the Connector (refused, no such host) is retried, whatever its method;
 * - 5xx, a timeout or a cut connection is retried only for reads and other idempotent requests. A POST so
 *   answered is handed back to the caller, who records it as "uncertain" rather than sending it again.
 *
 * It also closes a kept-alive connection itself after `idleConnectionMs` unused. Azure's HTTP client keeps
 * connections open with no limit, and Node 20 ignores the server's "Keep-Alive: timeout" hint for such a client, so
 * a card could be written on a connection at the moment the Connector (or a load balancer on the way) closed it
 * for being idle: the send fails with "socket hang up" and, since it may have arrived, becomes uncertain. The chaos
 * bench saw this with no fault injected at all.
 */

import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { retryAfterMs } from '../graph/retry-after';
import type { ErrorCode } from '../../domain/errors';

/** The parts of Azure's pipeline request and response this policy reads (typed here, not imported). */
interface PipelineRequest {
  method: string;
  url: string;
  abortSignal?: AbortSignal;
  /** Node only: the agent that holds the request's connections (Azure's client uses its own when unset). */
  agent?: HttpAgent;
}
interface PipelineResponse {
  status: number;
  headers: { get(name: string): string | undefined };
}
type SendRequest = (request: PipelineRequest) => Promise<PipelineResponse>;
export interface PipelinePolicy {
  name: string;
  sendRequest(request: PipelineRequest, next: SendRequest): Promise<PipelineResponse>;
}

export interface ConnectorCallLimits {
  /** One attempt, from the request leaving to the whole answer read. Teams' own deadline for a bot's reply is 15 s. */
  attemptTimeoutMs: number;
  /** 429s retried inside one call, each after the wait Teams asked for. */
  throttleRetries: number;
  /** A 429 asking for a longer wait is handed back at once (the caller queues the send for later instead). */
  maxRetryAfterMs: number;
  /** Other retries inside one call: a request that never left, or an idempotent one that failed. */
  retries: number;
  /** The first wait before such a retry; it doubles each time. */
  retryDelayMs: number;
  /**
   * A kept-alive connection unused this long is closed by the bot, before the other end does it; shorter still when
   * the Connector announces a shorter "Keep-Alive: timeout" (Node then keeps a second's margin).
   */
  idleConnectionMs: number;
  /** Told each attempt's answer (its HTTP status, or "error" when none came), for the operator's figures. */
  observeAnswer?: (status: number | 'error') => void;
}

export const DEFAULT_CONNECTOR_CALL_LIMITS: ConnectorCallLimits = {
  attemptTimeoutMs: 15_000,
  throttleRetries: 3,
  maxRetryAfterMs: 10_000,
  retries: 2,
  retryDelayMs: 500,
  // Below the idle timeouts of the load balancers and web servers a request may cross (60 s and more, commonly).
  idleConnectionMs: 30_000,
};

/** One pair of agents per idle time, shared by every Connector client, so that connections are reused across them. */
const agents = new Map<number, { http: HttpAgent; https: HttpsAgent }>();

/** The agent for a request's URL: kept-alive connections, closed after `idleMs` unused. */
function connectorAgent(url: string, idleMs: number): HttpAgent {
  let pair = agents.get(idleMs);
  if (!pair) {
    // `timeout` on a free socket closes it; on a busy one it only emits an event nobody acts on (the attempt's
    // own deadline applies).
    pair = { http: new HttpAgent({ keepAlive: true, timeout: idleMs }), https: new HttpsAgent({ keepAlive: true, timeout: idleMs }) };
    agents.set(idleMs, pair);
  }
  return url.startsWith('https:') ? pair.https : pair.http;
}

/** The Connector gave no whole answer within the attempt's deadline. The request may have reached Teams. */
export class ConnectorTimeoutError extends Error {
  readonly code = 'CONNECTOR_TIMEOUT';
  readonly errorCode: ErrorCode = 'TEAMS-TIMEOUT';
  constructor(readonly timeoutMs: number) {
    super(`the Bot Connector gave no answer within ${timeoutMs} ms`);
    this.name = 'ConnectorTimeoutError';
  }
}

/** Errors raised before a single byte of the request can have reached the Connector. */
const NEVER_LEFT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

/** True when the error proves the request never reached the Connector, so sending it again cannot duplicate it. */
export function neverReachedConnector(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && NEVER_LEFT.has(code);
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);
const RETRIED_STATUSES = new Set([408, 500, 502, 503, 504]);

export function connectorCallPolicy(
  limits: ConnectorCallLimits = DEFAULT_CONNECTOR_CALL_LIMITS,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): PipelinePolicy {
  return {
    name: 'mfaCoachConnectorCalls',
    async sendRequest(request, next) {
      request.agent ??= connectorAgent(request.url, limits.idleConnectionMs);
      const idempotent = IDEMPOTENT.has(request.method.toUpperCase());
      let throttled = 0;
      let retried = 0;
      for (;;) {
        let response: PipelineResponse;
        try {
          response = await attempt(request, next, limits.attemptTimeoutMs);
          limits.observeAnswer?.(response.status);
        } catch (error) {
          limits.observeAnswer?.('error');
          if ((idempotent || neverReachedConnector(error)) && retried < limits.retries) {
            await sleep(limits.retryDelayMs * 2 ** retried++);
            continue;
          }
          throw error;
        }
        if (response.status === 429 && throttled < limits.throttleRetries) {
          const waitMs = retryAfterMs(response.headers) ?? limits.retryDelayMs * 2 ** throttled;
          if (waitMs > limits.maxRetryAfterMs) return response;
          throttled++;
          await sleep(waitMs);
          continue;
        }
        if (idempotent && RETRIED_STATUSES.has(response.status) && retried < limits.retries) {
          await sleep(limits.retryDelayMs * 2 ** retried++);
          continue;
        }
        return response;
      }
    },
  };
}

/** One attempt under its own deadline; the caller's abort signal, if any, still aborts it. */
async function attempt(request: PipelineRequest, next: SendRequest, timeoutMs: number): Promise<PipelineResponse> {
  const outer = request.abortSignal;
  const controller = new AbortController();
  const forward = () => controller.abort();
  outer?.addEventListener('abort', forward);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new ConnectorTimeoutError(timeoutMs));
    }, timeoutMs);
  });
  request.abortSignal = controller.signal;
  try {
    // The race, not only the abort: an answer whose body stalls after its headers is given up on too.
    return await Promise.race([next(request), deadline]);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', forward);
    request.abortSignal = outer;
  }
}

/** The pipeline inside botbuilder's ConnectorClient (botbuilder-stdlib's ServiceClientContext keeps it on `client`). */
interface PipelineHolder {
  client?: {
    pipeline?: { removePolicy(options: { name: string }): unknown; addPolicy(policy: PipelinePolicy, options?: { phase?: string }): void };
  };
}

/**
 * Puts the policy in place of Azure's default retry policy on a Connector client botbuilder just made. Throws if
 * botbuilder's client no longer has the shape this relies on: sending with the old retries would duplicate cards.
 */
export function limitConnectorCalls<T extends object>(connectorClient: T, limits: ConnectorCallLimits = DEFAULT_CONNECTOR_CALL_LIMITS): T {
  const pipeline = (connectorClient as PipelineHolder).client?.pipeline;
  if (!pipeline) throw new Error("botbuilder's Connector client has no pipeline to set its deadline and retries on");
  pipeline.removePolicy({ name: 'defaultRetryPolicy' });
  pipeline.removePolicy({ name: 'mfaCoachConnectorCalls' });
  pipeline.addPolicy(connectorCallPolicy(limits), { phase: 'Retry' });
  return connectorClient;
}

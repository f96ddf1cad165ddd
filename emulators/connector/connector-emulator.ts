import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { connectorErrors } from './connector-error';
import { ConnectorRoute, parseConnectorRoute, WRITE_OPERATIONS } from './connector-route';
import { ConversationOperations, createConversationThread, failure, Outcome } from './conversation-operations';
import { ConversationRegistry } from './conversation-registry';
import { FaultInjector, FaultSpec } from './fault-injector';
import { ReceivedLog, ReceivedRequest, RecordedActivity } from './received-log';
import { PeakCounter } from './peak-counter';
import { SlidingWindowLimiter, WindowLimit } from './sliding-window-limiter';

/** Teams' documented per-bot, per-thread limits ("Send to conversation"; createConversation has the same). */
export interface PerConversationLimits {
  readonly perSecond: number;
  readonly per2Seconds: number;
  readonly per30Seconds: number;
  readonly per3600Seconds: number;
}

export interface ConnectorEmulatorOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /** Requests per second for the app in the tenant, all routes together (Teams: 50). */
  readonly globalRatePerSecond?: number;
  readonly perConversation?: Partial<PerConversationLimits>;
  /** false (default): anonymous bots send no Authorization. true: any `Bearer <token>` passes, anything else is 401. */
  readonly requireAuth?: boolean;
  /** 1 is real time; below 1 shrinks every window (a benchmark can run an hour of limits in seconds). */
  readonly timeScale?: number;
  /** Delay before each request is processed, so overlapping sends to one conversation become observable. */
  readonly latencyMs?: number;
  /** Answer 412 PreconditionFailed to a write that overlaps another write to the same conversation. */
  readonly strictConcurrency?: boolean;
  /** Largest accepted activity, counted as UTF-16 bytes (Teams: about 100 KB; beyond it 413 MessageSizeTooBig). */
  readonly maxMessageBytes?: number;
  /** Where loud messages (unimplemented routes) go; stderr by default. */
  readonly log?: (line: string) => void;
}

export interface ConnectorStats {
  readonly requests: number;
  /** Activities accepted by send, reply or createConversation-with-activity. */
  readonly sends: number;
  readonly updates: number;
  readonly conversationsCreated: number;
  /** 429 answers, from the rate limits or injected. */
  readonly throttled: number;
  /** 403 answers. */
  readonly forbidden: number;
  readonly injectedFaults: number;
  readonly unimplemented: number;
  /** Writes that arrived while another write to the same conversation was still in flight. */
  readonly concurrentPerConversationViolations: number;
  /** Most requests that arrived within one (scaled) second. */
  readonly peakRequestsPerSecond: number;
  /** Most activities accepted within one (scaled) second. */
  readonly peakSendsPerSecond: number;
  readonly byStatus: Readonly<Record<number, number>>;
}

export interface ConnectorEmulator {
  /** The serviceUrl to give the bot; ends with '/' like Teams' own (e.g. https://smba.trafficmanager.net/teams/). */
  readonly url: string;
  close(): Promise<void>;
  received(): ReceivedRequest[];
  /** Accepted activities in the order they were accepted. */
  activities(conversationId?: string): RecordedActivity[];
  /** Adaptive card contents of the accepted activities' attachments. */
  cards(conversationId?: string): Record<string, unknown>[];
  waitFor(predicate: (request: ReceivedRequest) => boolean, timeoutMs?: number): Promise<ReceivedRequest>;
  /** Forget received requests, accepted activities, stats and rate-limit windows; conversations and user rules stay. */
  clear(): void;
  blockUser(userId: string): void;
  unblockUser(userId: string): void;
  markNotInstalled(userId: string): void;
  markInstalled(userId: string): void;
  injectFaults(spec: FaultSpec): void;
  stats(): ConnectorStats;
}

/** An injected fault that gets no answer (recorded with status 0). */
const HANG: Outcome = { status: 0 };

export const TEAMS_PER_CONVERSATION_LIMITS: PerConversationLimits = {
  perSecond: 7,
  per2Seconds: 8,
  per30Seconds: 60,
  per3600Seconds: 1800,
};
export const TEAMS_GLOBAL_RATE_PER_SECOND = 50;
const TEAMS_MAX_MESSAGE_BYTES = 100 * 1024;

/**
 * A local Bot Connector service: the Teams side of the Bot Framework v3 Conversations API, with Teams' rate limits,
 * its 403s for blocked and uninstalled users, and a record of what the bot sent.
 * Each request goes: overlap check → latency → auth → route (501 if unknown) → injected fault → 412 (strict) →
 * rate limits (429) → the operation.
 */
export async function startConnectorEmulator(options: ConnectorEmulatorOptions = {}): Promise<ConnectorEmulator> {
  const timeScale = options.timeScale ?? 1;
  if (!(timeScale > 0)) throw new Error(`timeScale must be > 0, got ${timeScale}`);
  const scaled = (ms: number): number => ms * timeScale;
  const limits = { ...TEAMS_PER_CONVERSATION_LIMITS, ...options.perConversation };
  const threadWindows = (factor: number): WindowLimit[] => [
    { windowMs: scaled(1000), max: limits.perSecond * factor },
    { windowMs: scaled(2000), max: limits.per2Seconds * factor },
    { windowMs: scaled(30_000), max: limits.per30Seconds * factor },
    { windowMs: scaled(3_600_000), max: limits.per3600Seconds * factor },
  ];
  const globalLimiter = new SlidingWindowLimiter([
    { windowMs: scaled(1000), max: options.globalRatePerSecond ?? TEAMS_GLOBAL_RATE_PER_SECOND },
  ]);
  const writeLimiter = new SlidingWindowLimiter(threadWindows(1));
  // Teams allows twice as many member and conversation reads per thread as writes.
  const readLimiter = new SlidingWindowLimiter(threadWindows(2));
  const print = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));

  const log = new ReceivedLog();
  const registry = new ConversationRegistry();
  const operations = new ConversationOperations(registry, log, options.maxMessageBytes ?? TEAMS_MAX_MESSAGE_BYTES);
  const faults = new FaultInjector();
  const inFlight = new Map<string, number>();
  const counters = newCounters();
  const requestPeak = new PeakCounter(scaled(1000));
  const sendPeak = new PeakCounter(scaled(1000));

  const decide = (call: IncomingCall, thread: string | undefined, overlapped: boolean): Outcome => {
    const { route, method, path, headers, body } = call;
    if (options.requireAuth && !/^Bearer \S+/.test(headers.authorization ?? '')) return failure(connectorErrors.unauthorized());
    if (route.operation === 'unknown') {
      counters.unimplemented += 1;
      print(`[connector-emulator] 501 Not Implemented: ${method} ${path}`);
      return failure(connectorErrors.notImplemented(`${method} ${path}`));
    }
    if (body === INVALID) return failure(connectorErrors.badArgument('The body is not valid JSON.'));

    const fault = faults.take(method, path);
    if (fault?.afterAccepting) {
      counters.injectedFaults += 1;
      const carriedOut = operations.run(route, body);
      const answer = fault.hang ? HANG : failure(fault);
      return { ...carriedOut, status: answer.status, body: answer.body, headers: answer.headers };
    }
    if (fault?.hang) {
      counters.injectedFaults += 1;
      return HANG;
    }
    if (fault) {
      counters.injectedFaults += 1;
      const seconds = fault.retryAfterSeconds;
      return failure(fault, seconds === undefined ? undefined : retryHeaders(seconds * 1000, scaled(seconds * 1000)));
    }
    if (options.strictConcurrency && overlapped) return failure(connectorErrors.preconditionFailed());

    const now = performance.now();
    const threadLimiter = route.operation.startsWith('get') ? readLimiter : writeLimiter;
    const threadKey = thread === undefined ? undefined : `${route.operation === 'createConversation' ? 'create' : 'thread'}:${thread}`;
    const globalWait = globalLimiter.waitMs('app', now);
    const threadWait = threadKey === undefined ? 0 : threadLimiter.waitMs(threadKey, now);
    if (globalWait > 0 || threadWait > 0) {
      const scope = threadWait >= globalWait ? 'per-conversation limit' : 'global limit per app per tenant';
      const waitMs = Math.max(globalWait, threadWait);
      return failure(connectorErrors.throttled(scope), retryHeaders(waitMs / timeScale, waitMs));
    }
    globalLimiter.record('app', now);
    if (threadKey !== undefined) threadLimiter.record(threadKey, now);
    return operations.run(route, body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const at = Date.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const path = req.url ?? '/';
    const rawBody = await readBody(req);
    const body = parseBody(rawBody);
    const route = parseConnectorRoute(method, path);
    counters.requests += 1;
    requestPeak.add(performance.now());

    const thread = threadOf(route, body);
    const tracked = thread !== undefined && (WRITE_OPERATIONS.has(route.operation) || route.operation === 'createConversation');
    let overlapped = false;
    if (tracked) {
      const busy = inFlight.get(thread) ?? 0;
      if (busy > 0) {
        overlapped = true;
        counters.concurrentPerConversationViolations += 1;
      }
      inFlight.set(thread, busy + 1);
    }
    try {
      if (options.latencyMs) await delay(options.latencyMs);
      const outcome = decide({ route, method, path, headers: req.headers, body }, thread, overlapped);
      count(counters, outcome);
      if (outcome.delivered) sendPeak.add(performance.now());
      log.addRequest({
        method,
        path,
        operation: route.operation,
        conversationId: outcome.conversationId ?? ('conversationId' in route ? route.conversationId : undefined),
        activityId: outcome.activityId ?? ('activityId' in route ? route.activityId : undefined),
        body: body === INVALID ? rawBody : body,
        headers: redact(req.headers),
        at,
        status: outcome.status,
        response: outcome.body,
      });
      if (outcome.status === HANG.status) {
        // Answer nothing; the client's own deadline is what ends this.
        await new Promise<void>((resolve) => res.once('close', resolve));
        return;
      }
      const payload = outcome.body === undefined ? '' : JSON.stringify(outcome.body);
      res.writeHead(outcome.status, { 'content-type': 'application/json; charset=utf-8', ...outcome.headers });
      res.end(payload);
    } finally {
      if (tracked) {
        const left = (inFlight.get(thread) ?? 1) - 1;
        if (left > 0) inFlight.set(thread, left);
        else inFlight.delete(thread);
      }
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      print(`[connector-emulator] internal error: ${error instanceof Error ? error.stack : String(error)}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ error: { code: 'ServiceError', message: 'Connector emulator internal error.' } }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    // botbuilder's ConnectorClient joins paths with or without the slash; the slash matters elsewhere: the serviceurl
    // claim check and stored conversation references compare the string exactly, and Teams' own URLs end with '/'.
    url: `http://${host}:${address.port}/`,
    close: async () => {
      log.dispose();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
    received: () => log.received(),
    activities: (conversationId) => log.activities(conversationId),
    cards: (conversationId) => log.cards(conversationId),
    waitFor: (predicate, timeoutMs) => log.waitFor(predicate, timeoutMs),
    clear: () => {
      log.clear();
      Object.assign(counters, newCounters());
      requestPeak.reset();
      sendPeak.reset();
      globalLimiter.reset();
      writeLimiter.reset();
      readLimiter.reset();
    },
    blockUser: (userId) => registry.block(userId),
    unblockUser: (userId) => registry.unblock(userId),
    markNotInstalled: (userId) => registry.markNotInstalled(userId),
    markInstalled: (userId) => registry.markInstalled(userId),
    injectFaults: (spec) => faults.add(spec),
    stats: () => ({
      ...counters,
      byStatus: { ...counters.byStatus },
      peakRequestsPerSecond: requestPeak.peak,
      peakSendsPerSecond: sendPeak.peak,
    }),
  };
}

interface IncomingCall {
  readonly route: ConnectorRoute;
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  /** Parsed JSON, undefined for an empty body, INVALID when it does not parse. */
  readonly body: unknown;
}

type Counters = { -readonly [K in keyof Omit<ConnectorStats, 'peakRequestsPerSecond' | 'peakSendsPerSecond' | 'byStatus'>]: number } & {
  byStatus: Record<number, number>;
};

function newCounters(): Counters {
  return {
    requests: 0,
    sends: 0,
    updates: 0,
    conversationsCreated: 0,
    throttled: 0,
    forbidden: 0,
    injectedFaults: 0,
    unimplemented: 0,
    concurrentPerConversationViolations: 0,
    byStatus: {},
  };
}

function count(counters: Counters, outcome: Outcome): void {
  counters.byStatus[outcome.status] = (counters.byStatus[outcome.status] ?? 0) + 1;
  if (outcome.status === 429) counters.throttled += 1;
  if (outcome.status === 403) counters.forbidden += 1;
  if (outcome.delivered === 'send') counters.sends += 1;
  if (outcome.delivered === 'update') counters.updates += 1;
  if (outcome.created) counters.conversationsCreated += 1;
}

/** The conversation a request addresses: what per-thread limits and the overlap check key on. */
function threadOf(route: ConnectorRoute, body: unknown): string | undefined {
  if ('conversationId' in route) return route.conversationId;
  return route.operation === 'createConversation' && body !== INVALID ? createConversationThread(body) : undefined;
}

/** Retry-After is whole seconds (at least 1, as HTTP clients expect); retry-after-ms carries the scaled wait. */
function retryHeaders(realMs: number, scaledMs: number): Record<string, string> {
  return {
    'retry-after': String(Math.max(1, Math.ceil(realMs / 1000))),
    'retry-after-ms': String(Math.max(1, Math.ceil(scaledMs))),
  };
}

const INVALID = Symbol('invalid JSON');

function parseBody(raw: string): unknown {
  if (raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return INVALID;
  }
}

function redact(headers: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    out[name] = name === 'authorization' ? (text.split(' ')[0] ?? '') : text;
  }
  return out;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphCaller, newCounters } from '../../../src/adapters/graph/graph-caller';
import { createGraphClient } from '../../../src/adapters/graph/graph-client';
import { GraphFailure } from '../../../src/adapters/graph/graph-failure';
import { RequestPacer, systemClock } from '../../../src/adapters/request-pacer';
import { DEFAULT_RETRY_POLICY } from '../../../src/adapters/graph/retry-policy';
import { scriptedGraph, type ScriptedAnswer } from './scripted-graph';
import { VirtualClock } from './virtual-clock';

const OK: ScriptedAnswer = { status: 200, body: { value: ['done'] } };
const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 1000, maxDelayMs: 8000, maxThrottleRetries: 3, maxTransientRetries: 2 };

async function run(
  answers: (ScriptedAnswer | 'network-error' | 'hang')[],
  options: { pacer?: (clock: VirtualClock) => RequestPacer } = {},
) {
  const clock = new VirtualClock();
  const { client, requests } = scriptedGraph(answers);
  const caller = new GraphCaller(client, policy, clock, () => 1);
  const counters = newCounters();
  const pacer = options.pacer?.(clock);
  const sentAt: number[] = [];
  const originalExchange = caller.exchange.bind(caller);
  caller.exchange = (call, onHeaders) => {
    sentAt.push(clock.now());
    return originalExchange(call, onHeaders);
  };
  const result = caller.send({ method: 'GET', path: '/users?$top=1' }, { counters, pacer }).then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  await clock.runUntilIdle();
  return { outcome: await result, sentAt, counters, requests };
}

describe('GraphCaller: retries in one place', () => {
  it('honours Retry-After in seconds and as an HTTP-date on 429', async () => {
    const at = new Date(Date.now() + 5_000).toUTCString();
    const { outcome, sentAt, counters } = await run([
      { status: 429, headers: { 'Retry-After': '3' } },
      { status: 429, headers: { 'Retry-After': at } },
      OK,
    ]);
    expect(outcome).toEqual({ value: { value: ['done'] } });
    expect(sentAt[1]).toBe(3000);
    // An HTTP-date is relative to the wall clock: about 5 s, give or take the second the date format drops.
    expect((sentAt[2] as number) - (sentAt[1] as number)).toBeGreaterThanOrEqual(3_900);
    expect((sentAt[2] as number) - (sentAt[1] as number)).toBeLessThanOrEqual(5_100);
    expect(counters).toEqual({ requests: 3, throttled: 2, transientRetries: 0 });
  });

  it('prefers retry-after-ms over Retry-After', async () => {
    const { sentAt } = await run([{ status: 429, headers: { 'Retry-After': '1', 'retry-after-ms': '40' } }, OK]);
    expect(sentAt).toEqual([0, 40]);
  });

  it('backs off exponentially on 503/504 and network failures, then succeeds', async () => {
    const { outcome, sentAt, counters } = await run([{ status: 503 }, { status: 504 }, OK]);
    expect(outcome).toHaveProperty('value');
    // random() = 1: the full ceiling, 1 s then 2 s
    expect(sentAt).toEqual([0, 1000, 3000]);
    expect(counters.transientRetries).toBe(2);
    const network = await run(['network-error', OK]);
    expect(network.outcome).toHaveProperty('value');
  });

  it('gives up after the bounded number of retries with a clear error', async () => {
    const { outcome, sentAt } = await run([
      { status: 503 },
      { status: 503 },
      { status: 503, body: { error: { code: 'serviceNotAvailable', message: 'Try later', innerError: { 'request-id': 'req-42' } } } },
      OK,
    ]);
    const error = (outcome as { error: GraphFailure }).error;
    expect(error).toBeInstanceOf(GraphFailure);
    expect(error).toMatchObject({ kind: 'unavailable', status: 503, attempts: 3, requestId: 'req-42', operation: 'GET /users' });
    expect(error.message).toContain('Microsoft Graph GET /users failed: 503 serviceNotAvailable after 3 attempts.');
    expect(sentAt).toHaveLength(3);

    const throttled = await run(Array.from({ length: 10 }, () => ({ status: 429, headers: { 'Retry-After': '1' } })));
    expect((throttled.outcome as { error: GraphFailure }).error).toMatchObject({
      kind: 'throttled',
      attempts: policy.maxThrottleRetries + 1,
    });
  });

  it('does not wait for a Retry-After longer than the policy allows', async () => {
    const { outcome, sentAt } = await run([{ status: 429, headers: { 'Retry-After': '3600' } }, OK]);
    expect(sentAt).toEqual([0]);
    expect((outcome as { error: GraphFailure }).error.message).toMatch(/asked to wait 3600 s/);
  });

  it('does not retry other failures, and names a missing licence', async () => {
    const { outcome, sentAt } = await run([
      {
        status: 403,
        body: {
          error: {
            code: 'Authentication_RequestFromNonPremiumTenantOrB2CTenant',
            message: "Neither tenant is B2C or tenant doesn't have premium license",
          },
        },
      },
    ]);
    expect(sentAt).toHaveLength(1);
    const error = (outcome as { error: GraphFailure }).error;
    expect(error.kind).toBe('licenseRequired');
    expect(error.message).toMatch(/Entra ID P1 or P2.*perUserMethods/);
  });

  it('abandons an attempt that hangs after attemptTimeoutMs, and retries it as a network failure', async () => {
    const { client } = scriptedGraph(['hang', OK]);
    const caller = new GraphCaller(client, { ...policy, baseDelayMs: 1, maxDelayMs: 1, attemptTimeoutMs: 50 }, systemClock);
    const counters = newCounters();
    const started = performance.now();
    expect(await caller.send({ method: 'GET', path: '/users' }, { counters })).toEqual({ value: ['done'] });
    expect(counters).toEqual({ requests: 2, throttled: 0, transientRetries: 1 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
  });

  it("turns the SDK's RetryHandler off per request, so no attempt escapes the caller and its pacer", async () => {
    const { requests, counters, sentAt } = await run([{ status: 429, headers: { 'Retry-After': '0' } }, OK]);
    // The RetryHandler in front would have resent at once, marking the resend Retry-Attempt: 1.
    expect(requests.map((r) => r.headers['Retry-Attempt'])).toEqual([undefined, undefined]);
    expect(sentAt).toHaveLength(2);
    expect(counters.throttled).toBe(1);
  });

  it('charges every attempt to the pacer and holds it for the Retry-After', async () => {
    let pacer: RequestPacer | undefined;
    const { sentAt } = await run([{ status: 429, headers: { 'retry-after-ms': '700' } }, OK], {
      pacer: (clock) => (pacer = new RequestPacer({ limit: 5, windowMs: 100 }, clock)),
    });
    expect(sentAt).toEqual([0, 700]);
    expect(pacer!.stats().granted).toBe(2);
  });
});

describe('GraphCaller and the pacer over HTTP', () => {
  it("frees the request's slot when the headers arrive, not when a slow body has been read", async () => {
    // A caller that waits for the whole body before sending on gets the first body only this late.
    const SLOW_BODY_MS = 2_000;
    const arrivedAt: number[] = [];
    let firstBodyAt = Infinity;
    let sendFirstBody = (): void => undefined;
    const server = createServer((request, response) => {
      arrivedAt.push(performance.now());
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.flushHeaders();
      const sendBody = () => response.end(JSON.stringify({ value: [request.url] }));
      if (arrivedAt.length === 1) {
        // A large page: the service has counted the request long before its body is all there. Its body comes
        // once the next request has arrived, or after SLOW_BODY_MS: a slow service, the fault under test.
        const slow = setTimeout(() => sendFirstBody(), SLOW_BODY_MS);
        sendFirstBody = () => {
          clearTimeout(slow);
          if (firstBodyAt !== Infinity) return;
          firstBodyAt = performance.now();
          sendBody();
        };
        return;
      }
      sendFirstBody();
      sendBody();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const caller = new GraphCaller(
        createGraphClient(url, async () => 'token'),
        policy,
        systemClock,
      );
      const pacer = new RequestPacer({ limit: 1, windowMs: 50 }, systemClock);

      const answers = await Promise.all(
        [1, 2].map((n) => caller.send<{ value: string[] }>({ method: 'GET', path: `/users?n=${n}` }, { pacer })),
      );

      expect(answers.map((answer) => answer.value[0])).toEqual(['/v1.0/users?n=1', '/v1.0/users?n=2']);
      // One window after the first answer's headers, not one window after its body.
      expect(arrivedAt[1]! - arrivedAt[0]!).toBeGreaterThanOrEqual(50);
      expect(arrivedAt[1]!).toBeLessThan(firstBodyAt);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

import type { GraphEmulator } from '../../../emulators/graph';
import { GraphFailure } from '../../../src/adapters/graph/graph-failure';
import { collect, directoryOn, FAST_RETRIES, startEmulator, tenantOf } from './graph-directory-harness';

const TIME_SCALE = 0.01; // the reports window (10 s) lasts 100 ms
const WINDOW_MS = 10_000 * TIME_SCALE;
const tenant = tenantOf(2_000);
const enabled = tenant.users.filter((u) => u.accountEnabled).length;
const REPORT_ROUTE = /reports\/authenticationMethods\/userRegistrationDetails/;

let graph: GraphEmulator;
beforeAll(async () => {
  graph = await startEmulator(tenant, { timeScale: TIME_SCALE });
});
afterEach(() => graph.reset());
afterAll(() => graph.close());

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
}

describe('pacing the reports service (5 requests per 10 s, scaled)', () => {
  it('scans many pages without a single 429, taking about the time the budget allows', async () => {
    const directory = directoryOn(graph, TIME_SCALE, { pageSize: 80 });
    const { result: stats, ms } = await timed(() => directory.walkRegistrations(async () => undefined));
    const requests = Math.ceil(enabled / 80);
    expect(stats).toMatchObject({ pages: requests, items: enabled, requests, throttled: 0 });
    expect(graph.stats().throttled).toBe(0);
    // The throttle allows 5 at once, then 5 per window: the walk cannot be faster than this, and is not much slower.
    const floor = (Math.ceil(requests / 5) - 1) * WINDOW_MS;
    expect(ms).toBeGreaterThanOrEqual(floor);
    expect(ms).toBeLessThan(floor * 1.5 + 400);
  });

  it('without pacing (a budget above the real one) the same scan meets 429s, and still rides them out', async () => {
    const directory = directoryOn(graph, TIME_SCALE, { pageSize: 80, reportsBudget: { limit: 50, windowMs: WINDOW_MS } });
    const { items } = await collect((onPage) => directory.walkRegistrations(onPage));
    expect(items).toHaveLength(enabled);
    expect(graph.stats().throttled).toBeGreaterThan(0);
  });

  it('rides out a 429 storm, waiting the Retry-After each time', async () => {
    const directory = directoryOn(graph, TIME_SCALE, { pageSize: 500 });
    graph.injectFaults({ count: 6, status: 429, retryAfterSeconds: 5, path: REPORT_ROUTE });
    const { result: stats, ms } = await timed(() => directory.walkRegistrations(async () => undefined));
    expect(stats).toMatchObject({ items: enabled, throttled: 6, requests: Math.ceil(enabled / 500) + 6 });
    expect(graph.stats().faults).toBe(6);
    // Six waits of 5 s (scaled: 50 ms each), back to back on the first page.
    expect(ms).toBeGreaterThanOrEqual(6 * 5_000 * TIME_SCALE);
  });

  it('shares one budget between a scan and live rechecks', async () => {
    const directory = directoryOn(graph, TIME_SCALE, { pageSize: 100 });
    const scan = directory.walkRegistrations(async () => undefined);
    const rechecks = Promise.all(tenant.users.slice(0, 12).map((u) => directory.currentMethods(u.id)));
    await Promise.all([scan, rechecks]);
    expect(graph.stats().throttled).toBe(0);
    expect(graph.stats().requestsByService.reports).toBe(Math.ceil(enabled / 100) + 12);
  });
});

describe('retries and failures', () => {
  it('retries 503 and 504 with backoff, then succeeds', async () => {
    const directory = directoryOn(graph, TIME_SCALE);
    graph.injectFaults({ count: 2, status: 503, path: /^\/users\?/ });
    graph.injectFaults({ count: 1, status: 504, path: /^\/users\?/ });
    const { items } = await collect((onPage) => directory.walkPeople(onPage));
    expect(items).toHaveLength(tenant.users.length);
    expect(graph.stats().faults).toBe(3);
  });

  it('retries a report page that fails with 503 and reports the retries', async () => {
    const directory = directoryOn(graph, TIME_SCALE, { pageSize: 999 });
    graph.injectFaults({ count: 2, status: 503, retryAfterSeconds: 1, path: REPORT_ROUTE });
    const stats = await directory.walkRegistrations(async () => undefined);
    expect(stats).toMatchObject({ items: enabled, transientRetries: 2, throttled: 0 });
  });

  it('gives up after a bounded number of 503s with a clear error', async () => {
    const directory = directoryOn(graph, TIME_SCALE);
    graph.injectFaults({ count: 100, status: 503, path: /^\/users\?/ });
    const error = await directory.walkPeople(async () => undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphFailure);
    expect(error).toMatchObject({ kind: 'unavailable', status: 503, attempts: FAST_RETRIES.maxTransientRetries + 1 });
    expect((error as Error).message).toMatch(/^Microsoft Graph GET \/users failed: 503 serviceNotAvailable after 5 attempts\./);
    expect(graph.stats().faults).toBe(FAST_RETRIES.maxTransientRetries + 1);
  });

  it('gives up on endless 429s too, after the bounded throttle retries', async () => {
    const directory = directoryOn(graph, TIME_SCALE);
    graph.injectFaults({ count: 100, status: 429, retryAfterSeconds: 1, path: REPORT_ROUTE });
    await expect(directory.walkRegistrations(async () => undefined)).rejects.toMatchObject({
      kind: 'throttled',
      attempts: FAST_RETRIES.maxThrottleRetries + 1,
    });
  });

  it('does not retry a failure that will not go away (403)', async () => {
    const directory = directoryOn(graph, TIME_SCALE);
    graph.injectFaults({ count: 5, status: 403, path: REPORT_ROUTE });
    await expect(directory.walkRegistrations(async () => undefined)).rejects.toMatchObject({
      kind: 'forbidden',
      attempts: 1,
      message: expect.stringContaining('Check that the app has AuditLog.Read.All'),
    });
    expect(graph.stats().faults).toBe(1);
  });

  it('stops the walk when the page handler fails, and passes its error on', async () => {
    const directory = directoryOn(graph, TIME_SCALE, { pageSize: 100 });
    const failure = new Error('database is gone');
    await expect(directory.walkRegistrations(async () => Promise.reject(failure))).rejects.toBe(failure);
    expect(graph.stats().requestsByService.reports).toBe(1);
  });
});

import { demoPersonas, generateDemoTenant } from '../../../emulators/demo-tenant';
import { startGraphEmulator, type GraphEmulator } from '../../../emulators/graph';
import { letTimePass } from '../../support/eventually';
import { graphFetch } from './graph-fetch';

const tenant = generateDemoTenant({ users: 100 });
const { employee } = demoPersonas(tenant);
// The documented form: no $top (the report documents $filter and $orderby only).
const REPORT = '/v1.0/reports/authenticationMethods/userRegistrationDetails';

describe('throttling', () => {
  let graph: GraphEmulator;
  afterEach(() => graph.close());

  it('answers the 6th reports request within 10 s with 429, Retry-After and a TooManyRequests body', async () => {
    graph = await startGraphEmulator({ tenant });
    for (let i = 0; i < 5; i++) expect((await graphFetch(graph, REPORT)).status).toBe(200);
    const throttled = await graphFetch(graph, REPORT);
    expect(throttled.status).toBe(429);
    expect(throttled.body.error.code).toBe('TooManyRequests');
    const retryAfter = Number(throttled.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(9);
    expect(retryAfter).toBeLessThanOrEqual(10);
    expect(Number(throttled.headers.get('retry-after-ms'))).toBeGreaterThan(9000);
    expect(graph.stats()).toMatchObject({ throttled: 1, throttledByService: { reports: 1 } });
  });

  it('counts /users/{id}/authentication/methods in the same reports bucket, and leaves /users alone', async () => {
    graph = await startGraphEmulator({ tenant });
    for (let i = 0; i < 3; i++) expect((await graphFetch(graph, REPORT)).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await graphFetch(graph, `/v1.0/users/${employee.id}/authentication/methods`)).status).toBe(200);
    expect((await graphFetch(graph, `/v1.0/users/${employee.id}/authentication/methods`)).status).toBe(429);
    expect((await graphFetch(graph, '/v1.0/reports/authenticationMethods/usersRegisteredByFeature()')).status).toBe(429);
    for (let i = 0; i < 20; i++) expect((await graphFetch(graph, '/v1.0/users?$top=1')).status).toBe(200);
    expect(graph.stats().requestsByService).toMatchObject({ reports: 7, directory: 20 });
  });

  // 0.05 (a 10 s window lasts 500 ms) rather than less: the burst must fit in one window on a busy machine.
  it('lets requests through again once the window has passed (timeScale 0.05: a 10 s window lasts 500 ms)', async () => {
    graph = await startGraphEmulator({ tenant, timeScale: 0.05 });
    for (let i = 0; i < 5; i++) expect((await graphFetch(graph, REPORT)).status).toBe(200);
    const throttled = await graphFetch(graph, REPORT);
    expect(throttled.status).toBe(429);
    // HTTP needs whole seconds: Retry-After stays 1; the scaled wait is in retry-after-ms.
    expect(throttled.headers.get('retry-after')).toBe('1');
    const waitMs = Number(throttled.headers.get('retry-after-ms'));
    expect(waitMs).toBeGreaterThan(0);
    expect(waitMs).toBeLessThanOrEqual(500);
    expect(Number(throttled.headers.get('x-emulator-retry-after-unscaled'))).toBeLessThanOrEqual(10);
    await letTimePass(waitMs + 5, 'the Retry-After the emulator asked for');
    expect((await graphFetch(graph, REPORT)).status).toBe(200);
  });

  it('does not charge throttled requests: a client that keeps calling is not locked out longer', async () => {
    const WINDOW_MS = 1_000; // 10 s at timeScale 0.1: room for the calls below on a busy machine
    graph = await startGraphEmulator({ tenant, timeScale: 0.1 });
    for (let i = 0; i < 5; i++) await graphFetch(graph, REPORT);
    const acceptedLeaveAt = performance.now() + WINDOW_MS;
    // The client calls on later in the window: were these calls charged, they would hold the window past its end.
    await letTimePass(WINDOW_MS * 0.3, 'a later part of the window');
    for (let i = 0; i < 10; i++) expect((await graphFetch(graph, REPORT)).status).toBe(429);
    await letTimePass(acceptedLeaveAt + 5 - performance.now(), 'the accepted requests to leave the window');
    for (let i = 0; i < 5; i++) expect((await graphFetch(graph, REPORT)).status).toBe(200);
  });

  it('is configurable per service, at start and at run time', async () => {
    graph = await startGraphEmulator({ tenant, throttle: { directory: { limit: 2, windowSeconds: 60 }, reports: null } });
    for (let i = 0; i < 8; i++) expect((await graphFetch(graph, REPORT)).status).toBe(200);
    expect((await graphFetch(graph, '/v1.0/users?$top=1')).status).toBe(200);
    expect((await graphFetch(graph, `/v1.0/users/${employee.id}`)).status).toBe(200);
    expect((await graphFetch(graph, `/v1.0/users/${employee.id}/manager`)).status).toBe(429);
    graph.setThrottle('directory', null);
    expect((await graphFetch(graph, `/v1.0/users/${employee.id}/manager`)).status).toBe(200);
    graph.setThrottle('teamwork', { limit: 1, windowSeconds: 60 });
    expect((await graphFetch(graph, `/v1.0/users/${employee.id}/teamwork/installedApps`)).status).toBe(200);
    expect((await graphFetch(graph, `/v1.0/users/${employee.id}/teamwork/installedApps`)).status).toBe(429);
    expect(() => graph.setThrottle('teamwork', { limit: 0, windowSeconds: 1 })).toThrow(RangeError);
    graph.reset();
    expect((await graphFetch(graph, `/v1.0/users/${employee.id}/teamwork/installedApps`)).status).toBe(200);
  });
});

import { demoPersonas, generateDemoTenant } from '../../../emulators/demo-tenant';
import { graphFetch } from './graph-fetch';
import { useGraphEmulator } from './use-graph-emulator';

const tenant = generateDemoTenant({ users: 100 });
const { employee } = demoPersonas(tenant);

const graph = useGraphEmulator({ tenant, timeScale: 0.01, throttle: { reports: null } });

describe('injectFaults', () => {
  it('fails the next N requests with the status asked for, then recovers', async () => {
    graph.injectFaults({ count: 3, status: 503 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await graphFetch(graph, '/v1.0/users?$top=1')).status);
    expect(statuses).toEqual([503, 503, 503, 200]);
    const stats = graph.stats();
    expect(stats.faults).toBe(3);
    expect(stats.requests).toBe(4);
  });

  it('answers in Graph error shape with a code matching the status', async () => {
    graph.injectFaults({ count: 1, status: 503, retryAfterSeconds: 30 });
    const answer = await graphFetch(graph, '/v1.0/users?$top=1');
    expect(answer.body.error.code).toBe('serviceNotAvailable');
    expect(answer.body.error.message).toMatch(/Injected fault/);
    // 30 emulated seconds at timeScale 0.01 = 300 ms
    expect(answer.headers.get('retry-after')).toBe('1');
    expect(answer.headers.get('retry-after-ms')).toBe('300');
    expect(answer.headers.get('x-emulator-retry-after-unscaled')).toBe('30');
  });

  it('plays a 429 storm with a Retry-After on each answer', async () => {
    graph.injectFaults({ count: 5, status: 429 });
    for (let i = 0; i < 5; i++) {
      const answer = await graphFetch(graph, `/v1.0/users/${employee.id}`);
      expect(answer.status).toBe(429);
      expect(answer.body.error.code).toBe('TooManyRequests');
      expect(answer.headers.get('retry-after')).toBe('1');
    }
    expect((await graphFetch(graph, `/v1.0/users/${employee.id}`)).status).toBe(200);
  });

  it('only hits requests whose path (and method) match', async () => {
    graph.injectFaults({ count: 2, status: 500, path: /\/authentication\/methods/ });
    graph.injectFaults({ count: 1, status: 504, path: /installedApps/, method: 'POST' });
    expect((await graphFetch(graph, '/v1.0/users?$top=1')).status).toBe(200);
    expect((await graphFetch(graph, `/v1.0/users/${employee.id}/teamwork/installedApps`)).status).toBe(200);
    expect((await graphFetch(graph, `/v1.0/users/${employee.id}/authentication/methods`)).status).toBe(500);
    expect(
      (
        await graphFetch(graph, `/v1.0/users/${employee.id}/teamwork/installedApps`, {
          method: 'POST',
          body: { 'teamsApp@odata.bind': `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${tenant.teamsAppId}` },
        })
      ).status,
    ).toBe(504);
    expect((await graphFetch(graph, `/v1.0/users/${employee.id}/authentication/methods`)).status).toBe(500);
    expect((await graphFetch(graph, `/v1.0/users/${employee.id}/authentication/methods`)).status).toBe(200);
  });

  it('matches the query string and the /v1.0 form of the path too', async () => {
    graph.injectFaults({ count: 1, status: 502, path: /^\/v1\.0\/users\?.*\$top=7/ });
    expect((await graphFetch(graph, '/v1.0/users?$top=6')).status).toBe(200);
    expect((await graphFetch(graph, '/v1.0/users?$top=7')).status).toBe(502);
  });

  it('forgets pending faults on reset', async () => {
    graph.injectFaults({ count: 10, status: 503 });
    graph.reset();
    expect((await graphFetch(graph, '/v1.0/users?$top=1')).status).toBe(200);
  });

  it('refuses a nonsense fault', () => {
    expect(() => graph.injectFaults({ count: 0, status: 503 })).toThrow(RangeError);
    expect(() => graph.injectFaults({ count: 1, status: 200 })).toThrow(RangeError);
  });
});

import { demoPersonas, generateDemoTenant } from '../../../emulators/demo-tenant';
import { graphFetch } from './graph-fetch';
import { useGraphEmulator } from './use-graph-emulator';

const tenant = generateDemoTenant({ users: 100 });
const { employee, admin } = demoPersonas(tenant);

const graph = useGraphEmulator({ tenant, logNotImplemented: false });

const batch = (requests: unknown[]) => graphFetch(graph, '/v1.0/$batch', { method: 'POST', body: { requests } });
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- inner bodies are arbitrary Graph JSON
type Inner = { id: string; status: number; headers: Record<string, string>; body?: any };
const byId =
  (responses: Inner[]) =>
  (id: string): Inner =>
    responses.find((r) => r.id === id) as Inner;

describe('POST /$batch', () => {
  it('routes each inner request through the ordinary handlers and answers { id, status, headers, body }', async () => {
    const answer = await batch([
      { id: '1', method: 'GET', url: `/users/${employee.id}?$select=id,department` },
      { id: '2', method: 'GET', url: '/users/00000000-0000-4000-8000-000000000000' },
      {
        id: '3',
        method: 'POST',
        url: `/users/${employee.id}/teamwork/installedApps`,
        headers: { 'Content-Type': 'application/json' },
        body: { 'teamsApp@odata.bind': `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${tenant.teamsAppId}` },
      },
      { id: '4', method: 'GET', url: '/v1.0/users?$top=2&$select=id' },
    ]);
    expect(answer.status).toBe(200);
    const r = byId(answer.body.responses);
    expect(r('1')).toMatchObject({ status: 200, body: { id: employee.id, department: employee.department } });
    expect(r('1').headers['Content-Type']).toMatch(/application\/json/);
    expect(r('2')).toMatchObject({ status: 404, body: { error: { code: 'Request_ResourceNotFound' } } });
    expect(r('3').status).toBe(201);
    expect(r('3').body).toBeUndefined();
    expect(r('4').body.value).toHaveLength(2);
    expect(graph.state.installationsOf(employee.id)).toHaveLength(1);
    expect(graph.stats()).toMatchObject({ batches: 1, requests: 4 });
  });

  it('refuses more than 20 requests with 400', async () => {
    const requests = Array.from({ length: 21 }, (_, i) => ({ id: String(i + 1), method: 'GET', url: '/users?$top=1' }));
    const answer = await batch(requests);
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toMatch(/20/);
    expect((await batch(requests.slice(0, 20))).status).toBe(200);
  });

  it('counts inner reports requests one by one against the throttle: the 6th comes back as an inner 429', async () => {
    const requests = Array.from({ length: 7 }, (_, i) => ({
      id: `r${i}`,
      method: 'GET',
      url: `/users/${admin.id}/authentication/methods`,
    }));
    const answer = await batch(requests);
    expect(answer.status).toBe(200);
    const statuses = answer.body.responses.map((r: { status: number }) => r.status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const throttled = answer.body.responses[5];
    expect(Number(throttled.headers['Retry-After'])).toBeGreaterThanOrEqual(1);
    expect(throttled.body.error.code).toBe('TooManyRequests');
    expect(graph.stats().throttled).toBe(2);
    // and the bucket is the same one plain requests use
    expect((await graphFetch(graph, '/v1.0/reports/authenticationMethods/userRegistrationDetails')).status).toBe(429);
  });

  it('fails dependants of a failed request with 424', async () => {
    const answer = await batch([
      { id: 'a', method: 'GET', url: '/users/nobody@contoso-demo.example' },
      { id: 'b', method: 'GET', url: `/users/${employee.id}`, dependsOn: ['a'] },
      { id: 'c', method: 'GET', url: `/users/${employee.id}`, dependsOn: ['zzz'] },
    ]);
    const r = byId(answer.body.responses);
    expect(r('a').status).toBe(404);
    expect(r('b').status).toBe(424);
    expect(r('c').status).toBe(400);
  });

  it('answers malformed inner requests individually', async () => {
    const answer = await batch([
      { id: 'nested', method: 'POST', url: '/$batch', headers: { 'Content-Type': 'application/json' }, body: { requests: [] } },
      { id: 'no-type', method: 'POST', url: `/users/${employee.id}/checkMemberGroups`, body: { groupIds: [] } },
      { id: 'absolute', method: 'GET', url: 'https://graph.microsoft.com/v1.0/users' },
      { id: 'unknown', method: 'GET', url: '/sites/root' },
    ]);
    const r = byId(answer.body.responses);
    expect(r('nested').status).toBe(400);
    expect(r('no-type').status).toBe(400);
    expect(r('absolute').status).toBe(400);
    expect(r('unknown').status).toBe(501);
  });

  it('takes injected faults on inner requests, not on the envelope', async () => {
    graph.injectFaults({ count: 1, status: 503 });
    const answer = await batch([
      { id: '1', method: 'GET', url: '/users?$top=1' },
      { id: '2', method: 'GET', url: '/users?$top=1' },
    ]);
    expect(answer.status).toBe(200);
    expect(answer.body.responses.map((r: { status: number }) => r.status)).toEqual([503, 200]);
    graph.injectFaults({ count: 1, status: 503, path: /\$batch/ });
    expect((await batch([{ id: '1', method: 'GET', url: '/users?$top=1' }])).status).toBe(503);
  });

  it('refuses a body without requests and duplicate ids', async () => {
    expect((await graphFetch(graph, '/v1.0/$batch', { method: 'POST', body: {} })).status).toBe(400);
    expect(
      (
        await batch([
          { id: '1', method: 'GET', url: '/users' },
          { id: '1', method: 'GET', url: '/users' },
        ])
      ).status,
    ).toBe(400);
  });
});

import { demoPersonas, generateDemoTenant } from '../../../emulators/demo-tenant';
import { FULL_GRANT_TOKEN, graphFetch } from './graph-fetch';
import { useGraphEmulator } from './use-graph-emulator';

const tenant = generateDemoTenant({ users: 50 });
const { employee, admin } = demoPersonas(tenant);

const graph = useGraphEmulator({ tenant, logNotImplemented: false });

describe('authentication', () => {
  it('answers 401 InvalidAuthenticationToken without a bearer token', async () => {
    const none = await graphFetch(graph, '/v1.0/users', { token: null });
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('InvalidAuthenticationToken');
    const empty = await graphFetch(graph, '/v1.0/users', { token: null, headers: { Authorization: 'Bearer ' } });
    expect(empty.status).toBe(401);
    const basic = await graphFetch(graph, '/v1.0/users', { token: null, headers: { Authorization: 'Basic dXNlcjpwYXNz' } });
    expect(basic.status).toBe(401);
    expect(graph.stats().unauthorized).toBe(3);
    expect((await graphFetch(graph, '/v1.0/users')).status).toBe(200);
  });

  it('answers 401 to a token that is not a JWT, as Graph does', async () => {
    const opaque = await graphFetch(graph, '/v1.0/users', { token: 'anything' });
    expect(opaque.status).toBe(401);
    expect(opaque.body.error).toMatchObject({
      code: 'InvalidAuthenticationToken',
      message: expect.stringContaining('JWT is not well formed'),
    });
  });

  it('requires the token on $batch too', async () => {
    expect(
      (
        await graphFetch(graph, '/v1.0/$batch', {
          method: 'POST',
          token: null,
          body: { requests: [{ id: '1', method: 'GET', url: '/users' }] },
        })
      ).status,
    ).toBe(401);
  });
});

describe('unknown routes', () => {
  it.each([
    ['GET', '/v1.0/me'],
    ['GET', '/v1.0/sites/root'],
    ['GET', '/beta/users'],
    ['GET', '/users'],
    ['DELETE', `/v1.0/users/${'x'}`],
  ])('answer 501 for %s %s, naming the call', async (method, path) => {
    const answer = await graphFetch(graph, path, { method });
    expect(answer.status).toBe(501);
    expect(answer.body.error.code).toBe('NotImplemented');
    expect(answer.body.error.message).toMatch(/NOT EMULATED/);
    expect(answer.body.error.message).toContain(path.replace(/^\/v1\.0/, ''));
  });

  it('says which methods a known path does serve', async () => {
    const answer = await graphFetch(graph, `/v1.0/users/${employee.id}/checkMemberGroups`);
    expect(answer.status).toBe(501);
    expect(answer.body.error.message).toMatch(/serves POST/);
    expect(graph.stats().notImplementedRoutes).toContain(`GET /v1.0/users/${employee.id}/checkMemberGroups`);
  });

  it('refuses a body that is not JSON', async () => {
    const response = await fetch(`${graph.url}/v1.0/users/${employee.id}/checkMemberGroups`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${FULL_GRANT_TOKEN}`, 'Content-Type': 'application/json' },
      body: '{nope',
    });
    expect(response.status).toBe(400);
  });
});

describe('control endpoints for scripts in another process', () => {
  it('enrols a user, pre-installs the app and reports stats over HTTP', async () => {
    const personas = (await (await fetch(`${graph.url}/_emulator/personas`)).json()) as { employee: { id: string }; admin: { id: string } };
    expect(personas.employee.id).toBe(employee.id);
    expect(personas.admin.id).toBe(admin.id);
    expect((await fetch(`${graph.url}/_emulator/users/${employee.id}/enrol-authenticator`, { method: 'POST' })).status).toBe(200);
    const methods = await graphFetch(graph, `/v1.0/users/${employee.id}/authentication/microsoftAuthenticatorMethods`);
    expect(methods.body.value).toHaveLength(1);
    expect((await fetch(`${graph.url}/_emulator/users/${employee.id}/installed-apps`, { method: 'POST' })).status).toBe(200);
    expect(graph.state.installationsOf(employee.id)).toHaveLength(1);
    await fetch(`${graph.url}/_emulator/faults`, { method: 'POST', body: JSON.stringify({ count: 1, status: 503, path: '/users' }) });
    expect((await graphFetch(graph, '/v1.0/users')).status).toBe(503);
    await fetch(`${graph.url}/_emulator/throttle/directory`, { method: 'PUT', body: JSON.stringify({ limit: 1, windowSeconds: 60 }) });
    expect((await graphFetch(graph, '/v1.0/users')).status).toBe(200);
    expect((await graphFetch(graph, '/v1.0/users')).status).toBe(429);
    const stats = await (await fetch(`${graph.url}/_emulator/stats`)).json();
    expect(stats).toMatchObject({ faults: 1, throttled: 1 });
    expect((await fetch(`${graph.url}/_emulator/reset`, { method: 'POST' })).status).toBe(204);
    expect((await graphFetch(graph, `/v1.0/users/${employee.id}/authentication/microsoftAuthenticatorMethods`)).body.value).toHaveLength(0);
  });
});

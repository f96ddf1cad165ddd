import {
  BatchRequestContent,
  Client,
  HTTPMessageHandler,
  PageIterator,
  RetryHandler,
  RetryHandlerOptions,
  type Context,
  type Middleware,
  type PageCollection,
} from '@microsoft/microsoft-graph-client';
import { demoPersonas, generateDemoTenant, toRegistrationDetail } from '../../../emulators/demo-tenant';
import { FULL_GRANT_TOKEN } from './graph-fetch';
import { useGraphEmulator } from './use-graph-emulator';

/**
 * The bot talks to Graph through Graph JS SDK 3, so the emulator must work with it, gotchas included:
 * the SDK sends no token to an http:// host (it needs a middleware of our own) and treats absolute http://
 * nextLinks as relative paths (the emulator serves the resulting path).
 */
class BearerToken implements Middleware {
  private next?: Middleware;

  async execute(context: Context): Promise<void> {
    context.options = context.options ?? {};
    const headers = new Headers(context.options.headers as ConstructorParameters<typeof Headers>[0]);
    headers.set('Authorization', `Bearer ${FULL_GRANT_TOKEN}`);
    context.options.headers = Object.fromEntries(headers);
    await this.next?.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

const tenant = generateDemoTenant({ users: 230 });
const { employee, admin } = demoPersonas(tenant);
const graph = useGraphEmulator({ tenant, throttle: { reports: null }, logNotImplemented: false });
let client: Client;

beforeAll(() => {
  client = Client.initWithMiddleware({
    baseUrl: graph.url,
    middleware: [new BearerToken(), new RetryHandler(new RetryHandlerOptions(0, 3)), new HTTPMessageHandler()],
  });
});

describe('Graph JS SDK 3 against the emulator', () => {
  it('walks every page with PageIterator, although the nextLinks are http://', async () => {
    const first: PageCollection = await client.api('/users').select(['id', 'department']).top(50).get();
    expect(first['@odata.nextLink']).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\.0\/users\?/);
    const ids: string[] = [];
    const iterator = new PageIterator(client, first, (user: { id: string }) => {
      ids.push(user.id);
      return true;
    });
    await iterator.iterate();
    expect(ids).toHaveLength(tenant.users.length);
    expect(new Set(ids)).toEqual(new Set(tenant.users.map((u) => u.id)));
  });

  it('walks the registration report the same way', async () => {
    const first: PageCollection = await client
      .api('/reports/authenticationMethods/userRegistrationDetails')
      .filter('isMfaRegistered eq false')
      .get();
    const rows: { isMfaRegistered: boolean }[] = [];
    await new PageIterator(client, first, (row: { isMfaRegistered: boolean }) => rows.push(row) > 0).iterate();
    expect(rows.length).toBe(tenant.users.filter((u) => u.accountEnabled && !toRegistrationDetail(u, '').isMfaRegistered).length);
    expect(rows.every((r) => r.isMfaRegistered === false)).toBe(true);
    expect(rows.map((r) => (r as unknown as { id: string }).id)).toContain(employee.id);
  });

  it("retries a 503 with the SDK's RetryHandler, waiting the Retry-After second", async () => {
    graph.injectFaults({ count: 1, status: 503, retryAfterSeconds: 1 });
    const started = Date.now();
    const user = await client.api(`/users/${admin.id}`).select(['id', 'displayName']).get();
    expect(user.id).toBe(admin.id);
    expect(graph.stats().faults).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('sends a JSON batch built by BatchRequestContent', async () => {
    const content = new BatchRequestContent([
      { id: '1', request: new Request(`${graph.graphUrl}/users/${employee.id}/authentication/methods`) },
      {
        id: '2',
        request: new Request(`${graph.graphUrl}/users/${admin.id}/checkMemberGroups`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ groupIds: tenant.groups.map((g) => g.id) }),
        }),
      },
    ]);
    const answer = await client.api('/$batch').post(await content.getContent());
    const byId = Object.fromEntries(answer.responses.map((r: { id: string }) => [r.id, r]));
    expect(byId['1'].status).toBe(200);
    expect(byId['2'].status).toBe(200);
    expect(byId['2'].body.value).toHaveLength(2);
  });
});

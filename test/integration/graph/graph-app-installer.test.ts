import { demoPersonas, generateDemoTenant } from '../../../emulators/demo-tenant';
import { GraphAppInstaller } from '../../../src/adapters/graph/graph-app-installer';
import { createGraphClient } from '../../../src/adapters/graph/graph-client';
import { loadDemoConfig } from '../../../src/app/config';
import { ProductMetrics } from '../../../src/adapters/metrics/product-metrics';
import { createLogger } from '../../../src/app/logger';
import { wireGraph } from '../../../src/app/wiring/graph';
import { SECRET_TOKEN } from './graph-directory-harness';
import type { Platform } from '../../../src/app/wiring/platform';
import { useGraphEmulator } from '../../emulators/graph/use-graph-emulator';

const tenant = generateDemoTenant({ users: 20 });
const { employee, admin } = demoPersonas(tenant);
const graph = useGraphEmulator({ tenant });
const NO_RETRY = { maxThrottleRetries: 0, maxTransientRetries: 0 };

/** The `teamsApp@odata.bind` of each install request that left the process (the SDK sends with global fetch). */
function bindsSent(fetchSpy: jest.SpyInstance): unknown[] {
  return fetchSpy.mock.calls
    .filter(([, init]) => (init as RequestInit | undefined)?.method === 'POST')
    .map(([, init]) => JSON.parse(String((init as RequestInit).body))['teamsApp@odata.bind']);
}

describe('GraphAppInstaller: the bind URL names the configured Graph origin', () => {
  let fetchSpy: jest.SpyInstance;
  beforeEach(() => {
    fetchSpy = jest.spyOn(globalThis, 'fetch');
  });
  afterEach(() => fetchSpy.mockRestore());

  const installer = (graphOrigin: string) =>
    new GraphAppInstaller(
      createGraphClient(graph.url, async () => SECRET_TOKEN),
      tenant.teamsAppId,
      graphOrigin,
      NO_RETRY,
    );

  it('installs with a bind at the origin it is given (here the emulator, as GRAPH_BASE_URL would say)', async () => {
    expect(await installer(graph.url).installFor(employee.id)).toEqual({ kind: 'installed' });
    expect(bindsSent(fetchSpy)).toEqual([`${graph.url}/v1.0/appCatalogs/teamsApps/${tenant.teamsAppId}`]);
    expect(graph.state.installationsOf(employee.id)).toHaveLength(1);
  });

  it("sends another cloud's host when told to, which this Graph refuses: nothing is installed", async () => {
    const outcome = await installer('https://graph.microsoft.us').installFor(employee.id);
    expect(outcome).toMatchObject({ kind: 'failed', reason: expect.stringContaining('400') });
    expect(bindsSent(fetchSpy)).toEqual([`https://graph.microsoft.us/v1.0/appCatalogs/teamsApps/${tenant.teamsAppId}`]);
    expect(graph.state.installationsOf(employee.id)).toHaveLength(0);
  });

  it("is handed GRAPH_BASE_URL's origin by the app's wiring", async () => {
    const config = loadDemoConfig(
      {},
      { tenantId: tenant.tenantId, graphBaseUrl: graph.url, teamsAppCatalogId: tenant.teamsAppId, graphToken: SECRET_TOKEN },
    );
    const platform = { config, logger: createLogger('silent'), overrides: {}, metrics: new ProductMetrics() } as unknown as Platform;
    expect(await wireGraph(platform).installer.installFor(admin.id)).toEqual({ kind: 'installed' });
    expect(bindsSent(fetchSpy)).toEqual([`${graph.url}/v1.0/appCatalogs/teamsApps/${tenant.teamsAppId}`]);
  });
});

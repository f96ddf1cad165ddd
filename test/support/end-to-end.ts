import { activityFactory, startConnectorEmulator, type ConnectorEmulator, type ConnectorEmulatorOptions } from '../../emulators/connector';
import type { DemoTenant } from '../../emulators/demo-tenant';
import { startGraphEmulator, type GraphEmulator, type GraphEmulatorOptions } from '../../emulators/graph';
import { startTestApp, type DatabaseChoice, type TestApp } from './app-harness';

/** The whole product over HTTP: the Bot Connector and Graph emulators, the app between them, and activities to send it. */
export interface EndToEnd {
  connector: ConnectorEmulator;
  graph: GraphEmulator;
  harness: TestApp;
  teams: ReturnType<typeof activityFactory>;
  stop(): Promise<void>;
}

export async function startEndToEnd(options: {
  tenant: DemoTenant;
  database: DatabaseChoice;
  /** The bot's app id in activities (default: the tenant's bot). */
  botId?: string;
  graph?: Partial<GraphEmulatorOptions>;
  connector?: ConnectorEmulatorOptions;
  app?: Omit<Parameters<typeof startTestApp>[0], 'database' | 'tenantId' | 'graphBaseUrl'>;
}): Promise<EndToEnd> {
  const { tenant } = options;
  const connector = await startConnectorEmulator(options.connector);
  const graph = await startGraphEmulator({ tenant, ...options.graph });
  const harness = await startTestApp({ database: options.database, tenantId: tenant.tenantId, graphBaseUrl: graph.url, ...options.app });
  const teams = activityFactory({ serviceUrl: connector.url, botId: options.botId ?? tenant.botAppId, tenantId: tenant.tenantId });
  return {
    connector,
    graph,
    harness,
    teams,
    async stop() {
      await harness.stop();
      await connector.close();
      await graph.close();
    },
  };
}

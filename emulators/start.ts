/**
 * `npm run emulators`: the local Microsoft Graph and Bot Connector on their own, for poking at them with
 * curl or pointing a bot at them. Settings: GRAPH_EMULATOR_PORT (4010), CONNECTOR_EMULATOR_PORT (4020),
 * DEMO_USERS (500), DEMO_SEED (mfa-coach-demo). Both listen on 127.0.0.1 only: they accept any token.
 */
import { startConnectorEmulator } from './connector';
import { demoPersonas, generateDemoTenant } from './demo-tenant';
import { startGraphEmulator } from './graph';

async function main(): Promise<void> {
  const tenant = generateDemoTenant({ seed: process.env.DEMO_SEED ?? 'mfa-coach-demo', users: Number(process.env.DEMO_USERS ?? 500) });
  const graph = await startGraphEmulator({ tenant, port: Number(process.env.GRAPH_EMULATOR_PORT ?? 4010) });
  const connector = await startConnectorEmulator({ port: Number(process.env.CONNECTOR_EMULATOR_PORT ?? 4020) });
  const { employee, admin } = demoPersonas(tenant);
  console.log(`Emulators are running.

  Microsoft Graph:  ${graph.graphUrl}   (any "Authorization: Bearer <token>"; controls under ${graph.url}/_emulator/)
  Bot Connector:    ${connector.url}   (the serviceUrl to give a bot)
  Demo tenant:      ${tenant.organizationName}, ${tenant.users.length} people, tenant ${tenant.tenantId}
  Try:              curl -H 'Authorization: Bearer x' '${graph.graphUrl}/users/${employee.userPrincipalName}/authentication/methods'
  Personas:         employee ${employee.userPrincipalName}, admin ${admin.userPrincipalName}
`);
  const stop = async () => {
    await Promise.all([graph.close(), connector.close()]);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

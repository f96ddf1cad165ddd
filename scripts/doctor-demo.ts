import { CAMPAIGN_MANAGERS_GROUP, MFA_COACH_ADMINS_GROUP, generateDemoTenant } from '../emulators/demo-tenant';
import { startGraphEmulator } from '../emulators/graph';
import { loadDemoConfig } from '../src/app/config';
import { startApp } from '../src/app/create-app';
import type { DoctorReport } from '../src/use-cases/run-doctor';
import { demoGraphToken } from './demo-graph-token';

/**
 * The demo's parts, started here as scripts/start-demo.ts starts them (the demo tenant, the Graph emulator, the bot
 * in demo mode), with the embedded database in memory and no Playground; the doctor of that bot is run and the
 * parts stopped. `revoked` names Graph permissions left out of the demo's grant, to see what the doctor says then.
 */
export async function demoDoctor(revoked: readonly string[], env: Record<string, string | undefined>): Promise<DoctorReport> {
  const tenant = generateDemoTenant({ users: 500 });
  const graph = await startGraphEmulator({ tenant, logNotImplemented: true });
  try {
    const groupId = (name: string) => tenant.groups.filter((g) => g.displayName === name).map((g) => g.id);
    const demo = loadDemoConfig(
      { LOG_LEVEL: env.LOG_LEVEL ?? 'silent', PORT: '0' },
      {
        tenantId: tenant.tenantId,
        graphBaseUrl: graph.url,
        adminGroupIds: groupId(MFA_COACH_ADMINS_GROUP),
        campaignManagerGroupIds: groupId(CAMPAIGN_MANAGERS_GROUP),
        teamsAppCatalogId: tenant.teamsAppId,
        graphToken: demoGraphToken(tenant.tenantId, revoked),
      },
    );
    // In memory (no data folder), and no scan at start: the doctor's two reports calls need no wait behind one.
    const app = await startApp({ ...demo, database: { dataDir: '' }, posture: { ...demo.posture, scanOnStart: false } });
    try {
      return await app.doctor.run();
    } finally {
      await app.stop();
    }
  } finally {
    await graph.close();
  }
}

import type { TeamsUser } from '../../emulators/connector';
import { MFA_COACH_ADMINS_GROUP, type DemoTenant } from '../../emulators/demo-tenant';
import type { AppConfig } from '../../src/app/config';
import type { AppOverrides } from '../../src/app/create-app';
import type { DatabaseChoice } from './app-harness';
import { startEndToEnd, type EndToEnd } from './end-to-end';

/**
 * The whole product for campaign tests: the tenant's admins group as admins, proactive install on, campaigns sent
 * at `sendRate`, and Graph's reports limit lifted (the audience comes from scans, the rechecks are many).
 */
export function startCampaignEndToEnd(options: {
  tenant: DemoTenant;
  database: DatabaseChoice;
  /** A database of the test's own instead of a fresh one (see startTestApp). */
  databaseUrl?: string;
  sendRate: number;
  configure?: (config: AppConfig) => AppConfig;
  overrides?: AppOverrides;
}): Promise<EndToEnd> {
  const { tenant } = options;
  const adminGroup = tenant.groups.find((g) => g.displayName === MFA_COACH_ADMINS_GROUP)!;
  const configure = options.configure ?? ((config: AppConfig) => config);
  return startEndToEnd({
    tenant,
    database: options.database,
    graph: { throttle: { reports: null } },
    app: {
      adminGroupIds: [adminGroup.id],
      ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
      configure: (c) =>
        configure({ ...c, nudges: { ...c.nudges, teamsAppCatalogId: tenant.teamsAppId, campaignSendRate: options.sendRate } }),
      overrides: { reportsBudget: { limit: 1000, windowMs: 1000 }, ...options.overrides },
    },
  });
}

/** An admin says "scan" and waits for the scan to finish: a campaign's audience is read from the latest scan. */
export async function scanAs(e2e: EndToEnd, admin: TeamsUser): Promise<void> {
  await e2e.harness.post(e2e.teams.aMessage({ text: 'scan', user: admin }));
  await e2e.connector.waitFor((r) => /scan finished/i.test(JSON.stringify(r.body).replace(/\\\\/g, '')), 60_000);
}

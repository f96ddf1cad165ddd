import type { TeamsUser } from '../../emulators/connector';
import type { DemoTenant } from '../../emulators/demo-tenant';
import type { AppConfig } from '../../src/app/config';
import type { AppOverrides } from '../../src/app/create-app';
import type { DatabaseChoice } from './app-harness';
import { eventually } from './eventually';
import { adminsGroupOf, startEndToEnd, useEndToEnd, wordsOf, type EndToEnd, type EndToEndSuite, type SuiteSetUp } from './end-to-end';

export interface CampaignEndToEndOptions {
  tenant: DemoTenant;
  database: DatabaseChoice;
  /** A database of the test's own instead of a fresh one (see startTestApp). */
  databaseUrl?: string;
  sendRate: number;
  configure?: (config: AppConfig) => AppConfig;
  overrides?: AppOverrides;
  /** The day the demo sign-in log ends (default: now), for campaigns about SMTP AUTH senders. */
  signInsAnchor?: Date;
}

/**
 * The whole product for campaign tests: the tenant's admins group as admins, proactive install on, campaigns sent
 * at `sendRate`, and Graph's reports limit lifted (the audience comes from scans, the rechecks are many).
 */
export function startCampaignEndToEnd(options: CampaignEndToEndOptions): Promise<EndToEnd> {
  const { tenant } = options;
  const configure = options.configure ?? ((config: AppConfig) => config);
  return startEndToEnd({
    tenant,
    database: options.database,
    graph: { throttle: { reports: null }, ...(options.signInsAnchor ? { signInsAnchor: options.signInsAnchor } : {}) },
    app: {
      adminGroupIds: [adminsGroupOf(tenant).id],
      ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
      configure: (c) =>
        configure({ ...c, nudges: { ...c.nudges, teamsAppCatalogId: tenant.teamsAppId, campaignSendRate: options.sendRate } }),
      overrides: { reportsBudget: { limit: 1000, windowMs: 1000 }, ...options.overrides },
    },
  });
}

/**
 * The campaign product for the tests of the enclosing describe (see useEndToEnd); options that are known only
 * once an earlier beforeAll ran (a database of the test's own) can be given as a function.
 */
export function useCampaignEndToEnd(options: CampaignEndToEndOptions | (() => CampaignEndToEndOptions), setUp?: SuiteSetUp): EndToEndSuite {
  return useEndToEnd(() => startCampaignEndToEnd(typeof options === 'function' ? options() : options), setUp);
}

/** An admin says "scan" and waits for the scan to finish: a campaign's audience is read from the latest scan. */
export async function scanAs(e2e: Pick<EndToEnd, 'harness' | 'teams' | 'connector'>, admin: TeamsUser): Promise<void> {
  await e2e.harness.post(e2e.teams.aMessage({ text: 'scan', user: admin }));
  await e2e.connector.waitFor((r) => /scan finished/i.test(wordsOf(r.body)), 60_000);
}

/** Waits until the campaign has a run and none of its runs is still delivering. */
export async function untilRunsFinished(e2e: Pick<EndToEnd, 'harness'>, campaignId: string, timeoutMs = 60_000): Promise<void> {
  await eventually(
    'the run finished',
    async () => {
      const runs = await e2e.harness.app.campaigns.store.runs(campaignId);
      return runs.length > 0 && runs.every((run) => run.status !== 'delivering');
    },
    { timeoutMs, intervalMs: 100 },
  );
}

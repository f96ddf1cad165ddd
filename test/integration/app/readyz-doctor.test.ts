import { generateDemoTenant, MFA_COACH_ADMINS_GROUP } from '../../../emulators/demo-tenant';
import { countsLine } from '../../../src/use-cases/run-doctor';
import { startTestApp, type TestApp } from '../../support/app-harness';
import { useGraphEmulator } from '../../emulators/graph/use-graph-emulator';

const tenant = generateDemoTenant({ users: 20 });
const graph = useGraphEmulator({ tenant, logNotImplemented: false });

describe("the running bot's doctor and /readyz", () => {
  let harness: TestApp;
  beforeEach(async () => {
    harness = await startTestApp({
      database: 'pglite',
      tenantId: tenant.tenantId,
      graphBaseUrl: graph.url,
      adminGroupIds: tenant.groups.filter((g) => g.displayName === MFA_COACH_ADMINS_GROUP).map((g) => g.id),
      revokedGraphPermissions: ['MailboxSettings.Read'],
    });
  });
  afterEach(() => harness.stop());

  const readyz = async () => (await (await fetch(`${harness.app.url}/readyz`)).json()) as { status: string; doctor?: string };

  it('says "not run yet" until the doctor runs (the demo and the tests run it when asked), then the last report in one line', async () => {
    expect(await readyz()).toMatchObject({ status: 'ready', doctor: 'not run yet' });
    expect(graph.stats().requests).toBe(0);

    const report = await harness.app.doctor.run();
    // Without it nudges use the default time zone: a warning, not a failure.
    expect(report.checks.find((c) => c.name === 'Graph permissions')).toMatchObject({
      status: 'warn',
      summary: 'missing: MailboxSettings.Read',
    });
    expect(report.checks.find((c) => c.name === "Graph: a person's time zone")).toMatchObject({
      status: 'warn',
      summary: 'refused (403 ErrorAccessDenied): the app lacks MailboxSettings.Read',
    });
    for (const name of ['Database', 'Job engine', 'Clock']) expect(report.checks.find((c) => c.name === name)?.status).toBe('ok');

    // Polled as often as an orchestrator likes: it reads the last report and asks Graph nothing.
    const requestsAfterRun = graph.stats().requests;
    expect(await readyz()).toMatchObject({ status: 'ready', doctor: countsLine(report.counts) });
    expect(await readyz()).toMatchObject({ doctor: expect.stringMatching(/^\d+ ok, 2 warnings, 0 failing$/) });
    expect(graph.stats().requests).toBe(requestsAfterRun);
  });
});

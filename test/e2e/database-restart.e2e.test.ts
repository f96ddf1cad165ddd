import type { TeamsUser } from '../../emulators/connector';
import { demoPersonas, generateDemoTenant } from '../../emulators/demo-tenant';
import { scanAs, startCampaignEndToEnd } from '../support/campaign-end-to-end';
import type { EndToEnd } from '../support/end-to-end';
import { postgresProgramsFolder, startOwnPostgresServer, type OwnPostgresServer } from '../support/own-postgres-server';
import { eventually } from '../support/eventually';

jest.setTimeout(180_000);

/**
 * The PostgreSQL server crashes and comes back while the bot runs. Nobody restarts the bot: it says it
 * is not ready while the server is away, and once the server is back it answers people, and its job queue (the
 * scan runs as a job) works again. A real server is stopped and started here, one of this test's own, so that
 * the shared test server of the other suites is not touched.
 */
const describeWithPrograms = postgresProgramsFolder() ? describe : describe.skip;

const tenant = generateDemoTenant({ users: 40 });
const { admin: adminPerson, employee } = demoPersonas(tenant);
const admin: TeamsUser = { aadObjectId: adminPerson.id, name: adminPerson.displayName };
const text = (value: unknown) => JSON.stringify(value).replace(/\\\\/g, '');

async function readiness(e2e: EndToEnd): Promise<{ status: number; body: { database?: boolean; jobs?: boolean } }> {
  const response = await fetch(`${e2e.harness.app.url}/readyz`);
  return { status: response.status, body: (await response.json()) as { database?: boolean; jobs?: boolean } };
}

async function until(what: string, check: () => Promise<boolean>, ms = 60_000): Promise<void> {
  await eventually(what, check, { timeoutMs: ms, intervalMs: 200 });
}

describeWithPrograms('the database server restarts while the bot runs', () => {
  let server: OwnPostgresServer;
  let e2e: EndToEnd | undefined;

  beforeAll(async () => {
    server = await startOwnPostgresServer();
    e2e = await startCampaignEndToEnd({ tenant, database: 'postgres', databaseUrl: server.url, sendRate: 50 });
  }, 120_000);

  afterAll(async () => {
    await e2e?.stop();
    await server?.destroy();
  });

  it('is not ready while the server is down, then answers and runs jobs again by itself', async () => {
    const e2eApp = e2e!;
    await e2eApp.harness.post(e2eApp.teams.anInstallationUpdate({ action: 'add', scope: 'personal', user: admin }));
    await scanAs(e2eApp, admin);
    expect((await readiness(e2eApp)).status).toBe(200);

    await server.stop('immediate');
    await until('readyz says the database is away', async () => {
      const ready = await readiness(e2eApp);
      return ready.status === 503 && ready.body.database === false;
    });
    // A message during the outage gets an answer in the person's chat (that the bot cannot help right now), not
    // silence or a crash.
    e2eApp.connector.clear();
    const employeeChat = e2eApp.teams.personalConversationId({ aadObjectId: employee.id });
    const during = await e2eApp.harness.post(e2eApp.teams.aMessage({ text: 'help', user: { aadObjectId: employee.id } }));
    expect(during.status).toBe(200);
    const outageAnswer = await e2eApp.connector.waitFor((request) => request.conversationId === employeeChat, 30_000);
    expect(text(outageAnswer.body)).toContain('Please try again in a moment');

    await server.start();
    await until('readyz is ready again', async () => (await readiness(e2eApp)).status === 200);

    e2eApp.connector.clear();
    const answered = await e2eApp.harness.post(e2eApp.teams.aMessage({ text: 'help', user: { aadObjectId: employee.id } }));
    expect(answered.status).toBe(200);
    const after = await e2eApp.connector.waitFor((request) => request.conversationId === employeeChat, 30_000);
    expect(text(after.body)).toContain('What MFA Coach can do');

    // The scan is queued as a job: it runs only if the job queue reconnected too.
    await scanAs(e2eApp, admin);
    const scans = await e2eApp.harness.app.database.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM scan_runs WHERE status = 'succeeded'",
    );
    expect(scans[0]!.n).toBe(2);
  });
});

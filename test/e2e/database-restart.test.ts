import { demoPersonas, generateDemoTenant } from '../../emulators/demo-tenant';
import { scanAs, useCampaignEndToEnd } from '../support/campaign-end-to-end';
import { teamsUser, wordsOf as text, type EndToEndSuite } from '../support/end-to-end';
import { postgresProgramsFolder, startOwnPostgresServer, type OwnPostgresServer } from '../support/own-postgres-server';
import { eventually } from '../support/eventually';

jest.setTimeout(180_000);

/**
 * The PostgreSQL server crashes and comes back while the bot runs. Nobody restarts the bot: it says it is not ready
 * while the server is away (what needs no database, help, still answers), and once the server is back it answers
 * people, and its job queue (the scan runs as a job) works again. A real server is stopped and started here, one of
 * this test's own, so that the shared test server of the other suites is not touched.
 */
const describeWithPrograms = postgresProgramsFolder() ? describe : describe.skip;

const tenant = generateDemoTenant({ users: 40 });
const { admin: adminPerson, employee: employeePerson } = demoPersonas(tenant);
const admin = teamsUser(adminPerson);
const employee = teamsUser(employeePerson);

async function readiness(e2e: EndToEndSuite): Promise<{ status: number; body: { database?: boolean; jobs?: boolean } }> {
  const response = await fetch(`${e2e.harness.app.url}/readyz`);
  return { status: response.status, body: (await response.json()) as { database?: boolean; jobs?: boolean } };
}

async function until(what: string, check: () => Promise<boolean>, ms = 60_000): Promise<void> {
  await eventually(what, check, { timeoutMs: ms, intervalMs: 200 });
}

describeWithPrograms('the database server restarts while the bot runs', () => {
  let server: OwnPostgresServer;
  // The server of this test's own starts before the bot and is destroyed after the bot stopped.
  beforeAll(async () => {
    server = await startOwnPostgresServer();
  }, 120_000);
  const e2e = useCampaignEndToEnd(() => ({ tenant, database: 'postgres', databaseUrl: server.url, sendRate: 50 }), {
    installFor: [admin],
  });
  afterAll(() => server?.destroy());

  it('is not ready while the server is down, then answers and runs jobs again by itself', async () => {
    await scanAs(e2e, admin);
    expect(await e2e.stores.posture.snapshotTotals(new Date(0))).toHaveLength(1);
    expect((await readiness(e2e)).status).toBe(200);

    await server.stop('immediate');
    await until('readyz says the database is away', async () => {
      const ready = await readiness(e2e);
      return ready.status === 503 && ready.body.database === false;
    });
    // What needs no database still works: help is answered as ever.
    e2e.connector.clear();
    const employeeChat = e2e.personal(employee);
    const helped = await e2e.say(employee, 'help');
    expect(helped.status).toBe(200);
    const helpAnswer = await e2e.connector.waitFor((request) => request.conversationId === employeeChat, 30_000);
    expect(text(helpAnswer.body)).toContain('What MFA Coach can do');
    // A command that reads the database gets an answer in the chat (that the bot cannot help right now), not
    // silence or a crash.
    const adminChat = e2e.personal(admin);
    const during = await e2e.say(admin, 'posture');
    expect(during.status).toBe(200);
    const outageAnswer = await e2e.connector.waitFor((request) => request.conversationId === adminChat, 30_000);
    expect(text(outageAnswer.body)).toContain('Please try again in a moment');

    await server.start();
    await until('readyz is ready again', async () => (await readiness(e2e)).status === 200);

    e2e.connector.clear();
    const answered = await e2e.say(admin, 'posture');
    expect(answered.status).toBe(200);
    const after = await e2e.connector.waitFor((request) => request.conversationId === adminChat, 30_000);
    expect(text(after.body)).not.toContain('Please try again in a moment');

    // The scan is queued as a job: it runs only if the job queue reconnected too.
    await scanAs(e2e, admin);
    // Each scan that succeeded stored its snapshot of the tenant.
    expect(await e2e.stores.posture.snapshotTotals(new Date(0))).toHaveLength(2);
  });
});

import type { ConnectorEmulator, TeamsUser } from '../../emulators/connector';
import { demoPersonas, generateDemoTenant } from '../../emulators/demo-tenant';
import type { GraphEmulator } from '../../emulators/graph';
import { databaseChoices, type TestApp } from '../support/app-harness';
import { startEndToEnd, type EndToEnd } from '../support/end-to-end';

jest.setTimeout(60_000);

const tenant = generateDemoTenant({ users: 120 });
const { employee: employeePerson, admin: adminPerson } = demoPersonas(tenant);
const employee: TeamsUser = { aadObjectId: employeePerson.id, name: employeePerson.displayName };
const colleague: TeamsUser = { aadObjectId: adminPerson.id, name: adminPerson.displayName };
// Someone who never opened a personal chat with the bot.
const stranger = tenant.users.find((u) => u.accountEnabled && u.id !== employeePerson.id && u.id !== adminPerson.id)!;
const newcomer: TeamsUser = { aadObjectId: stranger.id, name: stranger.displayName };
// Cards escape markdown in what people and the directory wrote (e.g. "\\("); compare the words themselves.
const text = (value: unknown) => JSON.stringify(value).replace(/\\\\/g, '');

describe.each(databaseChoices())('an employee asks "am I set up?" (%s)', (database) => {
  let connector: ConnectorEmulator;
  let graph: GraphEmulator;
  let harness: TestApp;
  let teams: EndToEnd['teams'];
  let e2e: EndToEnd | undefined;
  const personal = (user: TeamsUser) => teams.personalConversationId(user);

  beforeAll(async () => {
    e2e = await startEndToEnd({ tenant, database });
    ({ connector, graph, harness, teams } = e2e);
    for (const user of [employee, colleague]) await harness.post(teams.anInstallationUpdate({ action: 'add', scope: 'personal', user }));
  });

  afterAll(() => e2e?.stop());

  beforeEach(() => connector.clear());

  it('asked in a channel by someone without a personal chat, says why it will not answer there and how to open one', async () => {
    // First in the suite, while the reports budget has room: a live check made here would reach Graph.
    const liveChecks = () => graph.stats().requestsByRoute['GET /users/{id}/authentication/methods'] ?? 0;
    const checksBefore = liveChecks();
    await harness.post(teams.aMessage({ text: 'my mfa', user: newcomer, conversationType: 'channel' }));

    const said = connector.received().map((r) => text(r.body)).join('\n');
    expect(said).toContain("Your MFA status is yours alone, so I only show it in a private chat, and we don't have one yet.");
    expect(said).not.toContain('What you have');
    expect(connector.cards(personal(newcomer))).toEqual([]);
    // Nothing to deliver, so nothing was checked: the reports budget is the tenant's and small.
    expect(liveChecks()).toBe(checksBefore);
  });

  it('answers with their own live status: nothing yet, the next step, and where to set up', async () => {
    await harness.post(teams.aMessage({ text: 'Am I set up?', user: employee }));

    const [card] = connector.cards(personal(employee));
    expect(text(card)).toContain('Your MFA status');
    expect(text(card)).toContain('Nothing yet.');
    expect(text(card)).toContain('Install Microsoft Authenticator');
    expect(text(card)).toContain('https://aka.ms/mfasetup');
    expect(graph.stats().requestsByRoute['GET /users/{id}/authentication/methods']).toBeGreaterThan(0);
  });

  it('rechecks live with "Check again" once they have enrolled, whatever the card data claims', async () => {
    graph.state.enrolAuthenticator(employee.aadObjectId);
    try {
      const invoke = teams.anAdaptiveCardInvoke({ verb: 'status.check', data: { userId: colleague.aadObjectId }, user: employee });
      const { status, body } = await harness.post(invoke);

      expect(status).toBe(200);
      expect(text(JSON.parse(body))).toContain('You are set up with strong MFA');
      expect(text(JSON.parse(body))).toContain('Authenticator app');
    } finally {
      graph.reset();
    }
  });

  it('says so honestly when Microsoft Graph does not answer, and loses nothing', async () => {
    graph.injectFaults({ count: 20, status: 503, path: /authentication\/methods/ });
    try {
      await harness.post(teams.aMessage({ text: 'my mfa', user: employee }));
      const [card] = connector.cards(personal(employee));
      expect(text(card)).toContain("couldn't check your sign-in methods just now");
      expect(text(card)).toContain('Check again');
    } finally {
      graph.reset();
    }
  });

  it('asked in a channel, answers in private and tells the channel only that', async () => {
    await harness.post(teams.aMessage({ text: 'am I set up?', user: employee, conversationType: 'channel' }));

    expect(text(connector.cards(personal(employee))[0])).toContain('Your MFA status');
    const inChannel = connector.received().filter((r) => r.conversationId !== undefined && !r.conversationId.includes(personal(employee))).map((r) => text(r.body)).join('\n');
    expect(inChannel).toContain('I sent you your MFA status in a private chat.');
    expect(inChannel).not.toContain('Nothing yet');
  });
});

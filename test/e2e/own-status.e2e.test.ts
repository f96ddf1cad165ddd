import type { ConnectorEmulator, TeamsUser } from '../../emulators/connector';
import { MFA_COACH_ADMINS_GROUP, demoPersonas, generateDemoTenant } from '../../emulators/demo-tenant';
import type { GraphEmulator } from '../../emulators/graph';
import { utcDateTimeText, utcTimeText } from '../../src/adapters/bot/cards/freshness-line';
import { databaseChoices, type TestApp } from '../support/app-harness';
import { startEndToEnd, type EndToEnd } from '../support/end-to-end';

jest.setTimeout(60_000);

const tenant = generateDemoTenant({ users: 120 });
const { employee: employeePerson, admin: adminPerson } = demoPersonas(tenant);
const adminGroup = tenant.groups.find((g) => g.displayName === MFA_COACH_ADMINS_GROUP)!;
const employee: TeamsUser = { aadObjectId: employeePerson.id, name: employeePerson.displayName };
const colleague: TeamsUser = { aadObjectId: adminPerson.id, name: adminPerson.displayName };
// Someone who never opened a personal chat with the bot.
const stranger = tenant.users.find((u) => u.accountEnabled && u.id !== employeePerson.id && u.id !== adminPerson.id)!;
const newcomer: TeamsUser = { aadObjectId: stranger.id, name: stranger.displayName };
// Cards escape markdown in what people and the directory wrote (e.g. "\\("); compare the words themselves.
const text = (value: unknown) => JSON.stringify(value).replace(/\\\\/g, '');
const MINUTE = 60_000;

describe.each(databaseChoices())('an employee asks "am I set up?" (%s)', (database) => {
  let connector: ConnectorEmulator;
  let graph: GraphEmulator;
  let harness: TestApp;
  let teams: EndToEnd['teams'];
  let e2e: EndToEnd | undefined;
  // Each test starts two hours after the last, so no one's earlier checks count towards their limit.
  let clock = new Date('2026-11-24T10:00:00Z');
  const personal = (user: TeamsUser) => teams.personalConversationId(user);
  const liveChecks = () => graph.stats().requestsByRoute['GET /users/{id}/authentication/methods'] ?? 0;
  const lastCard = (user: TeamsUser) => text(connector.cards(personal(user)).at(-1));

  beforeAll(async () => {
    e2e = await startEndToEnd({
      tenant,
      database,
      // Graph's own reports limit is covered elsewhere: here each person's limit is the one that holds checks back.
      graph: { throttle: { reports: null } },
      app: { adminGroupIds: [adminGroup.id], overrides: { now: () => clock, reportsBudget: { limit: 1000, windowMs: 1000 } } },
    });
    ({ connector, graph, harness, teams } = e2e);
    for (const user of [employee, colleague]) await harness.post(teams.anInstallationUpdate({ action: 'add', scope: 'personal', user }));
  });

  afterAll(() => e2e?.stop());

  beforeEach(() => {
    connector.clear();
    clock = new Date(clock.getTime() + 120 * MINUTE);
  });

  it('asked in a channel by someone without a personal chat, says why it will not answer there and how to open one', async () => {
    // A live check made here would reach Graph.
    const checksBefore = liveChecks();
    await harness.post(teams.aMessage({ text: 'my mfa', user: newcomer, conversationType: 'channel' }));

    const said = connector
      .received()
      .map((r) => text(r.body))
      .join('\n');
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
    const inChannel = connector
      .received()
      .filter((r) => r.conversationId !== undefined && !r.conversationId.includes(personal(employee)))
      .map((r) => text(r.body))
      .join('\n');
    expect(inChannel).toContain('I sent you your MFA status in a private chat.');
    expect(inChannel).not.toContain('Nothing yet');
  });

  it('answers a fourth check within a minute from the latest one, without asking Graph, and checks again a minute later', async () => {
    for (let i = 0; i < 3; i++) {
      await harness.post(teams.aMessage({ text: 'status', user: employee }));
      expect(lastCard(employee)).toContain('Checked live just now');
    }
    const checksBefore = liveChecks();

    const { status, body } = await harness.post(teams.anAdaptiveCardInvoke({ verb: 'status.check', data: {}, user: employee }));
    expect(status).toBe(200);
    const limited = text(JSON.parse(body));
    const aMinuteLater = new Date(clock.getTime() + MINUTE);
    expect(limited).toContain(
      `You've checked a few times in a short while, so this is what I found at ${utcDateTimeText(clock)}. You can check again from ${utcTimeText(aMinuteLater)}.`,
    );
    expect(limited).toContain('Nothing yet.');
    expect(liveChecks()).toBe(checksBefore);

    // Someone else is not held back by it.
    await harness.post(teams.aMessage({ text: 'status', user: colleague }));
    expect(lastCard(colleague)).toContain('Checked live just now');
    expect(liveChecks()).toBe(checksBefore + 1);

    clock = aMinuteLater;
    await harness.post(teams.aMessage({ text: 'status', user: employee }));
    expect(lastCard(employee)).toContain(`Checked live just now (${utcDateTimeText(aMinuteLater)})`);
    expect(liveChecks()).toBe(checksBefore + 2);
  });

  it('"status" and "I\'ve done it" on a nudge share one limit: the card answers without a check and keeps the nudge', async () => {
    await harness.post(teams.aMessage({ text: `nudge ${employeePerson.userPrincipalName}`, user: colleague }));
    const nudge = connector.cards(personal(employee)).at(-1) as { refresh: { action: { data: { nudgeId: string } } } };
    const nudgeId = nudge.refresh.action.data.nudgeId;
    // Teams names the card's message: a card with a refresh is replaced in place through it.
    const replyToId = connector.activities(personal(employee)).at(-1)?.activityId;
    for (let i = 0; i < 3; i++) await harness.post(teams.aMessage({ text: 'am I set up?', user: employee }));
    const checksBefore = liveChecks();

    const press = async () =>
      text(
        JSON.parse(
          (await harness.post(teams.anAdaptiveCardInvoke({ verb: 'nudge.done', data: { nudgeId }, user: employee, replyToId }))).body,
        ),
      );
    const limited = await press();
    expect(limited).toContain("You've pressed a few times in a short while");
    expect(limited).toContain('Nothing is lost.');
    expect(limited).toContain("I've done it");
    expect(liveChecks()).toBe(checksBefore);
    const rows = (sql: string) => harness.app.database.query<Record<string, unknown>>(sql, [nudgeId]);
    expect((await rows('SELECT result FROM nudge_actions WHERE nudge_id = $1 ORDER BY id')).map((r) => r.result)).toEqual(['checkLimited']);
    expect(await rows('SELECT s.ended_at FROM nudge_series s JOIN nudges n ON n.series_id = s.id WHERE n.id = $1')).toEqual([
      { ended_at: null },
    ]);

    clock = new Date(clock.getTime() + MINUTE);
    expect(await press()).toContain('I checked just now: there is no Microsoft Authenticator');
    expect(liveChecks()).toBe(checksBefore + 1);
  });
});

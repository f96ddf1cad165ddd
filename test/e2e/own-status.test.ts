import type { TeamsUser } from '../../emulators/connector';
import { demoPersonas, generateDemoTenant } from '../../emulators/demo-tenant';
import { utcDateTimeText, utcTimeText } from '../../src/adapters/bot/cards/freshness-line';
import { databaseChoices } from '../support/app-harness';
import { adminsGroupOf, nudgeIdOf, teamsUser, useEndToEnd, wordsOf as text } from '../support/end-to-end';

jest.setTimeout(60_000);

const tenant = generateDemoTenant({ users: 120 });
const { employee: employeePerson, admin: adminPerson } = demoPersonas(tenant);
const employee = teamsUser(employeePerson);
const colleague = teamsUser(adminPerson);
// Someone who never opened a personal chat with the bot.
const stranger = tenant.users.find((u) => u.accountEnabled && u.id !== employeePerson.id && u.id !== adminPerson.id)!;
const newcomer = teamsUser(stranger);
const MINUTE = 60_000;

describe.each(databaseChoices())('an employee asks "am I set up?" (%s)', (database) => {
  // Each test starts two hours after the last, so no one's earlier checks count towards their limit.
  let clock = new Date('2026-11-24T10:00:00Z');
  const e2e = useEndToEnd(
    {
      tenant,
      database,
      // Graph's own reports limit is covered elsewhere: here each person's limit is the one that holds checks back.
      graph: { throttle: { reports: null } },
      app: { adminGroupIds: [adminsGroupOf(tenant).id], overrides: { now: () => clock, reportsBudget: { limit: 1000, windowMs: 1000 } } },
    },
    { installFor: [employee, colleague] },
  );
  const liveChecks = () => e2e.graph.stats().requestsByRoute['GET /users/{id}/authentication/methods'] ?? 0;
  const lastCard = (user: TeamsUser) => text(e2e.cardsTo(user).at(-1));

  beforeEach(() => {
    clock = new Date(clock.getTime() + 120 * MINUTE);
  });

  it('asked in a channel by someone without a personal chat, says why it will not answer there and how to open one', async () => {
    // A live check made here would reach Graph.
    const checksBefore = liveChecks();
    await e2e.say(newcomer, 'my mfa', 'channel');

    const said = e2e.connector
      .received()
      .map((r) => text(r.body))
      .join('\n');
    expect(said).toContain("Your MFA status is yours alone, so I only show it in a private chat, and we don't have one yet.");
    expect(said).not.toContain('What you have');
    expect(e2e.cardsTo(newcomer)).toEqual([]);
    // Nothing to deliver, so nothing was checked: the reports budget is the tenant's and small.
    expect(liveChecks()).toBe(checksBefore);
  });

  it('answers with their own live status: nothing yet, the next step, and where to set up', async () => {
    await e2e.say(employee, 'Am I set up?');

    const [card] = e2e.cardsTo(employee);
    expect(text(card)).toContain('Your MFA status');
    expect(text(card)).toContain('Nothing yet.');
    expect(text(card)).toContain('Install Microsoft Authenticator');
    expect(text(card)).toContain('https://aka.ms/mfasetup');
    expect(e2e.graph.stats().requestsByRoute['GET /users/{id}/authentication/methods']).toBeGreaterThan(0);
  });

  it('rechecks live with "Check again" once they have enrolled, whatever the card data claims', async () => {
    e2e.graph.state.enrolAuthenticator(employee.aadObjectId);
    try {
      const answer = text(await e2e.press(employee, 'status.check', { userId: colleague.aadObjectId }));

      expect(answer).toContain('You are set up with strong MFA');
      expect(answer).toContain('Authenticator app');
    } finally {
      e2e.graph.reset();
    }
  });

  it('says so honestly when Microsoft Graph does not answer, and loses nothing', async () => {
    e2e.graph.injectFaults({ count: 20, status: 503, path: /authentication\/methods/ });
    try {
      await e2e.say(employee, 'my mfa');
      const [card] = e2e.cardsTo(employee);
      expect(text(card)).toContain("couldn't check your sign-in methods just now");
      expect(text(card)).toContain('Check again');
    } finally {
      e2e.graph.reset();
    }
  });

  it('asked in a channel, answers in private and tells the channel only that', async () => {
    await e2e.say(employee, 'am I set up?', 'channel');

    expect(text(e2e.cardsTo(employee)[0])).toContain('Your MFA status');
    const inChannel = e2e.connector
      .received()
      .filter((r) => r.conversationId !== undefined && !r.conversationId.includes(e2e.personal(employee)))
      .map((r) => text(r.body))
      .join('\n');
    expect(inChannel).toContain('I sent you your MFA status in a private chat.');
    expect(inChannel).not.toContain('Nothing yet');
  });

  it('answers a fourth check within a minute from the latest one, without asking Graph, and checks again a minute later', async () => {
    for (let i = 0; i < 3; i++) {
      await e2e.say(employee, 'status');
      expect(lastCard(employee)).toContain('Checked live just now');
    }
    const checksBefore = liveChecks();

    const limited = text(await e2e.press(employee, 'status.check'));
    const aMinuteLater = new Date(clock.getTime() + MINUTE);
    expect(limited).toContain(
      `You've checked a few times in a short while, so this is what I found at ${utcDateTimeText(clock)}. You can check again from ${utcTimeText(aMinuteLater)}.`,
    );
    expect(limited).toContain('Nothing yet.');
    expect(liveChecks()).toBe(checksBefore);

    // Someone else is not held back by it.
    await e2e.say(colleague, 'status');
    expect(lastCard(colleague)).toContain('Checked live just now');
    expect(liveChecks()).toBe(checksBefore + 1);

    clock = aMinuteLater;
    await e2e.say(employee, 'status');
    expect(lastCard(employee)).toContain(`Checked live just now (${utcDateTimeText(aMinuteLater)})`);
    expect(liveChecks()).toBe(checksBefore + 2);
  });

  it('"status" and "I\'ve done it" on a nudge share one limit: the card answers without a check and keeps the nudge', async () => {
    await e2e.say(colleague, `nudge ${employeePerson.userPrincipalName}`);
    const nudgeId = nudgeIdOf(e2e.cardsTo(employee).at(-1));
    // Teams names the card's message: a card with a refresh is replaced in place through it.
    const replyToId = e2e.connector.activities(e2e.personal(employee)).at(-1)?.activityId;
    for (let i = 0; i < 3; i++) await e2e.say(employee, 'am I set up?');
    const checksBefore = liveChecks();

    const press = async () => text(await e2e.press(employee, 'nudge.done', { nudgeId }, replyToId));
    const limited = await press();
    expect(limited).toContain("You've pressed a few times in a short while");
    expect(limited).toContain('Nothing is lost.');
    expect(limited).toContain("I've done it");
    expect(liveChecks()).toBe(checksBefore);
    expect((await e2e.stores.nudges.actionsOf(nudgeId)).map((a) => a.result)).toEqual(['checkLimited']);
    // The nudge's series goes on: nothing was confirmed.
    const { series } = (await e2e.stores.nudges.find(nudgeId))!;
    expect(series.endedAt).toBeUndefined();

    clock = new Date(clock.getTime() + MINUTE);
    expect(await press()).toContain('I checked just now: there is no Microsoft Authenticator');
    expect(liveChecks()).toBe(checksBefore + 1);
  });
});

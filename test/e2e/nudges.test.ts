import { channelThreadId, type TeamsUser } from '../../emulators/connector';
import { demoPersonas, generateDemoTenant } from '../../emulators/demo-tenant';
import { NUDGE_SEND_JOB } from '../../src/adapters/jobs/nudge-job';
import { DEFAULT_SENDING_HOURS } from '../../src/domain/nudges/quiet-hours';
import { databaseChoices } from '../support/app-harness';
import { adminsGroupOf, nudgeIdOf, teamsUser, useEndToEnd, wordsOf as text, type Card } from '../support/end-to-end';

jest.setTimeout(60_000);

const tenant = generateDemoTenant({ users: 120 });
const { employee: employeePerson, admin: adminPerson } = demoPersonas(tenant);
const admin = teamsUser(adminPerson);
// The demo's employee: no MFA method, mailbox in Pacific Standard Time.
const employee = teamsUser(employeePerson);
const others = tenant.users.filter(
  (u) =>
    u.accountEnabled &&
    u.userType === 'Member' &&
    u.id !== employeePerson.id &&
    u.id !== adminPerson.id &&
    u.timeZone === 'Pacific Standard Time',
);

// The team where the bot is installed (the activity factory's default team): its General channel is the help desk.
const helpDeskChannel = channelThreadId(`team|${tenant.tenantId}`);

// Tuesday 8 December 2026, 10:00 in Seattle (UTC−8): inside the default sending hours.
const TUESDAY_10_PST = new Date('2026-12-08T18:00:00Z');

describe.each(databaseChoices())('nudges end to end (%s)', (database) => {
  let clock = TUESDAY_10_PST;
  const e2e = useEndToEnd(
    {
      tenant,
      database,
      // Graph's own reports limit is covered elsewhere; here each press rechecks live.
      graph: { throttle: { reports: null } },
      app: {
        adminGroupIds: [adminsGroupOf(tenant).id],
        configure: (c) => ({
          ...c,
          nudges: {
            ...c.nudges,
            teamsAppCatalogId: tenant.teamsAppId,
            helpDeskConversationId: helpDeskChannel,
            policy: { ...c.nudges.policy, sendingHours: DEFAULT_SENDING_HOURS },
          },
        }),
        // The clock is set back before each test: each person's live-check limit is covered in own-status tests.
        overrides: { now: () => clock, reportsBudget: { limit: 1000, windowMs: 1000 }, liveCheckLimits: [{ max: 1000, windowMs: 1000 }] },
      },
    },
    { installFor: [admin, employee] },
  );
  const adminSaid = () => e2e.saidTo(admin);
  // Teams names the card's message in replyToId; a card with a refresh is replaced for everyone through it.
  let cardMessageId = '';
  const press = (user: TeamsUser, verb: string, data: Record<string, unknown>) => e2e.press(user, verb, data, cardMessageId);
  const lastNudge = (user: TeamsUser) => {
    cardMessageId = e2e.connector.activities(e2e.personal(user)).at(-1)?.activityId ?? '';
    return e2e.cardsTo(user).at(-1)!;
  };
  /** The jobs queued to send a nudge to this person (as the admin named them, or by id) later. */
  const nudgesQueuedFor = (userId: string) => e2e.harness.queuedJobs(NUDGE_SEND_JOB).filter((job) => job.data.userId === userId);
  /** Ends the person's open series, as a confirmed enrolment does: their next nudge starts a fresh one. */
  const endSeriesOf = async (userId: string) => {
    const open = await e2e.stores.nudges.openSeries(userId);
    if (open) await e2e.stores.nudges.endSeries(open.id, 'enrolled', clock);
  };

  beforeAll(() => e2e.harness.post(e2e.teams.anInstallationUpdate({ action: 'add', scope: 'team', user: admin })));
  beforeEach(() => {
    clock = TUESDAY_10_PST;
  });

  it('sends the nudge an admin asks for: personalised, schema 1.5, refresh and four actions, and audits the command', async () => {
    await e2e.say(admin, `nudge ${employeePerson.userPrincipalName}`);

    expect(adminSaid()).toContain(`Sent ${employeePerson.displayName} a reminder`);
    const card = lastNudge(employee);
    expect(card.version).toBe('1.5');
    expect(text(card)).toContain(`${employeePerson.givenName}, please protect your work account`);
    expect(text(card)).toContain('no second sign-in step yet');
    expect(card.refresh?.action.verb).toBe('nudge.refresh');
    expect(card.actions?.map((a) => a.title)).toEqual(['Set up now', "I've done it", 'Remind me later', 'I need help']);
    expect(card.actions?.[0]?.url).toBe('https://aka.ms/mfasetup');
    expect(card.actions?.[2]?.card?.actions?.map((a) => a.title)).toEqual(['Tomorrow', 'In 3 days', 'In a week']);
    const audit = (await e2e.stores.audit.latest(50)).find((entry) => entry.action.startsWith('nudge'));
    expect(audit && { action: audit.action, outcome: audit.outcome }).toEqual({ action: 'nudge <user>', outcome: 'allowed' });
    const kept = await e2e.stores.nudges.find(nudgeIdOf(card));
    expect(kept && { status: kept.nudge.status, requestedBy: kept.nudge.requestedBy }).toEqual({
      status: 'sent',
      requestedBy: admin.aadObjectId,
    });
  });

  it('holds a second nudge within two days unless forced', async () => {
    clock = new Date(TUESDAY_10_PST.getTime() + 3600_000);
    await e2e.say(admin, `nudge ${employeePerson.userPrincipalName}`);
    expect(adminSaid()).toContain('had a reminder recently');
    expect(adminSaid()).toContain('force');
    expect(e2e.cardsTo(employee)).toEqual([]);

    await e2e.say(admin, `nudge ${employeePerson.userPrincipalName} force`);
    expect(adminSaid()).toContain(`Sent ${employeePerson.displayName} a reminder`);
    expect(e2e.cardsTo(employee)).toHaveLength(1);
  });

  it("waits for the recipient's own sending hours: Saturday in Seattle goes on Monday at 09:00 there, as a queued job", async () => {
    const someone = others[0]!;
    clock = new Date('2026-12-12T18:00:00Z'); // Saturday 10:00 PST
    await e2e.say(admin, `nudge ${someone.userPrincipalName}`);

    expect(adminSaid()).toContain('outside');
    expect(adminSaid()).toContain('Mon 14 Dec, 09:00');
    const jobs = nudgesQueuedFor(someone.userPrincipalName);
    expect(jobs.map((j) => j.startAfter?.toISOString())).toEqual(['2026-12-14T17:00:00.000Z']);
    expect(await jobs[0]!.state()).toBe('created');
  });

  it('refreshes the card for its recipient and records the view; someone else pressing it is refused and recorded', async () => {
    const nudgeId = nudgeIdOf(await sendFresh());
    const refreshed = await press(employee, 'nudge.refresh', { nudgeId });
    expect(text(refreshed)).toContain('please protect your work account');

    const refused = await press(admin, 'nudge.done', { nudgeId });
    expect(text(refused)).toContain('This reminder is for someone else');
    expect(text(refused)).not.toContain(employeePerson.givenName!);
    const actions = await e2e.stores.nudges.actionsOf(nudgeId);
    expect(actions.map(({ actorId, action, result }) => ({ actorId, action, result }))).toEqual([
      { actorId: employee.aadObjectId, action: 'viewed', result: 'shown' },
      { actorId: admin.aadObjectId, action: 'recheck', result: 'notYours' },
    ]);
    expect(text(await press(employee, 'nudge.done', { nudgeId: 'not-a-nudge' }))).toContain('no longer valid');
  });

  it('"I\'ve done it": says exactly what is missing, then, once enrolled, turns into a confirmation that stays', async () => {
    const nudgeId = nudgeIdOf(await sendFresh());
    const still = await press(employee, 'nudge.done', { nudgeId });
    expect(text(still)).toContain('there is no Microsoft Authenticator or other strong method on your account yet');

    e2e.graph.state.enrolAuthenticator(employee.aadObjectId);
    try {
      const done = await press(employee, 'nudge.done', { nudgeId });
      expect(text(done)).toContain(`Thank you, ${employeePerson.givenName}!`);
      expect(text(done)).toContain('Authenticator app');
      // A stale press (the same card, or any action on it) shows the confirmation, and changes nothing.
      expect(text(await press(employee, 'nudge.snooze', { nudgeId, days: 1 }))).toContain('Thank you');
      expect(text(await press(employee, 'nudge.refresh', { nudgeId }))).toContain('Thank you');
      const { series } = (await e2e.stores.nudges.find(nudgeId))!;
      expect({ endReason: series.endReason, snoozesUsed: series.snoozesUsed }).toEqual({ endReason: 'enrolled', snoozesUsed: 0 });
      // Strong now: an admin's nudge sends nothing.
      await e2e.say(admin, `nudge ${employeePerson.userPrincipalName} force`);
      expect(adminSaid()).toContain('already has strong MFA');
    } finally {
      e2e.graph.reset();
    }
  });

  it('during a Graph outage the recheck says to try again, and nothing is lost', async () => {
    const nudgeId = nudgeIdOf(await sendFresh());
    e2e.graph.injectFaults({ count: 50, status: 503, path: /authentication\/methods/ });
    let card: Card;
    try {
      card = await press(employee, 'nudge.done', { nudgeId });
    } finally {
      e2e.graph.reset();
    }
    expect(text(card)).toContain("couldn't check your sign-in methods just now");
    expect(card.actions?.map((a) => a.title)).toContain("I've done it");

    e2e.graph.state.enrolAuthenticator(employee.aadObjectId);
    try {
      expect(text(await press(employee, 'nudge.done', { nudgeId }))).toContain('Thank you');
    } finally {
      e2e.graph.reset();
    }
  });

  it('snoozes within bounds: only the offered lengths, at most three times, the last one says so', async () => {
    const nudgeId = nudgeIdOf(await sendFresh());
    expect(text(await press(employee, 'nudge.snooze', { nudgeId, days: 2 }))).toContain('not one of the reminder times on offer');
    expect(text(await press(employee, 'nudge.snooze', { nudgeId, days: '7; DROP TABLE nudges' }))).toContain(
      'not one of the reminder times',
    );

    const first = await press(employee, 'nudge.snooze', { nudgeId, days: 3 });
    expect(text(first)).toContain("OK, I'll remind you on {{DATE(2026-12-11T18:00:00Z, SHORT)}}");
    expect(text(first)).toContain('You can put this off 2 more times.');
    const second = await press(employee, 'nudge.snooze', { nudgeId, days: 1 });
    expect(text(second)).toContain('This is the last time you can put this off.');
    const third = await press(employee, 'nudge.snooze', { nudgeId, days: 7 });
    expect(text(third)).toContain('That was the last time you can put this off.');
    expect(third.actions?.map((a) => a.title)).not.toContain('Remind me later');
    expect(text(await press(employee, 'nudge.snooze', { nudgeId, days: 1 }))).toContain('as often as your organisation allows');

    const reminders = nudgesQueuedFor(employee.aadObjectId).filter((job) => job.data.source === 'reminder');
    expect(reminders.map((r) => r.startAfter!.toISOString()).sort()).toEqual([
      '2026-12-09T18:00:00.000Z',
      '2026-12-11T18:00:00.000Z',
      '2026-12-15T18:00:00.000Z',
    ]);
    // While snoozed, an admin's nudge waits for the snooze unless forced.
    clock = new Date(TUESDAY_10_PST.getTime() + 3 * 86400_000);
    await e2e.say(admin, `nudge ${employeePerson.userPrincipalName}`);
    expect(adminSaid()).toContain('asked to be reminded');
  });

  it('"I need help" shows the setup article with its source, and tells the help desk\'s channel who asked', async () => {
    const nudgeId = nudgeIdOf(await sendFresh());
    const card = await press(employee, 'nudge.help', { nudgeId });
    expect(text(card)).toContain('Set up Microsoft Authenticator for your work account');
    expect(text(card)).toContain("I've let the help desk know you asked");
    const told = e2e.connector
      .activities(helpDeskChannel)
      .map((a) => text(a.activity))
      .join('\n');
    expect(told).toContain(`${employeePerson.displayName}** asked for help setting up MFA`);
    expect(told).toContain(employee.aadObjectId);
    const action = (await e2e.stores.nudges.actionsOf(nudgeId)).find((a) => a.action === 'help');
    expect(action?.detail).toEqual({ helpDeskTold: true, articleId: 'set-up-microsoft-authenticator' });
    expect(card.actions?.map((a) => a.title)).toContain('Read the article');
    expect(card.actions?.map((a) => a.title)).not.toContain('I need help');
  });

  it('says "try again" when Graph does not answer the admin\'s nudge, and sends nothing', async () => {
    const someone = others[9]!;
    e2e.graph.injectFaults({
      count: 50,
      status: 503,
      path: new RegExp(`/users/${someone.id}|/users/${someone.userPrincipalName.replace('.', '\\.')}`),
    });
    try {
      await e2e.say(admin, `nudge ${someone.userPrincipalName}`);
    } finally {
      e2e.graph.reset();
    }
    expect(adminSaid()).toContain("Microsoft Graph didn't answer. Nothing was sent");
    expect(await e2e.stores.nudges.latestTo(someone.id)).toBeUndefined();
  });

  it('refuses a non-admin and explains a malformed command', async () => {
    await e2e.say(employee, `nudge ${adminPerson.userPrincipalName}`);
    expect(text(e2e.cardsTo(employee)[0])).toContain('only administrators can use that');
    expect(e2e.cardsTo(admin)).toEqual([]);

    await e2e.say(admin, 'nudge');
    expect(text(e2e.cardsTo(admin)[0])).toContain('Tell me who to remind');
    await e2e.say(admin, 'nudge Adele Vance');
    expect(text(e2e.cardsTo(admin)[1])).toContain('Remind one person at a time');
  });

  describe('delivery outcomes, through the Graph and Connector emulators', () => {
    /** Someone else in Seattle, with no method at all, whatever the generated tenant gave them. */
    const person = (i: number) => {
      const someone = others[i]!;
      e2e.graph.state.setMethods(someone.id, []);
      return someone;
    };
    // Matched on the chat id after its "a:" prefix, however the path encodes the colon.
    const inChat = (userId: string) =>
      new RegExp(
        chatWith(userId)
          .slice(2)
          .replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
      );
    const installs = () => e2e.graph.stats().requestsByRoute['POST /users/{id}/teamwork/installedApps'] ?? 0;
    /** How the person's latest nudge went, and the reason code its delivery recorded. */
    const statusOf = async (userId: string) => {
      const latest = await e2e.stores.nudges.latestTo(userId);
      return latest && { status: latest.nudge.status, detail: latest.detail ?? null };
    };
    const chatWith = (userId: string) => e2e.personal({ aadObjectId: userId });

    it('installs the app for someone without a chat, opens one, sends, and keeps it for next time', async () => {
      const someone = person(1);
      const before = installs();
      await e2e.say(admin, `nudge ${someone.userPrincipalName}`);

      expect(adminSaid()).toContain(`Sent ${someone.displayName} a reminder`);
      expect(installs()).toBe(before + 1);
      expect(e2e.graph.state.installationsOf(someone.id)).toHaveLength(1);
      expect(e2e.connector.stats().conversationsCreated).toBe(1);
      expect(text(e2e.connector.cards(chatWith(someone.id))[0])).toContain('please protect your work account');

      await e2e.say(admin, `nudge ${someone.userPrincipalName} force`);
      expect(installs()).toBe(before + 1);
      expect(e2e.connector.cards(chatWith(someone.id))).toHaveLength(2);
    });

    it('takes Graph\'s 409 as "already installed" and goes on', async () => {
      const someone = person(2);
      e2e.graph.state.installApp(someone.id);
      await e2e.say(admin, `nudge ${someone.userPrincipalName}`);

      expect(adminSaid()).toContain('Sent');
      expect(await statusOf(someone.id)).toEqual({ status: 'sent', detail: null });
    });

    it('reports "not installable" when Graph refuses the install (403) or Teams says the bot is not installed', async () => {
      const refused = person(3);
      e2e.graph.injectFaults({ count: 1, status: 403, path: /teamwork\/installedApps/, method: 'POST' });
      await e2e.say(admin, `nudge ${refused.userPrincipalName}`);
      expect(adminSaid()).toContain('could not install it');
      expect(await statusOf(refused.id)).toEqual(expect.objectContaining({ status: 'notInstallable' }));
      expect(e2e.connector.stats().conversationsCreated).toBe(0);

      // Installed just now, yet Teams keeps refusing the chat: the admin's turn waits a few seconds, then says to try
      // again (the install may still be on its way); the next try finds it installed, and a refusal then is final.
      const notThere = person(4);
      e2e.connector.markNotInstalled(notThere.id);
      await e2e.say(admin, `nudge ${notThere.userPrincipalName}`);
      expect(adminSaid()).toMatch(/could not be sent \(Teams did not open the chat within 8 s of installing the app/);
      expect(await statusOf(notThere.id)).toEqual(expect.objectContaining({ status: 'failed' }));
      e2e.connector.clear();
      await e2e.say(admin, `nudge ${notThere.userPrincipalName} force`);
      expect(adminSaid()).toContain(
        `MFA Coach is not installed for ${notThere.displayName}, and I could not install it: ForbiddenOperationException`,
      );
    });

    it('reports "blocked" on the Connector\'s 403 and frees the cap: nothing reached them', async () => {
      const someone = person(5);
      e2e.connector.blockUser(someone.id);
      await e2e.say(admin, `nudge ${someone.userPrincipalName}`);

      expect(adminSaid()).toContain('has blocked or removed MFA Coach');
      expect(await statusOf(someone.id)).toEqual({ status: 'blocked', detail: 'ConversationBlockedByUser' });
      e2e.connector.unblockUser(someone.id);
      await e2e.say(admin, `nudge ${someone.userPrincipalName}`);
      expect(adminSaid()).toContain('Sent');
    });

    it('reports "throttled" when the Connector keeps answering 429, and queues a retry', async () => {
      const someone = person(6);
      await e2e.say(admin, `nudge ${someone.userPrincipalName}`); // opens the chat
      await endSeriesOf(someone.id);
      clock = new Date(clock.getTime() + 60_000);
      // botbuilder retries a 429 itself, waiting as asked, a few times; then the refusal reaches us.
      e2e.connector.injectFaults({ count: 10, status: 429, retryAfterSeconds: 1, path: inChat(someone.id) });
      await e2e.say(admin, `nudge ${someone.userPrincipalName} force`);

      expect(adminSaid()).toContain('Microsoft asked me to slow down');
      expect(await statusOf(someone.id)).toEqual(expect.objectContaining({ status: 'throttled' }));
      expect(nudgesQueuedFor(someone.userPrincipalName)).toHaveLength(1);
    });

    it('reports "throttled" when Graph throttles the install for longer than a turn can wait (429), and queues a retry', async () => {
      const someone = person(8);
      e2e.graph.injectFaults({ count: 5, status: 429, retryAfterSeconds: 120, path: /teamwork\/installedApps/, method: 'POST' });
      try {
        await e2e.say(admin, `nudge ${someone.userPrincipalName}`);
      } finally {
        e2e.graph.reset();
      }
      expect(adminSaid()).toContain('Microsoft asked me to slow down');
      expect(await statusOf(someone.id)).toEqual(expect.objectContaining({ status: 'throttled' }));
      expect(e2e.connector.stats().conversationsCreated).toBe(0);
      expect(nudgesQueuedFor(someone.userPrincipalName)).toHaveLength(1);
    });

    it('reports "failed" on a Connector error it cannot retry, and it does not count towards the cap', async () => {
      const someone = person(7);
      // A 400 is not retried by botbuilder: one refusal is the outcome.
      e2e.connector.injectFaults({ count: 1, status: 400, path: inChat(someone.id) });
      await e2e.say(admin, `nudge ${someone.userPrincipalName}`);
      expect(await statusOf(someone.id)).toEqual(expect.objectContaining({ status: 'failed' }));
      clock = new Date(clock.getTime() + 60_000);
      await e2e.say(admin, `nudge ${someone.userPrincipalName}`);
      expect(await statusOf(someone.id)).toEqual(expect.objectContaining({ status: 'sent' }));
    });
  });

  /** A nudge to the employee, past any cap or snooze from an earlier test. */
  async function sendFresh(): Promise<Card> {
    await endSeriesOf(employee.aadObjectId);
    await e2e.say(admin, `nudge ${employeePerson.userPrincipalName} force`);
    expect(adminSaid()).toContain('Sent');
    return lastNudge(employee);
  }
});

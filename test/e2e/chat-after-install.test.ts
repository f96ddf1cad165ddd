import { demoPersonas, generateDemoTenant } from '../../emulators/demo-tenant';
import { DEFAULT_SENDING_HOURS } from '../../src/domain/nudges/quiet-hours';
import { databaseChoices } from '../support/app-harness';
import { adminsGroupOf, teamsUser, useEndToEnd, wordsOf as text } from '../support/end-to-end';

jest.setTimeout(60_000);

const tenant = generateDemoTenant({ users: 40 });
const { admin: adminPerson } = demoPersonas(tenant);
const admin = teamsUser(adminPerson);
const others = tenant.users.filter(
  (u) => u.accountEnabled && u.userType === 'Member' && u.id !== adminPerson.id && u.timeZone === 'Pacific Standard Time',
);
// Tuesday 8 December 2026, 10:00 in Seattle (UTC−8): inside the default sending hours.
const TUESDAY_10_PST = new Date('2026-12-08T18:00:00Z');

/**
 * On real Teams the Bot Connector can refuse to open the chat of someone the bot was installed for a moment ago
 * (403 "not installed in the user's personal scope", or a 404) until the install has reached it. The bot waits
 * for it, in waits that double; the test records them instead of sleeping.
 */
describe.each(databaseChoices())('a chat opened right after installing the app (%s)', (database) => {
  const waits: number[] = [];
  const e2e = useEndToEnd(
    {
      tenant,
      database,
      app: {
        adminGroupIds: [adminsGroupOf(tenant).id],
        configure: (c) => ({
          ...c,
          nudges: {
            ...c.nudges,
            teamsAppCatalogId: tenant.teamsAppId,
            policy: { ...c.nudges.policy, sendingHours: DEFAULT_SENDING_HOURS },
          },
        }),
        overrides: {
          now: () => TUESDAY_10_PST,
          chatAfterInstall: { sleep: async (ms) => void waits.push(ms), random: () => 0 },
        },
      },
    },
    { installFor: [admin] },
  );
  beforeEach(() => {
    waits.length = 0;
  });

  /** Someone in Seattle with no method and no chat with the bot yet. */
  const freshPerson = (i: number) => {
    const someone = others[i]!;
    e2e.graph.state.setMethods(someone.id, []);
    expect(e2e.graph.state.installationsOf(someone.id)).toHaveLength(0);
    return someone;
  };
  const chatsAsked = () => e2e.connector.received().filter((r) => r.operation === 'createConversation');
  const cardsTo = (userId: string) => e2e.connector.cards(e2e.personal({ aadObjectId: userId }));

  it('nudges someone freshly installed for though Teams refused their chat twice with 403', async () => {
    const someone = freshPerson(0);
    e2e.connector.injectFaults({
      count: 2,
      status: 403,
      method: 'POST',
      path: /^\/v3\/conversations\/?$/,
      code: 'ForbiddenOperationException',
      message: "Bot is not installed in user's personal scope",
    });
    await e2e.say(admin, `nudge ${someone.userPrincipalName}`);

    expect(e2e.saidTo(admin)).toContain(`Sent ${someone.displayName} a reminder`);
    expect(e2e.graph.state.installationsOf(someone.id)).toHaveLength(1);
    expect(chatsAsked().map((r) => r.status)).toEqual([403, 403, 201]);
    expect(waits).toEqual([2000, 4000]);
    expect(text(cardsTo(someone.id))).toContain('please protect your work account');
    expect((await e2e.stores.nudges.latestTo(someone.id))?.nudge.status).toBe('sent');
  });

  it("waits out the Connector's 404 the same way", async () => {
    const someone = freshPerson(1);
    e2e.connector.injectFaults({ count: 1, status: 404, method: 'POST', path: /^\/v3\/conversations\/?$/ });
    await e2e.say(admin, `nudge ${someone.userPrincipalName}`);

    expect(chatsAsked().map((r) => r.status)).toEqual([404, 201]);
    expect(waits).toEqual([2000]);
    expect(cardsTo(someone.id)).toHaveLength(1);
  });
});

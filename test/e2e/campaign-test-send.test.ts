import { demoPersonas, generateDemoTenant } from '../../emulators/demo-tenant';
import { VERBS } from '../../src/adapters/bot/cards/verbs';
import { databaseChoices } from '../support/app-harness';
import { adminsGroupOf, teamsUser, useEndToEnd, wordsOf as text, type Card } from '../support/end-to-end';

jest.setTimeout(60_000);

const tenant = generateDemoTenant({ users: 120 });
const { admin: adminPerson, employee: employeePerson } = demoPersonas(tenant);
// The admin is a campaign manager here; the employee is neither.
const manager = teamsUser(adminPerson);
const employee = teamsUser(employeePerson);
const NOW = new Date('2026-12-08T18:00:00Z');

/** The form as a manager fills it in: everyone with no MFA in the employee's department, a deadline, a passkey. */
const FORM = {
  name: 'Sales before the holidays',
  gaps: 'none',
  target: 'passkey',
  scope: 'departments',
  departments: employeePerson.department!,
  scheduleKind: 'now',
  timeZone: 'America/Los_Angeles',
  window: 'always',
  deadline: '2026-12-23',
  maxNudges: '3',
  escalateAfter: '0',
};

describe.each(databaseChoices())('"Send me a test" on the campaign form end to end (%s)', (database) => {
  const e2e = useEndToEnd(
    {
      tenant,
      database,
      graph: { throttle: { reports: null } },
      app: {
        adminGroupIds: [adminsGroupOf(tenant).id],
        configure: (c) => ({ ...c, nudges: { ...c.nudges, campaignManagerGroupIds: [adminsGroupOf(tenant).id] } }),
        overrides: { now: () => NOW },
      },
    },
    { installFor: [manager, employee] },
  );
  const sentAnywhere = () => e2e.connector.activities().filter((a) => a.activity.type === 'message');

  beforeAll(async () => {
    await e2e.say(manager, 'scan');
    await e2e.connector.waitFor((r) => /scan finished/i.test(text(r.body)), 30_000);
  });

  it('sends the campaign card to its author alone, marked as a test, and creates and records nothing', async () => {
    const form = await e2e.press<Card>(manager, VERBS.campaignTest, FORM);
    expect(text(form)).toContain('Sent: the test card is in our private chat');
    // The form comes back as it was filled in.
    expect(text(form)).toContain('Sales before the holidays');

    const messages = sentAnywhere();
    expect(messages).toHaveLength(1);
    expect(messages[0]!.conversationId).toBe(e2e.personal(manager));
    const card = text(e2e.cardsTo(manager).at(-1));
    expect(card).toContain('Test of the campaign');
    expect(card).toContain(`${adminPerson.givenName}, please protect your work account`);
    expect(card).toContain('passkey');
    expect(card).toContain('Please do it by');

    expect(await e2e.harness.app.campaigns.store.list(10)).toEqual([]);
    expect(await e2e.stores.nudges.openSeries(adminPerson.id)).toBeUndefined();
    expect((await e2e.auditTrail()).at(-1)).toMatchObject({ action: 'campaign test', outcome: 'allowed', actorId: manager.aadObjectId });
  });

  it('answers a form with problems with the problems, and sends nothing', async () => {
    const form = await e2e.press<Card>(manager, VERBS.campaignTest, { ...FORM, name: '', timeZone: 'Mars/Olympus' });
    expect(text(form)).toContain('Give the campaign a name.');
    expect(sentAnywhere()).toHaveLength(0);
  });

  it('refuses someone who is not a campaign manager, whatever the data says, and sends nothing', async () => {
    const { body } = await e2e.harness.post(
      e2e.teams.anAdaptiveCardInvoke({ verb: VERBS.campaignTest, data: { ...FORM, isManager: true }, user: employee }),
    );
    expect(body).not.toContain('Sent: the test card');
    expect(text(JSON.parse(body).value)).toMatch(/admin/i);
    expect(sentAnywhere()).toHaveLength(0);
  });

  it('says where to see the owners card for a campaign to the owners of password senders, and sends nothing', async () => {
    const form = await e2e.press<Card>(manager, VERBS.campaignTest, { ...FORM, gaps: 'smtpPassword', deadline: '' });
    expect(text(form)).toContain('The owners get the card that **smtp nudge** sends');
    expect(sentAnywhere()).toHaveLength(0);
  });
});

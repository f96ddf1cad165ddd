import { demoPersonas, generateDemoTenant } from '../../emulators/demo-tenant';
import { VERBS } from '../../src/adapters/bot/cards/verbs';
import { DEFAULT_SENDING_HOURS } from '../../src/domain/nudges/quiet-hours';
import { databaseChoices } from '../support/app-harness';
import { adminsGroupOf, cardParts, teamsUser, useEndToEnd, wordsOf as text, type Card } from '../support/end-to-end';

jest.setTimeout(60_000);

const tenant = generateDemoTenant({ users: 150 });
const { admin: adminPerson, employee: employeePerson } = demoPersonas(tenant);
const admin = teamsUser(adminPerson);
// The demo's employee: no MFA method, in a department of their own size.
const employee = teamsUser(employeePerson);
const department = employeePerson.department!;
const fromList = { list: 'unenrolled', department, offset: 0 };

// Tuesday 8 December 2026, 10:00 in Seattle (UTC−8): inside the default sending hours of the employee.
const TUESDAY_10_PST = new Date('2026-12-08T18:00:00Z');

type Node = { type?: string; title?: string; verb?: string; data?: Record<string, unknown>; selectAction?: Node; [key: string]: unknown };

/** Every object in a card (depth first): rows, cells, their select actions and buttons. */
const nodesOf = (card: unknown): Node[] => cardParts(card) as Node[];

const buttons = (card: unknown) => nodesOf(card).filter((node) => node.type === 'Action.Execute');
const button = (card: unknown, title: string) => buttons(card).find((node) => node.title === title);
const titles = (card: unknown) => ((card as { actions?: Node[] }).actions ?? []).map((node) => node.title);

describe.each(databaseChoices())('acting from the admin lists end to end (%s)', (database) => {
  const e2e = useEndToEnd(
    {
      tenant,
      database,
      graph: { reportLagSeconds: 3600, throttle: { reports: null } },
      app: {
        adminGroupIds: [adminsGroupOf(tenant).id],
        configure: (c) => ({
          ...c,
          nudges: {
            ...c.nudges,
            campaignManagerGroupIds: [adminsGroupOf(tenant).id],
            policy: { ...c.nudges.policy, sendingHours: DEFAULT_SENDING_HOURS },
          },
        }),
        overrides: {
          now: () => TUESDAY_10_PST,
          reportsBudget: { limit: 1000, windowMs: 1000 },
          liveCheckLimits: [{ max: 1000, windowMs: 1000 }],
        },
      },
    },
    { installFor: [admin, employee] },
  );
  const nudgesTo = (userId: string) => e2e.stores.nudges.openSeries(userId);

  beforeAll(async () => {
    await e2e.say(admin, 'scan');
    await e2e.connector.waitFor((r) => /scan finished/i.test(text(r.body)), 30_000);
  });

  it('drills from the department table into a department, and from there into its people', async () => {
    await e2e.say(admin, 'posture by department');
    const table = e2e.cardsTo(admin).at(-1)!;
    const link = nodesOf(table).find((node) => node.type === 'TableCell' && node.selectAction?.data?.department === department);
    expect(link?.selectAction).toEqual({
      type: 'Action.Execute',
      title: 'Show department',
      verb: VERBS.postureSummary,
      data: { department },
    });

    const summary = await e2e.press<Card>(admin, link!.selectAction!.verb!, link!.selectAction!.data);
    expect(text(summary)).toContain(department);
    expect(titles(summary)).toEqual(expect.arrayContaining(['Who has no MFA', 'All departments']));

    const list = await e2e.press<Card>(admin, VERBS.postureUsersPage, button(summary, 'Who has no MFA')!.data);
    expect(text(list)).toContain(`People with no MFA · ${department}`);
    const row = nodesOf(list).find((node) => node.type === 'ColumnSet' && node.selectAction?.data?.userId === employeePerson.id);
    expect(row?.selectAction?.data).toEqual({ userId: employeePerson.id, from: fromList });
  });

  it('reminds a person from their card, audits it about them, and goes back to the list', async () => {
    const card = await e2e.press<Card>(admin, VERBS.postureUserCheck, { userId: employeePerson.id, from: fromList });
    expect(text(card)).toContain(employeePerson.displayName);
    expect(titles(card)).toEqual(['Send a reminder', 'Check again', '◀ Back to the list']);

    const reminded = await e2e.press<Card>(admin, VERBS.postureUserNudge, button(card, 'Send a reminder')!.data);
    expect(text(reminded)).toContain(`Sent ${employeePerson.displayName} a reminder (no MFA today)`);
    expect(titles(reminded)).toContain('◀ Back to the list');
    expect(e2e.cardsTo(employee)).toHaveLength(1);
    expect(text(e2e.cardsTo(employee)[0])).toContain('Set up');
    expect((await e2e.auditTrail()).at(-1)).toMatchObject({
      actorId: admin.aadObjectId,
      action: 'nudge <user>',
      subject: employeePerson.userPrincipalName,
      outcome: 'allowed',
      where: 'personal',
    });

    // The cap holds as it does for `nudge`: a second press says when the next may go, and sends nothing.
    const again = await e2e.press<Card>(admin, VERBS.postureUserNudge, { userId: employeePerson.id, from: fromList });
    expect(text(again)).toContain('had a reminder recently');
    expect(e2e.cardsTo(employee)).toHaveLength(1);

    const back = await e2e.press<Card>(admin, VERBS.postureUsersPage, button(again, '◀ Back to the list')!.data);
    expect(text(back)).toContain(`People with no MFA · ${department}`);
  });

  it('refuses a reminder pressed by a non-admin or outside personal chat, and sends nothing', async () => {
    const someone = tenant.users.find(
      (u) => u.accountEnabled && u.userType === 'Member' && u.id !== employeePerson.id && u.id !== adminPerson.id,
    )!;
    const before = await nudgesTo(someone.id);

    const forged = await e2e.harness.post(
      e2e.teams.anAdaptiveCardInvoke({ verb: VERBS.postureUserNudge, data: { userId: someone.id, isAdmin: true }, user: employee }),
    );
    expect(forged.status).toBe(200);
    expect(forged.body).not.toContain('Sent ');
    expect(text(JSON.parse(forged.body).value)).toMatch(/admin/i);

    const inChannel = await e2e.harness.post(
      e2e.teams.anAdaptiveCardInvoke({
        verb: VERBS.postureUserNudge,
        data: { userId: someone.id },
        user: admin,
        conversationType: 'channel',
      }),
    );
    expect(text(JSON.parse(inChannel.body).value)).toContain('only show it in our private chat');

    const stale = await e2e.press<Card>(admin, VERBS.postureUserNudge, { userId: 42 });
    expect(text(stale)).toContain('out of date');
    expect(await nudgesTo(someone.id)).toEqual(before);
    expect(e2e.connector.activities(e2e.personal(teamsUser(someone)))).toHaveLength(0);
  });

  it('starts a campaign form for exactly the people of a list, counted against the scan, for campaign managers only', async () => {
    await e2e.say(admin, `unenrolled ${department}`);
    const list = e2e.cardsTo(admin).at(-1)!;
    const forThese = button(list, 'Campaign for these people')!;
    expect(forThese.data).toEqual({ audience: { list: 'unenrolled', department } });

    const form = await e2e.press<Card>(admin, forThese.verb!, forThese.data);
    const inputs = Object.fromEntries(
      nodesOf(form)
        .filter((node) => typeof node.id === 'string')
        .map((node) => [node.id, node.value]),
    );
    expect(inputs).toMatchObject({ name: `No MFA in ${department}`, gaps: 'none', scope: 'departments', departments: department });
    const { total } = await e2e.stores.posture.listUsers({ strengths: ['none'], department, offset: 0, limit: 1 });
    expect(text(form)).toContain(`It would reach ${total} ${total === 1 ? 'person' : 'people'} now`);

    const refused = await e2e.harness.post(e2e.teams.anAdaptiveCardInvoke({ verb: forThese.verb!, data: forThese.data, user: employee }));
    expect(text(JSON.parse(refused.body).value)).not.toContain('It would reach');
  });

  it('offers each person an ambiguous user query could mean as a button to their card', async () => {
    await e2e.say(admin, 'user a');
    const matches = e2e.cardsTo(admin).at(-1)!;
    expect(text(matches)).toContain('Several people match');
    const shows = buttons(matches).filter((node) => node.title?.startsWith('Show '));
    expect(shows.length).toBeGreaterThan(1);
    const person = await e2e.stores.posture.findUser(String(shows[0]!.data!.userId));
    const card = await e2e.press<Card>(admin, shows[0]!.verb!, shows[0]!.data);
    expect(text(card)).toContain(person!.displayName);
    expect(titles(card)).toContain('Check again');
  });
});

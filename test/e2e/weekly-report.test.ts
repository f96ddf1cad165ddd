import { channelThreadId } from '../../emulators/connector';
import { demoPersonas, generateDemoTenant } from '../../emulators/demo-tenant';
import { databaseChoices } from '../support/app-harness';
import { adminsGroupOf, teamsUser, useEndToEnd, wordsOf as text } from '../support/end-to-end';

jest.setTimeout(60_000);

const tenant = generateDemoTenant({ users: 120 });
const { admin: adminPerson, employee: employeePerson } = demoPersonas(tenant);
const admin = teamsUser(adminPerson);
const employee = teamsUser(employeePerson);
// The team's General channel, where the activity factory's channel messages are typed.
const channel = channelThreadId(`team|${tenant.tenantId}`);

// Set up on Thursday 3 December 2026; the report is due each Monday at 09:00 in London (09:00 UTC in winter).
const THURSDAY = new Date('2026-12-03T15:00:00Z');
const MONDAY_0905 = new Date('2026-12-07T09:05:00Z');

describe.each(databaseChoices())('the weekly posture report end to end (%s)', (database) => {
  let clock = THURSDAY;
  const e2e = useEndToEnd(
    {
      tenant,
      database,
      graph: { throttle: { reports: null } },
      app: { adminGroupIds: [adminsGroupOf(tenant).id], overrides: { now: () => clock, reportsBudget: { limit: 1000, windowMs: 1000 } } },
    },
    { installFor: [admin, employee] },
  );
  const postsInChannel = () => e2e.connector.activities(channel).filter((a) => text(a.activity).includes('Weekly MFA report'));
  /** The bot's answer in the channel: in the thread of the command it answers (Teams' reply to a channel post). */
  const answerInChannel = () =>
    text(
      e2e.connector
        .activities()
        .filter((a) => a.conversationId.startsWith(channel))
        .at(-1)?.activity ?? null,
    );

  beforeAll(async () => {
    await e2e.harness.post(e2e.teams.anInstallationUpdate({ action: 'add', scope: 'team', user: admin }));
    await e2e.say(admin, 'scan');
    await e2e.connector.waitFor((r) => /scan finished/i.test(text(r.body)), 30_000);
  });

  it('refuses a non-admin, and sets up nothing', async () => {
    await e2e.say(employee, 'report weekly', 'channel');
    expect(answerInChannel()).not.toContain('Done');
    clock = MONDAY_0905;
    expect((await e2e.harness.app.reports.postDue()).posted).toEqual([]);
    clock = THURSDAY;
  });

  it('posts the posture summary into the channel it was asked in, once a week, until it is stopped', async () => {
    await e2e.say(admin, 'report weekly on Monday at 09:00 Europe/London', 'channel');
    expect(answerInChannel()).toContain("in this channel, I'll post the MFA posture summary every Monday at 09:00 (Europe/London)");
    expect(answerInChannel()).toContain('7 Dec 2026 09:00 UTC');
    expect((await e2e.auditTrail()).at(-1)).toMatchObject({ action: 'report weekly', where: 'channel', outcome: 'allowed' });

    // Not before its time.
    clock = new Date('2026-12-07T08:55:00Z');
    await e2e.harness.app.reports.postDue();
    expect(postsInChannel()).toHaveLength(0);

    clock = MONDAY_0905;
    expect((await e2e.harness.app.reports.postDue()).posted).toEqual([channel]);
    await e2e.harness.app.reports.postDue();
    const [post] = postsInChannel();
    expect(postsInChannel()).toHaveLength(1);
    expect(text(post!.activity)).toContain('MFA posture');
    expect(text(post!.activity)).toContain('Say **report off** here to stop it');
    // A new post in the channel, not a reply in the thread the command was typed in (its id names the thread).
    expect(post!.conversationId).toBe(channel);

    await e2e.say(admin, 'report', 'channel');
    expect(answerInChannel()).toContain('the next on 14 Dec 2026 09:00 UTC');
    await e2e.say(admin, 'report off', 'channel');
    expect(answerInChannel()).toContain('Stopped: no more weekly MFA reports in this channel.');
    clock = new Date('2026-12-14T09:05:00Z');
    expect((await e2e.harness.app.reports.postDue()).posted).toEqual([]);
    clock = THURSDAY;
  });

  it('tries again a week Teams refused (429), never one Teams may have taken (503 after accepting), and stops where the bot was removed (403)', async () => {
    await e2e.say(admin, 'report weekly on Monday at 09:00 Europe/London', 'channel');
    const week = (day: number) => new Date(Date.UTC(2026, 11, day, 9, 5));
    // Posts into the channel itself (its id, percent-encoded as sent), not into a thread of it.
    const reportPosts = {
      method: 'POST',
      path: new RegExp(`^/v3/conversations/${encodeURIComponent(channel).replace(/\./g, '\\.')}/activities`),
    };

    // A wait longer than a call may take: the post is handed back, and the week given back for the next tick.
    e2e.connector.injectFaults({ ...reportPosts, count: 1, status: 429, retryAfterSeconds: 60 });
    clock = week(7);
    expect((await e2e.harness.app.reports.postDue()).retry).toEqual([channel]);
    clock = new Date('2026-12-07T09:10:00Z');
    expect((await e2e.harness.app.reports.postDue()).posted).toEqual([channel]);
    expect(postsInChannel()).toHaveLength(1);

    e2e.connector.injectFaults({ ...reportPosts, count: 1, status: 503, afterAccepting: true });
    clock = week(14);
    expect((await e2e.harness.app.reports.postDue()).uncertain).toEqual([channel]);
    clock = new Date('2026-12-14T09:10:00Z');
    expect((await e2e.harness.app.reports.postDue()).posted).toEqual([]);
    // Teams took it before failing: it is there once, and was not sent again.
    expect(postsInChannel()).toHaveLength(2);

    e2e.connector.injectFaults({ ...reportPosts, count: 1, status: 403 });
    clock = week(21);
    expect((await e2e.harness.app.reports.postDue()).gone).toEqual([channel]);
    await e2e.say(admin, 'report', 'channel');
    expect(answerInChannel()).toContain('No weekly MFA report is posted in this channel');
    clock = THURSDAY;
  });
});

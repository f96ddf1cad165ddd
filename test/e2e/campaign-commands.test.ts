import type { TeamsUser } from '../../emulators/connector';
import { CAMPAIGN_MANAGERS_GROUP, demoPersonas, generateDemoTenant } from '../../emulators/demo-tenant';
import { databaseChoices } from '../support/app-harness';
import { scanAs, useCampaignEndToEnd } from '../support/campaign-end-to-end';
import { adminsGroupOf, cardOf, nudgeIdOf, teamsUser as asTeams, wordsOf as text } from '../support/end-to-end';
import { eventually } from '../support/eventually';
import { campaignPlan } from '../fakes/campaign-plan';

jest.setTimeout(120_000);

const tenant = generateDemoTenant({ users: 80 });
const { admin: adminPerson, employee: employeePerson } = demoPersonas(tenant);
const adminGroup = adminsGroupOf(tenant);
const managerGroup = tenant.groups.find((g) => g.displayName === CAMPAIGN_MANAGERS_GROUP)!;
const members = tenant.users.filter((u) => u.accountEnabled && u.userType === 'Member');
// A direct member of the campaign managers group who is not an admin.
const managerPerson = members.find((u) => managerGroup.memberIds.includes(u.id) && !adminGroup.memberIds.includes(u.id))!;
const manager = asTeams(managerPerson);
// An admin by the allow list only: may look at campaigns, not change them.
const viewerPerson = members.find(
  (u) =>
    u.id !== managerPerson.id &&
    u.id !== employeePerson.id &&
    !managerGroup.memberIds.includes(u.id) &&
    !adminGroup.memberIds.includes(u.id),
)!;
const viewer = asTeams(viewerPerson);
const employee = asTeams(employeePerson);

describe.each(databaseChoices())('campaign commands end to end (%s)', (database) => {
  const e2e = useCampaignEndToEnd(
    {
      tenant,
      database,
      sendRate: 20,
      configure: (c) => ({
        ...c,
        posture: { ...c.posture, adminAllowList: [viewerPerson.id] },
        server: { ...c.server, publicUrl: 'http://127.0.0.1' },
        nudges: { ...c.nudges, campaignManagerGroupIds: [managerGroup.id] },
      }),
    },
    { installFor: [manager, viewer, employee], clearBetweenTests: false },
  );
  /** The person writes to the bot; answers what the bot posted in their chat in return. */
  const say = async (user: TeamsUser, words: string) => {
    e2e.connector.clear();
    await e2e.say(user, words);
    return e2e.connector.activities(e2e.personal(user)).map((a) => a.activity);
  };
  const lastCard = (user: TeamsUser) => e2e.cardsTo(user).at(-1)!;
  const finished = (campaignId: string) =>
    eventually(
      'the run finished',
      async () => {
        const runs = await e2e.harness.app.campaigns.store.runs(campaignId);
        return runs.length > 0 && runs.every((run) => run.status !== 'delivering') && runs;
      },
      { timeoutMs: 60_000, intervalMs: 100 },
    );
  const form = (over: Record<string, unknown> = {}) => ({
    name: 'Everyone without MFA',
    gaps: 'none',
    scope: 'all',
    scheduleKind: 'now',
    timeZone: 'Asia/Tokyo',
    window: 'always',
    maxNudges: '2',
    ...over,
  });

  beforeAll(async () => {
    // Ten people with no method at all (the employee among them), everyone else on Authenticator.
    const unenrolled = [
      employeePerson,
      ...members
        .filter((u) => u.id !== employeePerson.id && u.id !== managerPerson.id && u.id !== viewerPerson.id && u.id !== adminPerson.id)
        .slice(0, 9),
    ];
    for (const user of members) {
      if (unenrolled.includes(user)) e2e.graph.state.setMethods(user.id, []);
      else e2e.graph.state.enrolAuthenticator(user.id);
    }
    e2e.graph.state.refreshReport();
    await scanAs(e2e, asTeams(adminPerson));
  });

  it('refuses campaigns to people who are neither campaign managers nor admins, and audits it', async () => {
    await say(employee, 'campaigns');
    expect(text(lastCard(employee))).toContain('your IT security team');
    // A forged button press fares no better, whatever its data claims.
    const card = await e2e.press(employee, 'campaign.create', form({ owner: manager.aadObjectId }));
    expect(text(card)).toContain('your IT security team');
    // Nor does a forged preview, which would tell them who lacks MFA.
    const preview = await e2e.press(employee, 'campaign.preview', form());
    expect(text(preview)).toContain('your IT security team');
    expect(text(preview)).not.toContain('It would reach');
    expect(await e2e.harness.app.campaigns.store.list(10)).toEqual([]);
    expect((await e2e.auditTrail()).filter((e) => e.actorId === employee.aadObjectId).map((e) => e.outcome)).toEqual([
      'refused',
      'refused',
      'refused',
    ]);
  });

  it('answers a malformed campaign command with its usage', async () => {
    await say(manager, 'campaign frobnicate 3');
    const usage = text(lastCard(manager));
    expect(usage).toContain('is neither a campaign number nor something I can do with one');
    expect(usage).toContain('campaign new');
  });

  it('lets a campaign manager create a campaign from the form: problems come back on the form, a good one starts now and delivers', async () => {
    await say(manager, 'campaign new');
    const blank = lastCard(manager);
    expect(blank.actions?.[0]).toMatchObject({ type: 'Action.Execute', verb: 'campaign.create' });
    // The time zone defaults to the one the manager's Teams reports.
    const clientZone = (e2e.teams.aMessage({ text: 'x', user: manager }) as unknown as { localTimezone: string }).localTimezone;
    expect(blank.body).toContainEqual(expect.objectContaining({ id: 'timeZone', value: clientZone }));

    const refused = await e2e.press(manager, 'campaign.create', form({ name: ' ', window: '25-26', escalateAfter: 'soon' }));
    expect(text(refused)).toContain('Give the campaign a name.');
    expect(text(refused)).toContain('Escalate after');
    // What was typed is kept.
    expect(text(refused)).toContain('Asia/Tokyo');
    expect(await e2e.harness.app.campaigns.store.list(10)).toEqual([]);

    // A misspelt department would reach nobody: refused, naming the departments the scan knows.
    const department = employeePerson.department!;
    const misspelt = await e2e.press(manager, 'campaign.create', form({ scope: 'departments', departments: `${department}x` }));
    expect(text(misspelt)).toContain(`No department called \\"${department}x\\" in the latest scan. Its departments: `);
    expect(text(misspelt)).toContain(department);
    expect(await e2e.harness.app.campaigns.store.list(10)).toEqual([]);

    // An Entra group may be given by its name (any case): Graph finds it, and its members are counted (the campaign
    // managers all have MFA, so it would reach nobody); a name no group has is refused as such.
    const byName = await e2e.press(manager, 'campaign.preview', form({ scope: 'group', groupId: CAMPAIGN_MANAGERS_GROUP.toLowerCase() }));
    expect(text(byName)).not.toContain('No Entra group is named');
    expect(text(byName)).toContain('It would reach nobody now.');
    const unknownGroup = await e2e.press(manager, 'campaign.create', form({ scope: 'group', groupId: "O'Brien's team" }));
    expect(text(unknownGroup)).toContain(`No Entra group is named \\"O'Brien's team\\"`);
    expect(await e2e.harness.app.campaigns.store.list(10)).toEqual([]);

    // The Preview button counts whom it would reach now, and creates nothing.
    const preview = await e2e.press(manager, 'campaign.preview', form());
    expect(text(preview)).toContain('It would reach 10 people now: ');
    expect(text(preview)).toContain('Everyone without MFA');
    expect(await e2e.harness.app.campaigns.store.list(10)).toEqual([]);

    const created = await e2e.press(manager, 'campaign.create', form());
    expect(text(created)).toContain('Created. It starts now');
    expect(text(created)).toContain('It reaches 10 people now.');
    expect(text(created)).toMatch(/Campaign \d+ · Everyone without MFA/);
    const [campaign] = await e2e.harness.app.campaigns.store.list(1);
    expect(campaign).toMatchObject({ ownerId: manager.aadObjectId, status: 'active', audience: { gaps: 'none' } });

    const [run] = await finished(campaign!.id);
    expect(run!.targeted).toBe(10);
    // Its one run done, the campaign is finished, and its owner hears so in their 1:1 chat.
    await e2e.connector.waitFor((r) => /has finished: 10 of 10 delivered/.test(text(r.body)), 10_000);
    expect((await e2e.harness.app.campaigns.store.get(campaign!.id))!.status).toBe('finished');
    expect(e2e.cardsTo(employee).some((c) => text(c).includes('please protect your work account'))).toBe(true);
    expect((await e2e.auditTrail()).filter((e) => e.actorId === manager.aadObjectId).map((e) => e.action)).toContain(
      `campaign new ${campaign!.number}`,
    );
  });

  it('shows the funnel: delivered, opened, and enrolled after "I\'ve done it", with a chart; the list shows it too', async () => {
    const [campaign] = await e2e.harness.app.campaigns.store.list(1);
    expect(campaign!.name).toBe('Everyone without MFA');
    const sent = e2e.connector
      .activities(e2e.personal(employee))
      .find((a) => text(a.activity).includes('please protect your work account'))!;
    e2e.graph.state.enrolAuthenticator(employee.aadObjectId);
    // Teams names the card's message in replyToId: the answer replaces that card.
    const done = await e2e.press(employee, 'nudge.done', { nudgeId: nudgeIdOf(cardOf(sent.activity)) }, sent.activityId);
    expect(text(done)).toMatch(/set up|all set|protected/i);

    await say(manager, `campaign ${campaign!.number}`);
    const status = lastCard(manager);
    const facts = Object.fromEntries(
      (
        status.body!.filter((b) => (b as { type: string }).type === 'FactSet')[1] as { facts: { title: string; value: string }[] }
      ).facts.map((f) => [f.title, f.value]),
    );
    expect(facts).toMatchObject({ Targeted: '10', Delivered: '10', Failed: '0', Opened: '1', 'Enrolled after the nudge': '1' });
    expect(facts['Median time to enrol']).not.toBe('–');
    expect(text(status)).toContain('Chart.HorizontalBar');
    // Finished: nothing left to pause or cancel.
    expect(status.actions!.map((a) => a.title)).toEqual(['Refresh']);

    await say(viewer, 'campaigns');
    const list = text(lastCard(viewer));
    expect(list).toContain(`Campaign ${campaign!.number} · Everyone without MFA`);
    expect(list).toContain('10 targeted · 10 delivered · 1 enrolled');
    // Admins look; only managers get the button to create.
    expect(list).not.toContain('New campaign');
  });

  it('lets an admin look but not change, and a manager pause, resume and cancel, each once', async () => {
    const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    const recurring = await e2e.press(
      manager,
      'campaign.create',
      form({
        name: 'Weekly',
        scheduleKind: 'recurring',
        date: day(1),
        endDate: day(14),
        weekdays: '1,3,5',
        time: '09:00',
        timeZone: 'UTC',
      }),
    );
    expect(text(recurring)).toContain('First run:');
    expect(recurring.actions!.map((a) => a.title)).toEqual(['Refresh', 'Pause', 'Cancel campaign']);
    const [campaign] = await e2e.harness.app.campaigns.store.list(1);
    const number = campaign!.number;
    await say(viewer, `campaign ${number}`);
    expect(lastCard(viewer).actions!.map((a) => a.title)).toEqual(['Refresh']);
    expect(text(await say(viewer, `campaign pause ${number}`))).toContain('Only campaign managers');
    expect((await e2e.harness.app.campaigns.store.find(String(number)))!.status).toBe('active');

    await say(manager, `campaign pause ${number}`);
    expect(text(lastCard(manager))).toContain('Paused: no more nudges go out');
    const resumed = await e2e.press(manager, 'campaign.change', { campaignId: campaign!.id, change: 'resume' });
    expect(text(resumed)).toContain('Resumed');
    await say(manager, `campaign cancel ${number}`);
    expect(text(lastCard(manager))).toContain('Cancelled');
    await say(manager, `campaign resume ${number}`);
    expect(text(lastCard(manager))).toContain('Nothing changed: the campaign is cancelled');
    expect((await e2e.harness.app.campaigns.store.find(String(number)))!.status).toBe('cancelled');

    const changes = (await e2e.auditTrail()).filter((e) => / (pause|resume|cancel) \d/.test(e.action));
    expect(changes.map((e) => `${e.action}:${e.outcome}`)).toEqual([
      `campaign pause ${number}:refused`,
      `campaign pause ${number}:allowed`,
      `campaign resume ${number}:allowed`,
      `campaign cancel ${number}:allowed`,
      `campaign resume ${number}:refused`,
    ]);
  });

  it('pages through the runs of a long campaign from its status card, newest first', async () => {
    // A campaign never scheduled, given eight runs a week apart (none reached anyone): more than one page of the table.
    const weekly = await e2e.harness.app.campaigns.store.create(
      campaignPlan({ name: 'Long weekly' }),
      { id: manager.aadObjectId, name: manager.name! },
      new Date('2026-01-01T09:00:00Z'),
    );
    await e2e.harness.app.database.query(
      `INSERT INTO campaign_runs (campaign_id, scheduled_for, started_at, finished_at, status, targeted, audience_added_at)
       SELECT $1, t, t, t, 'finished', 0, t FROM generate_series(timestamptz '2026-01-05 09:00Z', timestamptz '2026-02-23 09:00Z', interval '7 days') t`,
      [weekly.id],
    );
    await say(viewer, `campaign ${weekly.number}`);
    const first = lastCard(viewer);
    expect(text(first)).toContain('Runs 1–6 of 8, newest first.');
    expect(text(first)).toContain('23 Feb 2026');
    expect(text(first)).not.toContain('5 Jan 2026');
    const older = first.actions!.find((a) => a.title === 'Older runs')!;

    const second = await e2e.press(viewer, 'campaign.status', older.data as Record<string, unknown>);

    expect(text(second)).toContain('Runs 7–8 of 8, newest first.');
    expect(text(second)).toContain('5 Jan 2026');
    expect(text(second)).not.toContain('23 Feb 2026');
    expect(second.actions!.map((a) => a.title)).toEqual(['Refresh', 'Newer runs']);
    // A page typed by hand that is no number shows the first.
    const typed = await e2e.press(viewer, 'campaign.status', { campaignId: weekly.id, runsPage: 'last' });
    expect(text(typed)).toContain('Runs 1–6 of 8, newest first.');
  });

  it('copies a campaign into a prefilled form, and exports its deliveries as CSV', async () => {
    const campaign = (await e2e.harness.app.campaigns.store.list(10)).find((c) => c.name === 'Everyone without MFA');
    await say(manager, `campaign copy ${campaign!.number}`);
    const copy = text(lastCard(manager));
    expect(copy).toContain('Copy of Everyone without MFA');
    expect(copy).toContain('Asia/Tokyo');

    await say(manager, `campaign export ${campaign!.number}`);
    expect(text(lastCard(manager))).toContain(`Campaign ${campaign!.number}'s deliveries are ready`);
    expect(text(lastCard(manager))).not.toContain('MFA status export');
    const link = lastCard(manager).actions!.find((a) => a.type === 'Action.OpenUrl')!.url!;
    const download = await fetch(link.replace('http://127.0.0.1', e2e.harness.app.url), { method: 'POST' });
    expect(download.status).toBe(200);
    const [header, ...rows] = (await download.text()).trim().split('\r\n');
    expect(header).toBe('run,displayName,userPrincipalName,userId,delivery,reason,sentAt,opened,snoozed,enrolledAt');
    expect(rows).toHaveLength(10);
    const employeeRow = rows.find((row) => row.includes(employeePerson.userPrincipalName))!;
    expect(employeeRow).toMatch(/,sent,,\d{4}-[^,]+,true,false,\d{4}-/);
    expect(await say(manager, 'campaign 999')).toEqual([
      expect.objectContaining({ text: expect.stringContaining('I don\'t know a campaign "999"') }),
    ]);
  });
});

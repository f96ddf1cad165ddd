import type { ConnectorEmulator, TeamsUser } from '../../emulators/connector';
import { demoPersonas, generateDemoTenant } from '../../emulators/demo-tenant';
import type { GraphEmulator } from '../../emulators/graph';
import { databaseChoices, type TestApp } from '../support/app-harness';
import { scanAs, startCampaignEndToEnd } from '../support/campaign-end-to-end';
import type { EndToEnd } from '../support/end-to-end';
import { campaignPlan } from '../fakes/campaign-plan';
import { eventually } from '../support/eventually';

jest.setTimeout(120_000);

const tenant = generateDemoTenant({ users: 80 });
const { admin: adminPerson } = demoPersonas(tenant);
const admin: TeamsUser = { aadObjectId: adminPerson.id, name: adminPerson.displayName };
const members = tenant.users.filter((u) => u.accountEnabled && u.userType === 'Member' && u.id !== adminPerson.id);
// Everyone with a manager and no MFA is in the audience; their managers all have Authenticator (not in it).
const reports = members.filter((u) => u.managerId && !members.some((m) => m.managerId === u.id)).slice(0, 12);
const managers = [...new Set(reports.map((u) => u.managerId!))];
const text = (value: unknown) => JSON.stringify(value).replace(/\\\\/g, '');

describe.each(databaseChoices())('campaign escalation to managers end to end (%s)', (database) => {
  let connector: ConnectorEmulator;
  let graph: GraphEmulator;
  let harness: TestApp;
  let teams: EndToEnd['teams'];
  let e2e: EndToEnd | undefined;

  beforeAll(async () => {
    // Nudges count as unanswered after 4 s here (time for one person to answer); in production they get a day.
    e2e = await startCampaignEndToEnd({ tenant, database, sendRate: 50, overrides: { campaignEscalationGraceMs: 4000 } });
    ({ connector, graph, harness, teams } = e2e);
    for (const user of members) {
      if (reports.includes(user)) graph.state.setMethods(user.id, []);
      else graph.state.enrolAuthenticator(user.id);
    }
    graph.state.refreshReport();
    await harness.post(teams.anInstallationUpdate({ action: 'add', scope: 'personal', user: admin }));
    await scanAs(e2e, admin);
  });
  afterAll(() => e2e?.stop());

  it('tells each manager once, on one card, about their own direct reports who left the nudge unanswered', async () => {
    expect(reports.length).toBeGreaterThanOrEqual(6);
    expect(managers.length).toBeGreaterThanOrEqual(2);
    // One person answers ("Remind me later") and is left out.
    const answering = reports[0]!;
    const due = new Date().toISOString();
    const campaign = await harness.app.campaigns.store.create(
      campaignPlan({
        name: 'Year end',
        audience: { gaps: 'none', scope: { kind: 'all' }, excluded: [] },
        escalateAfter: 1,
        deadline: '2026-12-31',
        schedule: { kind: 'once', date: due.slice(0, 10), time: due.slice(11, 16), timeZone: 'UTC' },
        window: { startHour: 0, endHour: 24, weekdays: [1, 2, 3, 4, 5, 6, 7] },
      }),
      { id: admin.aadObjectId, name: admin.name! },
      new Date(),
    );

    connector.clear();
    await harness.app.campaigns.scheduleNext(campaign);
    const nudgeTo = (user: TeamsUser) =>
      eventually(
        'the nudge arrived',
        () =>
          connector
            .activities(teams.personalConversationId(user))
            .find((a) => text(a.activity).includes('please protect your work account')),
        { timeoutMs: 30_000 },
      );
    const sent = await nudgeTo({ aadObjectId: answering.id });
    const nudgeId = (sent.activity as { attachments: { content: { refresh: { action: { data: { nudgeId: string } } } } }[] })
      .attachments[0]!.content.refresh.action.data.nudgeId;
    await harness.post(
      teams.anAdaptiveCardInvoke({
        verb: 'nudge.snooze',
        data: { nudgeId, days: 1 },
        user: { aadObjectId: answering.id },
        replyToId: sent.activityId,
      }),
    );

    // Each manager's card arrives in their own 1:1 chat (the bot installs itself for them first).
    const summaries = new Map<string, string>();
    const managersToTell = [...new Set(reports.filter((r) => r !== answering).map((r) => r.managerId!))];
    await eventually(
      "every manager's card arrived",
      () => {
        for (const managerId of managersToTell) {
          const card = connector
            .cards(teams.personalConversationId({ aadObjectId: managerId }))
            .find((c) => text(c).includes('have not set up MFA yet') || text(c).includes('has not set up MFA yet'));
          if (card) summaries.set(managerId, text(card));
        }
        return summaries.size >= managersToTell.length;
      },
      { timeoutMs: 60_000, intervalMs: 100 },
    );
    expect(summaries.size).toBe(managersToTell.length);
    for (const [managerId, card] of summaries) {
      const theirs = reports.filter((r) => r.managerId === managerId && r !== answering);
      for (const report of theirs) expect(card).toContain(report.userPrincipalName);
      // Never anyone else's reports, and never the person who answered.
      for (const other of reports.filter((r) => !theirs.includes(r))) expect(card).not.toContain(other.userPrincipalName);
      expect(card).toContain('Year end');
      expect(card).toContain('by 2026-12-31');
    }

    // One card per manager, however often the check runs again.
    const rows = await harness.app.database.query<{ user_id: string; status: string }>(
      'SELECT user_id, status FROM campaign_escalations WHERE campaign_id = $1',
      [campaign.id],
    );
    expect(rows.map((r) => r.user_id).sort()).toEqual(
      reports
        .filter((r) => r !== answering)
        .map((r) => r.id)
        .sort(),
    );
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    expect(await harness.app.campaigns.store.escalationCounts(campaign.id)).toEqual({
      managers: managersToTell.length,
      people: rows.length,
      failedManagers: 0,
    });
    await harness.app.campaigns.escalate(campaign.id);
    for (const managerId of managersToTell) {
      const cards = connector
        .cards(teams.personalConversationId({ aadObjectId: managerId }))
        .filter((c) => text(c).includes('set up MFA yet'));
      expect(cards).toHaveLength(1);
    }
  });
});

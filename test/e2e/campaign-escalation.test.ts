import type { TeamsUser } from '../../emulators/connector';
import { demoPersonas, generateDemoTenant } from '../../emulators/demo-tenant';
import { databaseChoices } from '../support/app-harness';
import { scanAs, useCampaignEndToEnd } from '../support/campaign-end-to-end';
import { cardOf, nudgeIdOf, teamsUser, wordsOf as text } from '../support/end-to-end';
import { campaignPlan } from '../fakes/campaign-plan';
import { eventually } from '../support/eventually';

jest.setTimeout(120_000);

const tenant = generateDemoTenant({ users: 80 });
const { admin: adminPerson } = demoPersonas(tenant);
const admin = teamsUser(adminPerson);
const members = tenant.users.filter((u) => u.accountEnabled && u.userType === 'Member' && u.id !== adminPerson.id);
// Everyone with a manager and no MFA is in the audience; their managers all have Authenticator (not in it).
const reports = members.filter((u) => u.managerId && !members.some((m) => m.managerId === u.id)).slice(0, 12);
const managers = [...new Set(reports.map((u) => u.managerId!))];

describe.each(databaseChoices())('campaign escalation to managers end to end (%s)', (database) => {
  // Nudges count as unanswered after 4 s here (time for one person to answer); in production they get a day.
  const e2e = useCampaignEndToEnd({ tenant, database, sendRate: 50, overrides: { campaignEscalationGraceMs: 4000 } });
  beforeAll(async () => {
    for (const user of members) {
      if (reports.includes(user)) e2e.graph.state.setMethods(user.id, []);
      else e2e.graph.state.enrolAuthenticator(user.id);
    }
    e2e.graph.state.refreshReport();
    await e2e.install(admin);
    await scanAs(e2e, admin);
  });

  it('tells each manager once, on one card, about their own direct reports who left the nudge unanswered', async () => {
    expect(reports.length).toBeGreaterThanOrEqual(6);
    expect(managers.length).toBeGreaterThanOrEqual(2);
    // One person answers ("Remind me later") and is left out.
    const answering = reports[0]!;
    const due = new Date().toISOString();
    const campaign = await e2e.harness.app.campaigns.store.create(
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

    e2e.connector.clear();
    await e2e.harness.app.campaigns.scheduleNext(campaign);
    const nudgeTo = (user: TeamsUser) =>
      eventually(
        'the nudge arrived',
        () => e2e.connector.activities(e2e.personal(user)).find((a) => text(a.activity).includes('please protect your work account')),
        { timeoutMs: 30_000 },
      );
    const sent = await nudgeTo({ aadObjectId: answering.id });
    const nudgeId = nudgeIdOf(cardOf(sent.activity));
    await e2e.press({ aadObjectId: answering.id }, 'nudge.snooze', { nudgeId, days: 1 }, sent.activityId);

    // Each manager's card arrives in their own 1:1 chat (the bot installs itself for them first).
    const summaries = new Map<string, string>();
    const managersToTell = [...new Set(reports.filter((r) => r !== answering).map((r) => r.managerId!))];
    await eventually(
      "every manager's card arrived",
      () => {
        for (const managerId of managersToTell) {
          const card = e2e.connector
            .cards(e2e.personal({ aadObjectId: managerId }))
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
    const { store } = e2e.harness.app.campaigns;
    const escalated = [...(await store.escalated(campaign.id))];
    expect(escalated.sort()).toEqual(
      reports
        .filter((r) => r !== answering)
        .map((r) => r.id)
        .sort(),
    );
    // Counted only once their manager's card went: every one of them was sent. Teams has the card a moment before the
    // bot has recorded Teams' answer, so the count is waited for.
    const counts = await eventually('every escalated person counted', async () => {
      const now = await store.escalationCounts(campaign.id);
      return now.people === escalated.length && now;
    });
    expect(counts.people).toBe(escalated.length);
    expect(counts).toEqual({ managers: managersToTell.length, people: escalated.length, failedManagers: 0 });
    await e2e.harness.app.campaigns.escalate(campaign.id);
    for (const managerId of managersToTell) {
      const cards = e2e.connector.cards(e2e.personal({ aadObjectId: managerId })).filter((c) => text(c).includes('set up MFA yet'));
      expect(cards).toHaveLength(1);
    }
  });
});

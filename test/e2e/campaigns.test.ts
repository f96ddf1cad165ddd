import { demoPersonas, generateDemoTenant } from '../../emulators/demo-tenant';
import { databaseChoices } from '../support/app-harness';
import { scanAs, useCampaignEndToEnd } from '../support/campaign-end-to-end';
import { nudgeIdOf, teamsUser, wordsOf as text } from '../support/end-to-end';
import { DateTime } from 'luxon';
import { endOfDay, resolveTimeZone } from '../../src/domain/nudges/time-zone';
import { campaignPlan } from '../fakes/campaign-plan';
import { eventually } from '../support/eventually';
import { utcDateTimeText } from '../../src/adapters/bot/cards/freshness-line';

jest.setTimeout(90_000);

const tenant = generateDemoTenant({ users: 80 });
const { admin: adminPerson } = demoPersonas(tenant);
const admin = teamsUser(adminPerson);
const members = tenant.users.filter((u) => u.accountEnabled && u.userType === 'Member');

describe.each(databaseChoices())('campaign delivery end to end (%s)', (database) => {
  const e2e = useCampaignEndToEnd({ tenant, database, sendRate: 20 }, { installFor: [admin], clearBetweenTests: false });
  beforeAll(async () => {
    // A known mix: the first 20 members have no method, the next 10 SMS only, everyone else Authenticator.
    members.forEach((user, i) => {
      e2e.graph.state.setMethods(
        user.id,
        i >= 20 && i < 30
          ? [
              {
                '@odata.type': '#microsoft.graph.phoneAuthenticationMethod',
                id: `phone-${i}`,
                phoneNumber: '+1 2065550100',
                phoneType: 'mobile',
                smsSignInState: 'notEnabled',
              },
            ]
          : [],
      );
      if (i >= 30) e2e.graph.state.enrolAuthenticator(user.id);
    });
    e2e.graph.state.refreshReport();
    await scanAs(e2e, admin);
    e2e.connector.clear();
  });

  const finished = (campaignId: string) =>
    eventually(
      'the run finished',
      async () => {
        const [run] = await e2e.harness.app.campaigns.store.runs(campaignId);
        return run?.status === 'finished' && run;
      },
      { timeoutMs: 60_000, intervalMs: 100 },
    );
  /** The run's deliveries waiting for this reason, as the campaign store tells them. */
  const heldBack = async (runId: string, reason: 'frequencyCap' | 'sendingHours') =>
    (await e2e.harness.app.campaigns.store.waiting(runId)).filter((delivery) => delivery.reason === reason);
  const sentIn = async (runId: string) => (await e2e.harness.app.campaigns.store.deliveryCounts(runId)).sent;

  it('nudges each person of the audience once through Teams, within the window, and records every outcome', async () => {
    const blocked = members[3]!;
    e2e.connector.blockUser(blocked.id);
    const { store, scheduleNext } = e2e.harness.app.campaigns;
    // "Start now", as the form will say it: once, at the current minute, in UTC.
    const due = new Date().toISOString();
    const campaign = await store.create(
      campaignPlan({
        schedule: { kind: 'once', date: due.slice(0, 10), time: due.slice(11, 16), timeZone: 'UTC' },
        window: { startHour: 0, endHour: 24, weekdays: [1, 2, 3, 4, 5, 6, 7] },
        deadline: '2026-12-31',
      }),
      { id: admin.aadObjectId, name: admin.name! },
      new Date(),
    );

    // Queued as a job, started by the job engine, delivered by the delivery engine.
    expect(await scheduleNext(campaign)).toBeInstanceOf(Date);
    const run = await finished(campaign.id);
    expect(run.targeted).toBe(30 - members.slice(0, 30).filter((u) => u.id === adminPerson.id).length);

    const counts = await store.deliveryCounts(run.id);
    expect(counts).toMatchObject({ pending: 0, sending: 0, uncertain: 0, failed: 1, failedBy: { blocked: 1 } });
    expect(counts.sent).toBe(run.targeted - 1);
    // One card per person, in their own 1:1 chat, and none to anyone with Authenticator.
    const audience = members.slice(0, 30).filter((u) => u.id !== adminPerson.id && u.id !== blocked.id);
    for (const person of audience) {
      const cards = e2e.cardsTo(teamsUser(person));
      expect(cards).toHaveLength(1);
      // Greeted by their given name, as the scan read it from the directory.
      expect(text(cards[0])).toContain(`${person.givenName}, please protect your work account`);
      // The deadline is the end of 31 December where they are (the card shows the middle of that day), so that
      // their client shows that day, not the next.
      const deadline = new Date(endOfDay('2026-12-31', resolveTimeZone(person.timeZone, 'UTC')).getTime() - 12 * 3600_000)
        .toISOString()
        .replace(/\.\d{3}Z$/, 'Z');
      expect(text(cards[0])).toContain(`Please do it by {{DATE(${deadline}, LONG)}}`);
    }
    // The audience spans several zones, so the same day ends at several instants.
    expect(new Set(audience.map((person) => resolveTimeZone(person.timeZone, 'UTC'))).size).toBeGreaterThan(1);
    const nudges = (conversationId?: string) =>
      e2e.connector.cards(conversationId).filter((card) => text(card).includes('please protect your work account'));
    for (const person of members.slice(30)) expect(nudges(e2e.personal(teamsUser(person)))).toEqual([]);
    // Its owner hears how the run went, in their own chat.
    const summary = `has finished: ${run.targeted - 1} of ${run.targeted} delivered, 1 failed.`;
    const told = await e2e.connector.waitFor((r) => text(r.body).includes(summary), 10_000);
    expect(told.conversationId).toBe(e2e.personal(admin));
    // Campaign nudges are kept as nudges too (cap across sources, card actions), marked as the campaign's.
    const kept = await Promise.all(audience.map((person) => e2e.stores.nudges.find(nudgeIdOf(e2e.cardsTo(teamsUser(person))[0]))));
    expect(kept.map((found) => found && { source: found.nudge.source, status: found.nudge.status })).toEqual(
      audience.map(() => ({ source: 'campaign', status: 'sent' })),
    );
    // No live Graph check per person: the scan chose them (the reports budget is 5 requests per 10 s).
    expect(e2e.graph.stats().requestsByRoute['GET /users/{id}/authentication/methods'] ?? 0).toBe(0);
    e2e.connector.unblockUser(blocked.id);
  });

  it('holds a second campaign to the cap across sources: people just nudged wait two days; starting the run again adds nobody', async () => {
    const { store, startRun } = e2e.harness.app.campaigns;
    const campaign = await store.create(
      campaignPlan({ window: { startHour: 0, endHour: 24, weekdays: [1, 2, 3, 4, 5, 6, 7] } }),
      { id: admin.aadObjectId, name: 'Admin' },
      new Date(),
    );
    const at = new Date();
    e2e.connector.clear();
    const first = await startRun(campaign.id, at);
    if (first.kind !== 'started') throw new Error(`expected a start, got ${first.kind}`);
    expect(await startRun(campaign.id, at)).toMatchObject({ kind: 'alreadyStarted' });

    // The one person not held by the cap is sent to meanwhile; wait for that send to be recorded too,
    // or the card can arrive after this test has looked (and land in the next test's count).
    await eventually(
      'everyone waits for the cap and one card went',
      async () => (await heldBack(first.run.id, 'frequencyCap')).length >= first.targeted - 1 && (await sentIn(first.run.id)) >= 1,
      { timeoutMs: 30_000, intervalMs: 100 },
    );
    const rows = await heldBack(first.run.id, 'frequencyCap');
    // Everyone but the one who blocked the bot (whose nudge never arrived, so it did not count) waits for the cap.
    expect(rows).toHaveLength(first.targeted - 1);
    for (const row of rows) expect(row.dueAt.getTime()).toBeGreaterThan(Date.now() + 47 * 3600_000);
    const { failedBy: _reasons, ...byStatus } = await store.deliveryCounts(first.run.id);
    expect(Object.values(byStatus).reduce((sum, n) => sum + n, 0)).toBe(first.targeted);
    expect(await sentIn(first.run.id)).toBe(1);
    // Only the person whose earlier nudge never arrived got one now.
    expect(e2e.connector.cards().filter((card) => text(card).includes('please protect your work account'))).toHaveLength(1);
  });

  it("holds each delivery for the campaign's window in the recipient's own time zone", async () => {
    // A one-hour window on a weekday three days from today: today or tomorrow in no time zone on Earth.
    const weekday = ((DateTime.utc().weekday + 2) % 7) + 1;
    const { store, startRun } = e2e.harness.app.campaigns;
    const campaign = await store.create(
      campaignPlan({ window: { startHour: 10, endHour: 11, weekdays: [weekday] } }),
      { id: admin.aadObjectId, name: 'Admin' },
      new Date(),
    );
    e2e.connector.clear();
    const started = await startRun(campaign.id, new Date());
    if (started.kind !== 'started') throw new Error(`expected a start, got ${started.kind}`);
    const held = () => heldBack(started.run.id, 'sendingHours');
    await eventually('every delivery waits for its window', async () => (await held()).length >= started.targeted, {
      timeoutMs: 30_000,
      intervalMs: 100,
    });
    const rows = await held();
    expect(rows).toHaveLength(started.targeted);
    const zones = new Set<string>();
    for (const row of rows) {
      const person = tenant.users.find((u) => u.id === row.userId)!;
      const zone = resolveTimeZone(person.timeZone, 'UTC');
      zones.add(zone);
      const local = DateTime.fromJSDate(row.dueAt, { zone });
      expect({ weekday: local.weekday, hour: local.hour, minute: local.minute }).toEqual({ weekday, hour: 10, minute: 0 });
    }
    // The audience spans several time zones, so the same local hour is several instants.
    expect(zones.size).toBeGreaterThan(1);
    expect(new Set(rows.map((row) => row.dueAt.getTime())).size).toBeGreaterThan(1);
    expect(e2e.connector.cards().filter((card) => text(card).includes('please protect your work account'))).toEqual([]);

    // The status card says why they wait and from when: the first window to open, and the first people by name.
    await e2e.harness.post(e2e.teams.aMessage({ text: `campaign ${campaign.number}`, user: admin }));
    const status = await e2e.connector.waitFor((r) => text(r.body).includes(`Campaign ${campaign.number}`), 10_000);
    const soonest = new Date(Math.min(...rows.map((row) => row.dueAt.getTime())));
    expect(text(status.body)).toContain(
      `"title":"Waiting","value":"${rows.length}: ${rows.length} until their delivery window opens (the first at ${utcDateTimeText(soonest)})"`,
    );
    const first = tenant.users.find(
      (u) => u.id === [...rows].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.userId.localeCompare(b.userId))[0]!.userId,
    )!;
    expect(text(status.body)).toContain(
      `"title":"· ${first.displayName}","value":"their delivery window opens ${utcDateTimeText(soonest)}"`,
    );
  });
});

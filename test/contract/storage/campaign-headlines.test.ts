import { tidyFunnels } from '../../../src/adapters/storage/campaigns/campaign-funnel-upkeep';
import type { CampaignStore } from '../../../src/domain/ports/campaign-store';
import type { Database } from '../../../src/adapters/storage/database';
import { sqlCampaignStore } from '../../../src/adapters/storage/sql-campaign-store';
import { SqlNudgeStore } from '../../../src/adapters/storage/sql-nudge-store';
import { SqlPostureStore } from '../../../src/adapters/storage/sql-posture-store';
import { campaignFunnel, funnelOfCounts, groupFacts, noPeopleCounted } from '../../../src/domain/campaigns/campaign-funnel';
import type { MethodKind } from '../../../src/domain/mfa/method-kind';
import { classifyMethods } from '../../../src/domain/mfa/mfa-strength';
import { DEFAULT_RATE_POLICY } from '../../../src/domain/mfa/rate-policy';
import { campaignPlan } from '../../fakes/campaign-plan';
import { fakeUser } from '../../fakes/fake-user';
import { databaseTargets } from '../../support/test-database';
import { minutes, owner, reserveCampaignNudge, T0 } from './campaign-fixtures';

// The campaign reports (CampaignReports) on the SQL store only: what followed each delivery is read from the
// deliveries, their nudges and series, the actions on the cards and the latest scan, so a faithful fake would be a
// second database. The use cases' tests state those facts instead (the reports fake in test/fakes).

/**
 * The list's figures come from one aggregate query, the status card's from the domain's funnel over every
 * delivery. Both are run here on the same campaign, with each way of counting a person: the two must agree, and
 * with the figures worked out by hand.
 */
describe.each(databaseTargets())('campaign headlines on $name', (target) => {
  let db: Database;
  let campaigns: CampaignStore;
  let nudges: SqlNudgeStore;
  let posture: SqlPostureStore;

  beforeAll(async () => {
    db = await target.openMigrated();
    campaigns = sqlCampaignStore(db);
    nudges = new SqlNudgeStore(db);
    posture = new SqlPostureStore(db);
  });
  afterAll(() => db.close());

  /** A scan finished at `at`, in which these people have these methods (everyone else in the list: none). */
  async function scanAt(at: Date, people: Record<string, MethodKind[]>) {
    const start = await posture.startScan('schedule', undefined, at);
    if (!('started' in start)) throw new Error('a scan is already running');
    const users = Object.entries(people).map(([id, methods]) => fakeUser(id, { methods }));
    await posture.savePeople(
      start.started.id,
      users.map((user) => user.entry),
    );
    await posture.saveRegistrations(
      start.started.id,
      users.map((user) => ({ ...user.registration!, strength: classifyMethods(user.registration!.methods) })),
    );
    await posture.completeScan(start.started.id, at, { rates: DEFAULT_RATE_POLICY });
  }

  /** Claims the run's due deliveries and records what `outcome` says for each person (a nudge sent at `sentAt`). */
  async function deliver(runId: string, at: Date, outcome: Record<string, 'sent' | 'blocked' | 'later'>) {
    const claimed = (await campaigns.claimDue(at, 1000, 'worker', minutes(1000))).filter((delivery) => delivery.runId === runId);
    const sent = new Map<string, { nudgeId: string; seriesId: string }>();
    for (const delivery of claimed) {
      const what = outcome[delivery.userId];
      if (what === 'sent') {
        const reserved = await reserveCampaignNudge(nudges, delivery, at);
        await campaigns.complete(delivery.id, 'worker', { kind: 'sent', nudgeId: reserved.nudgeId }, at);
        sent.set(delivery.userId, reserved);
      } else if (what === 'blocked') {
        await campaigns.complete(delivery.id, 'worker', { kind: 'failed', reason: 'blocked' }, at);
      } else {
        await campaigns.complete(delivery.id, 'worker', { kind: 'later', at: minutes(100_000), reason: 'sendingHours' }, at);
      }
    }
    return sent;
  }

  /** The status card's counts, made by the database, are what the domain's funnel makes of every fact: whole and per run. */
  async function expectCountedAsEveryFact(campaignId: string) {
    const [counts, facts] = await Promise.all([campaigns.funnelCounts(campaignId), campaigns.deliveryFacts(campaignId)]);
    expect(funnelOfCounts(counts.total)).toEqual(campaignFunnel(facts));
    const byRun = groupFacts(facts, (fact) => fact.runId);
    expect([...counts.byRun.keys()].sort()).toEqual([...byRun.keys()].sort());
    for (const [runId, ofRun] of byRun) expect(funnelOfCounts(counts.byRun.get(runId)!)).toEqual(campaignFunnel(ofRun));
  }

  it('counts people once across runs, delivered when any run reached them, enrolled only after a nudge, as the funnel does', async () => {
    await scanAt(minutes(-60), { alex: [], blake: [], casey: [], drew: [], emery: [] });
    const campaign = await campaigns.create(campaignPlan(), owner, T0);
    const other = await campaigns.create(campaignPlan({ name: 'Another' }), owner, T0);

    // Run 1: alex, blake and drew get their card; casey has blocked the bot.
    const { run: first } = await campaigns.startRun(campaign.id, T0, T0);
    await campaigns.addDeliveries(
      first.id,
      ['alex', 'blake', 'casey', 'drew'].map((userId) => ({ userId, dueAt: T0 })),
    );
    const sent = await deliver(first.id, T0, { alex: 'sent', blake: 'sent', casey: 'blocked', drew: 'sent' });
    // Alex says "I've done it" and the live check confirms it.
    await nudges.endSeries(sent.get('alex')!.seriesId, 'enrolled', minutes(10));
    await campaigns.finishRunIfDone(first.id, minutes(10));

    // A scan after the sends finds blake strong: enrolled after the nudge, by the scan.
    await scanAt(minutes(60), {
      alex: ['authenticatorPush'],
      blake: ['authenticatorPush'],
      casey: [],
      drew: [],
      emery: ['authenticatorPush'],
    });

    // Run 2 (a week later): alex again, casey reached this time; emery, new to the audience, waits for their window.
    const { run: second } = await campaigns.startRun(campaign.id, minutes(7 * 24 * 60), minutes(7 * 24 * 60));
    await campaigns.addDeliveries(
      second.id,
      ['alex', 'casey', 'emery'].map((userId) => ({ userId, dueAt: minutes(7 * 24 * 60) })),
    );
    await deliver(second.id, minutes(7 * 24 * 60), { alex: 'later', casey: 'sent', emery: 'later' });

    // Drew snoozes the card (opened and snoozed); blake only looked at it (opened).
    await nudges.recordAction({
      nudgeId: sent.get('drew')!.nudgeId,
      actorId: 'drew',
      action: 'snooze',
      result: 'snoozed',
      at: minutes(20),
    });
    await nudges.recordAction({
      nudgeId: sent.get('blake')!.nudgeId,
      actorId: 'blake',
      action: 'viewed',
      result: 'shown',
      at: minutes(21),
    });

    const headlines = await campaigns.headlines([campaign.id, other.id, 'not-a-campaign']);
    const funnel = campaignFunnel(await campaigns.deliveryFacts(campaign.id));
    await expectCountedAsEveryFact(campaign.id);
    expect(funnelOfCounts((await campaigns.funnelCounts(campaign.id)).total)).toMatchObject({
      targeted: 5,
      delivered: 4,
      waiting: 1,
      opened: 2,
      snoozed: 1,
      enrolled: 2,
      // Alex: 10 minutes (live check); blake: 60 (the scan after the send).
      medianMinutesToEnrol: 35,
      waitingDetail: {
        byReason: [{ reason: 'window', people: 1, soonest: minutes(100_000) }],
        next: [{ userId: 'emery', reason: 'window' }],
      },
    });
    expect((await campaigns.funnelCounts(other.id)).byRun.size).toBe(0);
    expect((await campaigns.funnelCounts('not-a-campaign')).total).toEqual(noPeopleCounted());
    // Five people; four reached (emery only waits); alex (live check) and blake (scan after the send) enrolled.
    // Emery is strong in the scan but was never sent a nudge; that is no conversion.
    expect(headlines.get(campaign.id)).toEqual({ targeted: 5, delivered: 4, enrolled: 2 });
    expect(headlines.get(campaign.id)).toEqual({ targeted: funnel.targeted, delivered: funnel.delivered, enrolled: funnel.enrolled });
    expect(headlines.get(other.id)).toEqual({ targeted: 0, delivered: 0, enrolled: 0 });
    expect(headlines.has('not-a-campaign')).toBe(false);
  });

  it('pages through the facts of a campaign in their order, whatever other campaigns add between', async () => {
    const campaign = await campaigns.create(campaignPlan({ name: 'Paged' }), owner, T0);
    const other = await campaigns.create(campaignPlan({ name: 'Between' }), owner, T0);
    const { run: first } = await campaigns.startRun(campaign.id, T0, T0);
    await campaigns.addDeliveries(
      first.id,
      ['p1', 'p2', 'p3', 'p4'].map((userId) => ({ userId, dueAt: T0 })),
    );
    const { run: between } = await campaigns.startRun(other.id, T0, T0);
    await campaigns.addDeliveries(
      between.id,
      ['q1', 'q2', 'q3'].map((userId) => ({ userId, dueAt: T0 })),
    );
    const { run: second } = await campaigns.startRun(campaign.id, minutes(60), minutes(60));
    await campaigns.addDeliveries(
      second.id,
      ['p1', 'p5', 'p6'].map((userId) => ({ userId, dueAt: minutes(60) })),
    );
    await deliver(first.id, T0, { p1: 'sent', p2: 'blocked', p3: 'sent', p4: 'later' });

    const pages: number[] = [];
    const paged = [];
    let after: string | undefined;
    do {
      const page = await campaigns.deliveryFactsPage(campaign.id, after, 2);
      pages.push(page.facts.length);
      paged.push(...page.facts);
      after = page.next;
    } while (after !== undefined);
    expect(paged).toEqual(await campaigns.deliveryFacts(campaign.id));
    expect(paged.map((fact) => `${fact.runId === first.id ? 1 : 2}:${fact.userId}`)).toEqual([
      '1:p1',
      '1:p2',
      '1:p3',
      '1:p4',
      '2:p1',
      '2:p5',
      '2:p6',
    ]);
    // Seven deliveries: three full pages, then one; a page holds at most what was asked.
    expect(pages).toEqual([2, 2, 2, 1]);
    expect(await campaigns.deliveryCount(campaign.id)).toBe(7);
    expect(await campaigns.deliveryCount(other.id)).toBe(3);
    expect((await campaigns.deliveryFactsPage(campaign.id, undefined, 1000)).facts).toHaveLength(7);
    expect(await campaigns.deliveryFactsPage('not-a-campaign', undefined, 10)).toEqual({ facts: [] });
    expect(await campaigns.deliveryCount('not-a-campaign')).toBe(0);

    // Person by person: all of a person's deliveries on one page, in delivery order; people in the order of their ids.
    const byPeople: string[][] = [];
    let afterUser: string | undefined;
    do {
      const page = await campaigns.deliveryFactsOfPeople(campaign.id, afterUser, 2);
      byPeople.push(page.facts.map((fact) => `${fact.runId === first.id ? 1 : 2}:${fact.userId}`));
      afterUser = page.next;
    } while (afterUser !== undefined);
    expect(byPeople).toEqual([['1:p1', '2:p1', '1:p2'], ['1:p3', '1:p4'], ['2:p5', '2:p6'], []]);
    const everyFact = await campaigns.deliveryFacts(campaign.id);
    const onPages = (await campaigns.deliveryFactsOfPeople(campaign.id, undefined, 100)).facts;
    expect(onPages).toEqual(expect.arrayContaining(everyFact));
    expect(onPages).toHaveLength(everyFact.length);
    expect(await campaigns.deliveryFactsOfPeople('not-a-campaign', undefined, 10)).toEqual({ facts: [] });
    await expect(campaigns.deliveryFactsPage(campaign.id, '1; DROP TABLE campaigns', 10)).rejects.toThrow(RangeError);
  });

  it('counts each change once when several readers catch up at the same time, and leaves no change uncounted', async () => {
    const campaign = await campaigns.create(campaignPlan({ name: 'Many at once' }), owner, T0);
    const { run } = await campaigns.startRun(campaign.id, T0, T0);
    // More people than one batch of counting takes, so the readers meet part-way.
    const people = Array.from({ length: 2600 }, (_, i) => `person-${String(i).padStart(4, '0')}`);
    await campaigns.addDeliveries(
      run.id,
      people.map((userId) => ({ userId, dueAt: T0 })),
    );
    // 700 have blocked the bot; the rest wait for their window (so that no delivery is left due for the next test).
    const outcome = Object.fromEntries(people.map((userId, i) => [userId, i < 700 ? ('blocked' as const) : ('later' as const)]));
    for (let claims = 0; claims < 3; claims++) await deliver(run.id, T0, outcome);

    const [a, b, c] = await Promise.all([0, 1, 2].map(() => campaigns.funnelCounts(campaign.id)));

    for (const counts of [a, b, c]) expect(counts!.total.targeted).toBe(2600);
    await expectCountedAsEveryFact(campaign.id);
    expect(funnelOfCounts((await campaigns.funnelCounts(campaign.id)).total)).toMatchObject({ targeted: 2600, failed: 700, waiting: 1900 });
    expect(await db.query('SELECT 1 FROM campaign_funnel_changes WHERE campaign_id = $1', [campaign.id])).toEqual([]);
    // The upkeep's tidying (VACUUM, outside any transaction) runs on either database and changes no count.
    const before = await campaigns.funnelCounts(campaign.id);
    await tidyFunnels(db);
    expect(await campaigns.funnelCounts(campaign.id)).toEqual(before);
  });

  it('does not count strong MFA the scan saw before the nudge was sent', async () => {
    const campaign = await campaigns.create(campaignPlan({ name: 'Late send' }), owner, T0);
    const at = minutes(3 * 24 * 60);
    const { run } = await campaigns.startRun(campaign.id, at, at);
    await campaigns.addDeliveries(run.id, [{ userId: 'emery', dueAt: at }]);
    // The latest scan found emery strong already; the nudge goes after it.
    await scanAt(minutes(3 * 24 * 60 - 60), { emery: ['authenticatorPush'] });
    await deliver(run.id, at, { emery: 'sent' });

    const funnel = campaignFunnel(await campaigns.deliveryFacts(campaign.id));
    expect((await campaigns.headlines([campaign.id])).get(campaign.id)).toEqual({ targeted: 1, delivered: 1, enrolled: 0 });
    expect(funnel).toMatchObject({ targeted: 1, delivered: 1, enrolled: 0 });
    await expectCountedAsEveryFact(campaign.id);
  });

  it('asked for a passkey, counts a scan that found Authenticator alone as no conversion, and one that found a passkey as one', async () => {
    const campaign = await campaigns.create(campaignPlan({ name: 'Passkeys', target: 'passkey' }), owner, T0);
    const at = minutes(10 * 24 * 60);
    const { run } = await campaigns.startRun(campaign.id, at, at);
    await campaigns.addDeliveries(
      run.id,
      ['fay', 'gale'].map((userId) => ({ userId, dueAt: at })),
    );
    for (const delivery of (await campaigns.claimDue(at, 1000, 'worker', minutes(100_000))).filter((d) => d.runId === run.id)) {
      const reserved = await nudges.reserve(
        {
          userId: delivery.userId,
          source: 'campaign',
          now: at,
          recipientName: delivery.userId,
          greetingName: delivery.userId,
          strength: 'strong',
          methods: ['authenticatorPush'],
          target: 'passkey',
          campaignDeliveryId: delivery.id,
        },
        minutes(0),
        () => ({ kind: 'go' }),
      );
      if (reserved.kind !== 'reserved') throw new Error('expected a reservation');
      await campaigns.complete(delivery.id, 'worker', { kind: 'sent', nudgeId: reserved.nudge.id }, at);
    }
    // The scan after the sends: fay still has Authenticator alone (strong, not a passkey); gale added a passkey.
    await scanAt(minutes(10 * 24 * 60 + 60), { fay: ['authenticatorPush'], gale: ['authenticatorPush', 'passkey'] });

    const facts = await campaigns.deliveryFacts(campaign.id);
    expect(Object.fromEntries(facts.map((fact) => [fact.userId, fact.enrolledAt !== undefined]))).toEqual({ fay: false, gale: true });
    expect((await campaigns.headlines([campaign.id])).get(campaign.id)).toEqual({ targeted: 2, delivered: 2, enrolled: 1 });
    await expectCountedAsEveryFact(campaign.id);
  });
});

import type { CampaignStore } from '../../../src/domain/ports/campaign-store';
import type { Database } from '../../../src/adapters/storage/database';
import { sqlCampaignStore } from '../../../src/adapters/storage/sql-campaign-store';
import { SqlNudgeStore } from '../../../src/adapters/storage/sql-nudge-store';
import type { CampaignPlan } from '../../../src/domain/campaigns/campaign';
import { campaignPlan } from '../../fakes/campaign-plan';
import { databaseTargets } from '../../support/test-database';
import { eventually } from '../../support/eventually';

const T0 = new Date('2026-12-01T10:00:00Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const owner = { id: 'manager-1', name: 'Megan Bowen' };

const plan = (name = 'Year-end push'): CampaignPlan =>
  campaignPlan({
    name,
    audience: { gaps: 'both', scope: { kind: 'departments', departments: ['Finance'] }, excluded: ['cfo@contoso.com'] },
    schedule: { kind: 'once', date: '2026-12-01', time: '10:00', timeZone: 'Europe/London' },
    deadline: '2026-12-31',
    escalateAfter: 2,
  });

describe.each(databaseTargets())('SqlCampaignStore on $name', (target) => {
  let db: Database;
  let store: CampaignStore;

  beforeAll(async () => {
    db = await target.openMigrated();
    store = sqlCampaignStore(db, { leaseClock: 'caller' });
  });
  afterAll(() => db.close());

  async function runWith(people: number, dueAt = T0) {
    const campaign = await store.create(plan(), owner, T0);
    const { run } = await store.startRun(campaign.id, T0, T0);
    await store.addDeliveries(
      run.id,
      Array.from({ length: people }, (_, i) => ({ userId: `user-${i}`, dueAt })),
    );
    return { campaign, run };
  }

  it('keeps the plan as created, finds it by id, lists the newest first, and treats a forged id as not found', async () => {
    const first = await store.create(plan('First'), owner, minutes(-10));
    const second = await store.create(plan('Second'), owner, minutes(-5));
    expect(await store.get(first.id)).toEqual({
      ...plan('First'),
      id: first.id,
      number: first.number,
      ownerId: 'manager-1',
      ownerName: 'Megan Bowen',
      status: 'active',
      createdAt: minutes(-10),
    });
    const listed = (await store.list(1000)).map((campaign) => campaign.id);
    expect(listed.indexOf(second.id)).toBeLessThan(listed.indexOf(first.id));
    for (const forged of ['not-a-uuid', "' OR 1=1 --", '00000000-0000-0000-0000-000000000000'])
      expect(await store.get(forged)).toBeUndefined();
  });

  it('numbers campaigns one after another and finds one by its number, "#number" or id, as typed', async () => {
    const a = await store.create(plan('A'), owner, T0);
    const b = await store.create(plan('B'), owner, T0);
    expect(b.number).toBe(a.number + 1);
    expect((await store.find(String(b.number)))?.id).toBe(b.id);
    expect((await store.find(` #${a.number} `))?.id).toBe(a.id);
    expect((await store.find(b.id.toUpperCase()))?.id).toBe(b.id);
    for (const forged of ['999999', '1 OR 1=1', '-1', '', 'campaign']) expect(await store.find(forged)).toBeUndefined();
  });

  it('escalates each person once per campaign, even when two instances claim at once; a release lets a later try claim again', async () => {
    const campaign = await store.create(plan(), owner, T0);
    const [x, y] = await Promise.all([
      store.claimEscalations(campaign.id, 'boss', ['ann', 'bob'], T0),
      store.claimEscalations(campaign.id, 'boss', ['ann', 'bob', 'cat'], T0),
    ]);
    expect([...x, ...y].sort()).toEqual(['ann', 'bob', 'cat']);
    expect(await store.escalated(campaign.id)).toEqual(new Set(['ann', 'bob', 'cat']));
    await store.settleEscalations(campaign.id, ['ann'], { status: 'sent' });
    await store.releaseEscalations(campaign.id, ['ann', 'bob']);
    // Only the claim still in flight goes back; a card that was sent stays sent.
    expect(await store.escalated(campaign.id)).toEqual(new Set(['ann', 'cat']));
    expect(await store.claimEscalations(campaign.id, 'boss', ['ann', 'bob'], T0)).toEqual(['bob']);
    const other = await store.create(plan(), owner, T0);
    expect(await store.claimEscalations(other.id, 'boss', ['ann'], T0)).toEqual(['ann']);
  });

  it('changes status only from the states allowed, and says when it did not', async () => {
    const campaign = await store.create(plan(), owner, T0);
    expect(await store.setStatus(campaign.id, 'paused', ['active'], minutes(1))).toEqual({
      campaign: expect.objectContaining({ status: 'paused' }),
      changed: true,
    });
    expect(await store.setStatus(campaign.id, 'paused', ['active'], minutes(2))).toEqual({
      campaign: expect.objectContaining({ status: 'paused' }),
      changed: false,
    });
    expect(await store.setStatus(campaign.id, 'active', ['paused'], minutes(3))).toEqual({
      campaign: expect.objectContaining({ status: 'active' }),
      changed: true,
    });
    expect(await store.setStatus('forged', 'cancelled', ['active'], minutes(4))).toBeUndefined();
  });

  it('starts one run per scheduled time, however often asked, and one delivery per person in it', async () => {
    const campaign = await store.create(plan(), owner, T0);
    const [a, b] = await Promise.all([store.startRun(campaign.id, T0, T0), store.startRun(campaign.id, T0, T0)]);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(a.run.id).toBe(b.run.id);
    expect(
      await store.addDeliveries(a.run.id, [
        { userId: 'u1', dueAt: T0 },
        { userId: 'u2', dueAt: T0 },
      ]),
    ).toBe(2);
    expect(
      await store.addDeliveries(a.run.id, [
        { userId: 'u2', dueAt: minutes(5) },
        { userId: 'u3', dueAt: T0 },
      ]),
    ).toBe(1);
    expect((await store.runs(campaign.id)).map((run) => ({ id: run.id, targeted: run.targeted, status: run.status }))).toEqual([
      { id: a.run.id, targeted: 3, status: 'delivering' },
    ]);
  });

  it('claims only what is due, each delivery by one worker only, even when two ask at once', async () => {
    const { run } = await runWith(40);
    await store.addDeliveries(run.id, [{ userId: 'later', dueAt: minutes(60) }]);
    const [one, two] = await Promise.all([
      store.claimDue(minutes(1), 30, 'worker-a', minutes(3)),
      store.claimDue(minutes(1), 30, 'worker-b', minutes(3)),
    ]);
    const mine = [...one, ...two].filter((delivery) => delivery.runId === run.id);
    expect(mine).toHaveLength(40);
    expect(new Set(mine.map((delivery) => delivery.id)).size).toBe(40);
    expect(mine.every((delivery) => delivery.status === 'sending' && delivery.attempts === 1)).toBe(true);
    expect(mine.map((delivery) => delivery.userId)).not.toContain('later');
  });

  it('records a result only from the worker holding the claim; a throttled one is due again later', async () => {
    const { run } = await runWith(3);
    const claimed = (await store.claimDue(minutes(1), 1000, 'worker-a', minutes(3))).filter((delivery) => delivery.runId === run.id);
    const [sent, later, failed] = claimed;
    expect(await store.complete(sent!.id, 'worker-b', { kind: 'sent', nudgeId: '00000000-0000-0000-0000-000000000000' }, minutes(2))).toBe(
      false,
    );
    expect(await store.complete(later!.id, 'worker-a', { kind: 'later', at: minutes(30), reason: 'throttled' }, minutes(2))).toBe(true);
    expect(await store.complete(failed!.id, 'worker-a', { kind: 'failed', reason: 'blocked' }, minutes(2))).toBe(true);
    expect(await store.complete(failed!.id, 'worker-a', { kind: 'failed', reason: 'blocked' }, minutes(2))).toBe(false);

    expect((await store.claimDue(minutes(29), 1000, 'worker-a', minutes(31))).map((d) => d.id)).not.toContain(later!.id);
    const again = await store.claimDue(minutes(30), 1000, 'worker-a', minutes(32));
    expect(again.find((d) => d.id === later!.id)).toMatchObject({ attempts: 2, status: 'sending' });
    expect(await store.deliveryCounts(run.id)).toEqual({
      pending: 0,
      sending: 2,
      sent: 0,
      failed: 1,
      skipped: 0,
      cancelled: 0,
      uncertain: 0,
      failedBy: { blocked: 1 },
    });
  });

  // Issue 15, item 6: leases used each instance's own clock, so one running 2 minutes fast took back a claim that
  // another was still sending (the card went, was recorded uncertain, and the person could pass the campaign's cap).
  it("runs leases on the database's clock: an instance whose clock is 2 minutes fast takes back no live claim", async () => {
    const onDatabaseClock = sqlCampaignStore(db);
    const realNow = new Date();
    const { run } = await runWith(1, new Date(realNow.getTime() - 60_000));
    const [claimed] = (await onDatabaseClock.claimDue(realNow, 1000, 'honest', new Date(realNow.getTime() + 60_000))).filter(
      (d) => d.runId === run.id,
    );
    expect(claimed).toBeDefined();
    const fast = new Date(realNow.getTime() + 2 * 60_000);
    // The fast instance finds nothing expired, and cannot mark or claim the delivery...
    await onDatabaseClock.reclaimExpired(fast);
    expect(await onDatabaseClock.deliveryCounts(run.id)).toMatchObject({ sending: 1, pending: 0, uncertain: 0 });
    expect(
      (await onDatabaseClock.claimDue(fast, 1000, 'fast', new Date(fast.getTime() + 60_000))).filter((d) => d.runId === run.id),
    ).toEqual([]);
    // ...and the claim's holder can still mark it, whatever time its own clock says.
    expect(await onDatabaseClock.markSendStarted(claimed!.id, 'honest', new Date(realNow.getTime() + 3 * 60_000))).toBe(true);
    // The same with callers' clocks (the old behaviour) would have handed the live claim back.
    const onCallersClock = store;
    await onCallersClock.reclaimExpired(fast);
    expect(await onCallersClock.deliveryCounts(run.id)).toMatchObject({ sending: 0, uncertain: 1 });
  });

  it("gives a claim back once its lease ran out on the database's clock", async () => {
    const onDatabaseClock = sqlCampaignStore(db);
    const realNow = new Date();
    const { run } = await runWith(1, new Date(realNow.getTime() - 60_000));
    await onDatabaseClock.claimDue(realNow, 1000, 'short', new Date(realNow.getTime() + 200));
    await eventually(
      'the lease ran out on the database clock and the claim came back',
      async () => {
        await onDatabaseClock.reclaimExpired(new Date());
        return (await onDatabaseClock.deliveryCounts(run.id)).pending > 0;
      },
      { timeoutMs: 5000 },
    );
    expect(await onDatabaseClock.deliveryCounts(run.id)).toMatchObject({ pending: 1, sending: 0 });
  });

  it("gives a dead worker's claims back when the lease runs out; the dead worker can no longer record them", async () => {
    const { run } = await runWith(2);
    const claimed = (await store.claimDue(minutes(1), 1000, 'dead', minutes(3))).filter((delivery) => delivery.runId === run.id);
    expect(await store.reclaimExpired(minutes(2))).toEqual({ pending: 0, uncertain: 0, sent: 0 });
    expect((await store.reclaimExpired(minutes(4))).pending).toBeGreaterThanOrEqual(2);
    const retaken = (await store.claimDue(minutes(4), 1000, 'alive', minutes(6))).filter((delivery) => delivery.runId === run.id);
    expect(retaken.map((d) => d.id).sort()).toEqual(claimed.map((d) => d.id).sort());
    expect(
      await store.complete(claimed[0]!.id, 'dead', { kind: 'sent', nudgeId: '00000000-0000-0000-0000-000000000000' }, minutes(5)),
    ).toBe(false);
  });

  it("never gives back a delivery whose message had started on its way: a dead worker's send is uncertain, not repeated", async () => {
    const { run } = await runWith(3);
    const [started, notStarted, stale] = (await store.claimDue(minutes(1), 1000, 'dying', minutes(3))).filter((d) => d.runId === run.id);
    expect(await store.markSendStarted(started!.id, 'dying', minutes(2))).toBe(true);
    // Only the claim's holder may mark it, and only while its lease holds.
    expect(await store.markSendStarted(notStarted!.id, 'someone-else', minutes(2))).toBe(false);
    expect(await store.markSendStarted(stale!.id, 'dying', minutes(3))).toBe(false);

    expect(await store.reclaimExpired(minutes(4))).toMatchObject({ uncertain: 1 });
    expect(await store.deliveryCounts(run.id)).toMatchObject({ pending: 2, sending: 0, uncertain: 1 });
    const retaken = (await store.claimDue(minutes(4), 1000, 'alive', minutes(6))).filter((d) => d.runId === run.id).map((d) => d.id);
    expect(retaken.sort()).toEqual([notStarted!.id, stale!.id].sort());
  });

  it("counts a dead worker's send as sent when it had recorded its nudge as sent, and as uncertain when it had not", async () => {
    const nudges = new SqlNudgeStore(db);
    const { run } = await runWith(2);
    const [recorded, unrecorded] = (await store.claimDue(minutes(1), 1000, 'killed', minutes(3))).filter((d) => d.runId === run.id);
    const reserve = async (delivery: { id: string; userId: string }) => {
      const reserved = await nudges.reserve(
        {
          userId: delivery.userId,
          source: 'campaign',
          now: minutes(1),
          recipientName: delivery.userId,
          greetingName: delivery.userId,
          strength: 'none',
          methods: [],
          campaignDeliveryId: delivery.id,
        },
        minutes(-60 * 48),
        () => ({ kind: 'go' }),
      );
      if (reserved.kind !== 'reserved') throw new Error('expected a reservation');
      return reserved.nudge.id;
    };
    const sentNudge = await reserve(recorded!);
    const unknownNudge = await reserve(unrecorded!);
    for (const delivery of [recorded!, unrecorded!]) expect(await store.markSendStarted(delivery.id, 'killed', minutes(2))).toBe(true);
    // Teams accepted the first card and the worker wrote that down; it died before completing either delivery.
    await nudges.recordDelivery(sentNudge, { status: 'sent', conversationId: 'a:1' }, minutes(2));

    expect(await store.reclaimExpired(minutes(4))).toMatchObject({ sent: 1, uncertain: 1, pending: 0 });
    expect(await store.deliveryCounts(run.id)).toMatchObject({ sent: 1, uncertain: 1, sending: 0, pending: 0 });
    const facts = await store.deliveryFacts((await store.runs(run.campaignId))[0]!.campaignId);
    expect(facts.find((fact) => fact.userId === recorded!.userId)).toMatchObject({ status: 'sent', sentAt: minutes(1) });
    // The other's nudge is no longer "being sent" for ever: uncertain, and still counted towards the cap.
    expect((await nudges.find(unknownNudge))?.nudge).toMatchObject({ status: 'uncertain', sentAt: minutes(1) });
  });

  it('lets a throttled send go again: a send Teams refused (429: not delivered) is no longer uncertain', async () => {
    const { run } = await runWith(1);
    const [delivery] = (await store.claimDue(minutes(1), 1000, 'w', minutes(3))).filter((d) => d.runId === run.id);
    await store.markSendStarted(delivery!.id, 'w', minutes(1));
    await store.complete(delivery!.id, 'w', { kind: 'later', at: minutes(1), reason: 'throttled', notDelivered: true }, minutes(1));
    const [again] = (await store.claimDue(minutes(1), 1000, 'dies', minutes(2))).filter((d) => d.runId === run.id);
    expect(again?.id).toBe(delivery!.id);
    // Dies before this attempt's point of no return: back to pending, not uncertain.
    await store.reclaimExpired(minutes(5));
    expect(await store.deliveryCounts(run.id)).toMatchObject({ pending: 1, uncertain: 0 });
  });

  it('claims nothing of a paused campaign, and cancelling stops its pending deliveries at once', async () => {
    const { campaign, run } = await runWith(3);
    await store.setStatus(campaign.id, 'paused', ['active'], minutes(1));
    expect((await store.claimDue(minutes(2), 1000, 'w', minutes(4))).filter((d) => d.runId === run.id)).toEqual([]);
    await store.setStatus(campaign.id, 'active', ['paused'], minutes(3));
    const [inFlight, ...rest] = (await store.claimDue(minutes(3), 1000, 'w', minutes(5))).filter((d) => d.runId === run.id);
    // Only one is being sent when the cancel comes; the others are pending again.
    for (const other of rest) await store.complete(other.id, 'w', { kind: 'later', at: minutes(3), reason: 'throttled' }, minutes(3));
    await store.setStatus(campaign.id, 'cancelled', ['active', 'paused'], minutes(4));
    expect(await store.deliveryCounts(run.id)).toMatchObject({ pending: 0, sending: 1, cancelled: 2 });
    expect((await store.claimDue(minutes(10), 1000, 'w', minutes(12))).filter((d) => d.runId === run.id)).toEqual([]);
    // The one in flight still records how it ended.
    expect(await store.complete(inFlight!.id, 'w', { kind: 'failed', reason: 'blocked' }, minutes(5))).toBe(true);
    expect((await store.runs(campaign.id))[0]?.status).toBe('cancelled');
  });

  it('finishes a run only when nothing is pending or being sent, and counts sends per person for the cap', async () => {
    const { campaign, run } = await runWith(2);
    const claimed = (await store.claimDue(minutes(1), 1000, 'w', minutes(3))).filter((d) => d.runId === run.id);
    await store.complete(claimed[0]!.id, 'w', { kind: 'skipped', reason: 'enrolled' }, minutes(2));
    expect(await store.finishRunIfDone(run.id, minutes(2))).toBeUndefined();
    await store.complete(claimed[1]!.id, 'w', { kind: 'failed', reason: 'notInstallable' }, minutes(2));
    expect(await store.finishRunIfDone(run.id, minutes(2))).toMatchObject({ id: run.id, status: 'finished', finishedAt: minutes(2) });
    expect(await store.finishRunIfDone(run.id, minutes(3))).toBeUndefined();
    expect(await store.sentCounts(campaign.id, ['user-0', 'user-1'])).toEqual(new Map());
  });

  it('finishes every settled run it is asked to look for, but not one being started or one with deliveries left', async () => {
    const settled = await runWith(1);
    const left = await runWith(2);
    // Started, its deliveries not added yet.
    const starting = await store.startRun((await store.create(plan(), owner, T0)).id, T0, T0);
    const ours = (runs: { id: string }[]) =>
      runs.map((run) => run.id).filter((id) => [settled.run.id, left.run.id, starting.run.id].includes(id));
    const claimed = await store.claimDue(minutes(1), 1000, 'w', minutes(3));
    // All of one run's deliveries settled; one of the other's, the other still being sent.
    for (const delivery of [...claimed.filter((d) => d.runId === settled.run.id), claimed.find((d) => d.runId === left.run.id)!]) {
      await store.complete(delivery.id, 'w', { kind: 'skipped', reason: 'enrolled' }, minutes(2));
    }
    const finished = await store.finishSettledRuns(minutes(4));
    expect(ours(finished)).toEqual([settled.run.id]);
    expect(finished.find((run) => run.id === settled.run.id)).toMatchObject({ status: 'finished', finishedAt: minutes(4) });
    expect(ours(await store.finishSettledRuns(minutes(5)))).toEqual([]);
    expect((await store.runs(starting.run.campaignId))[0]?.status).toBe('delivering');
  });
});

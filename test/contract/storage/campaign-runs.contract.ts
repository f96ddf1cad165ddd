import type { CampaignDelivery } from '../../../src/domain/campaigns/campaign-run';
import type { CampaignRuns } from '../../../src/domain/ports/campaign-runs';
import type { CampaignRecords } from '../../../src/domain/ports/campaign-store';
import type { DeliveryQueue } from '../../../src/domain/ports/delivery-queue';
import { minutes, owner, plan, runWith, T0 } from './campaign-fixtures';

/** The runs, the campaigns they belong to, and the claims that settle their deliveries (no lease running out). */
export type RunsWithClaims = CampaignRecords & CampaignRuns & Pick<DeliveryQueue, 'claimDue' | 'complete' | 'sentCounts'>;

export interface RunsUnderTest {
  store: RunsWithClaims;
  /** The id of a nudge sent for this delivery, as a sender records it (the SQL store refers to its row). */
  nudgeFor(delivery: CampaignDelivery): Promise<string>;
}

/**
 * What every `CampaignRuns` promises, with the claims that settle a run's deliveries: one run per scheduled time,
 * one delivery per person, each claimed by one worker and settled by it only, nothing claimed of a campaign that
 * is not active, and a run finished once nothing of it waits. `makeStore` is called before each test.
 */
export function campaignRunsContract(name: string, makeStore: () => Promise<RunsUnderTest>): void {
  describe(`CampaignRuns and their claims on ${name}`, () => {
    let store: RunsWithClaims;
    let nudgeFor: RunsUnderTest['nudgeFor'];

    beforeEach(async () => ({ store, nudgeFor } = await makeStore()));

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

    it('counts each person added once, when two pages of the same start are added at once', async () => {
      const campaign = await store.create(plan(), owner, T0);
      const { run } = await store.startRun(campaign.id, T0, T0);
      const page = (from: number) => Array.from({ length: 50 }, (_, i) => ({ userId: `u${from + i}`, dueAt: T0 }));
      // Two starts of the same run (a retried job beside the first), overlapping by 25 people.
      const added = await Promise.all([store.addDeliveries(run.id, page(0)), store.addDeliveries(run.id, page(25))]);
      expect(added[0]! + added[1]!).toBe(75);
      expect((await store.runs(campaign.id))[0]).toMatchObject({ targeted: 75 });
      expect((await store.deliveryCounts(run.id)).pending).toBe(75);
    });

    it('does not finish a run still adding its audience, though every delivery so far is settled', async () => {
      const campaign = await store.create(plan(), owner, T0);
      const { run } = await store.startRun(campaign.id, T0, T0);
      expect(run.audienceAddedAt).toBeUndefined();
      await store.addDeliveries(run.id, [{ userId: 'first-page', dueAt: T0 }]);
      const [claimed] = (await store.claimDue(minutes(1), 1000, 'w', minutes(3))).filter((d) => d.runId === run.id);
      await store.complete(claimed!.id, 'w', { kind: 'failed', reason: 'blocked' }, minutes(2));
      expect(await store.finishRunIfDone(run.id, minutes(2))).toBeUndefined();
      expect((await store.finishSettledRuns(minutes(2))).map((r) => r.id)).not.toContain(run.id);

      expect(await store.audienceAdded(run.id, minutes(3))).toMatchObject({
        id: run.id,
        audienceAddedAt: minutes(3),
        status: 'delivering',
      });
      // The first time counts: a start completed again by a retried job does not move it.
      expect(await store.audienceAdded(run.id, minutes(4))).toMatchObject({ audienceAddedAt: minutes(3) });
      expect((await store.finishSettledRuns(minutes(5))).map((r) => r.id)).toContain(run.id);
      expect(await store.audienceAdded('not-a-run', minutes(5))).toBeUndefined();
    });

    it('finishes a run whose audience turned out empty once it is all added', async () => {
      const campaign = await store.create(plan(), owner, T0);
      const { run } = await store.startRun(campaign.id, T0, T0);
      expect((await store.finishSettledRuns(minutes(1))).map((r) => r.id)).not.toContain(run.id);
      await store.audienceAdded(run.id, minutes(1));
      expect((await store.finishSettledRuns(minutes(2))).find((r) => r.id === run.id)).toMatchObject({ status: 'finished', targeted: 0 });
    });

    it('claims only what is due, each delivery by one worker only, even when two ask at once', async () => {
      const { run } = await runWith(store, 40);
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
      const { run } = await runWith(store, 3);
      const claimed = (await store.claimDue(minutes(1), 1000, 'worker-a', minutes(3))).filter((delivery) => delivery.runId === run.id);
      const [sent, later, failed] = claimed;
      expect(
        await store.complete(sent!.id, 'worker-b', { kind: 'sent', nudgeId: '00000000-0000-0000-0000-000000000000' }, minutes(2)),
      ).toBe(false);
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

    it('says which deliveries wait, until when and why, soonest first; none of another run, and none for a forged id', async () => {
      const { run } = await runWith(store, 3);
      const [first, second] = (await store.claimDue(minutes(1), 1000, 'worker-a', minutes(3))).filter((d) => d.runId === run.id);
      await store.complete(first!.id, 'worker-a', { kind: 'later', at: minutes(90), reason: 'sendingHours' }, minutes(2));
      await store.complete(second!.id, 'worker-a', { kind: 'later', at: minutes(60), reason: 'frequencyCap' }, minutes(2));
      expect(await store.waiting(run.id)).toEqual([
        { userId: second!.userId, dueAt: minutes(60), reason: 'frequencyCap' },
        { userId: first!.userId, dueAt: minutes(90), reason: 'sendingHours' },
      ]);
      const other = await runWith(store, 1);
      expect((await store.waiting(other.run.id)).map((d) => d.userId)).toEqual(['user-0']);
      expect(await store.waiting('not-a-run')).toEqual([]);
    });

    it('claims nothing of a paused campaign, and cancelling stops its pending deliveries at once', async () => {
      const { campaign, run } = await runWith(store, 3);
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
      const { campaign, run } = await runWith(store, 2);
      const claimed = (await store.claimDue(minutes(1), 1000, 'w', minutes(3))).filter((d) => d.runId === run.id);
      await store.complete(claimed[0]!.id, 'w', { kind: 'skipped', reason: 'enrolled' }, minutes(2));
      expect(await store.finishRunIfDone(run.id, minutes(2))).toBeUndefined();
      await store.complete(claimed[1]!.id, 'w', { kind: 'failed', reason: 'notInstallable' }, minutes(2));
      expect(await store.finishRunIfDone(run.id, minutes(2))).toMatchObject({ id: run.id, status: 'finished', finishedAt: minutes(2) });
      expect(await store.finishRunIfDone(run.id, minutes(3))).toBeUndefined();
      expect(await store.sentCounts(campaign.id, ['user-0', 'user-1'])).toEqual(new Map());
    });

    it('counts per person the sends of this campaign only, in every run', async () => {
      const { campaign, run } = await runWith(store, 2);
      const other = await runWith(store, 1);
      const { run: second } = await store.startRun(campaign.id, minutes(60), minutes(60));
      await store.addDeliveries(second.id, [{ userId: 'user-0', dueAt: minutes(60) }]);
      for (const delivery of await store.claimDue(minutes(60), 1000, 'w', minutes(62)))
        await store.complete(delivery.id, 'w', { kind: 'sent', nudgeId: await nudgeFor(delivery) }, minutes(61));
      expect(await store.sentCounts(campaign.id, ['user-0', 'user-1', 'user-9'])).toEqual(
        new Map([
          ['user-0', 2],
          ['user-1', 1],
        ]),
      );
      expect(await store.sentCounts(other.campaign.id, ['user-0'])).toEqual(new Map([['user-0', 1]]));
      expect(await store.deliveryCounts(run.id)).toMatchObject({ sent: 2, pending: 0, sending: 0 });
    });

    it('finishes every settled run it is asked to look for, but not one being started or one with deliveries left', async () => {
      const settled = await runWith(store, 1);
      const left = await runWith(store, 2);
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
}

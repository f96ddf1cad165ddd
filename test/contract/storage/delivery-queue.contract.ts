import type { CampaignStore } from '../../../src/domain/ports/campaign-store';
import type { NudgeStore } from '../../../src/domain/ports/nudge-store';
import { minutes, reserveCampaignNudge, runWith } from './campaign-fixtures';

// Runs on the SQL store only (sql-campaign-store.test.ts), on the callers' clock (`leaseClock: 'caller'`); the
// database's own clock is tested there too. No in-memory fake is held to this contract: telling a dead worker's
// sent card from an uncertain one reads the nudges its sender recorded, so a faithful fake would be a second
// database. The claims themselves (one worker each, results from the holder only, nothing of a paused campaign)
// are in campaign-runs.contract.ts, which the fake of runs passes too.

export interface QueueUnderTest {
  store: CampaignStore;
  /** The nudges the campaign's sender records, on the same database. */
  nudges: NudgeStore;
}

/**
 * What the delivery queue promises about leases: what becomes of a claim whose worker died, before or after its
 * card left (pending again, sent, or uncertain, never sent twice), and that only the holder marks a claim.
 * `makeStore` is called before each test.
 */
export function deliveryQueueContract(name: string, makeStore: () => Promise<QueueUnderTest>): void {
  describe(`DeliveryQueue leases on ${name}`, () => {
    let store: CampaignStore;
    let nudges: NudgeStore;

    beforeEach(async () => ({ store, nudges } = await makeStore()));

    it("gives a dead worker's claims back when the lease runs out; the dead worker can no longer record them", async () => {
      const { run } = await runWith(store, 2);
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
      const { run } = await runWith(store, 3);
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
      const { run } = await runWith(store, 2);
      const [recorded, unrecorded] = (await store.claimDue(minutes(1), 1000, 'killed', minutes(3))).filter((d) => d.runId === run.id);
      const sentNudge = (await reserveCampaignNudge(nudges, recorded!, minutes(1))).nudgeId;
      const unknownNudge = (await reserveCampaignNudge(nudges, unrecorded!, minutes(1))).nudgeId;
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
      const { run } = await runWith(store, 1);
      const [delivery] = (await store.claimDue(minutes(1), 1000, 'w', minutes(3))).filter((d) => d.runId === run.id);
      await store.markSendStarted(delivery!.id, 'w', minutes(1));
      await store.complete(delivery!.id, 'w', { kind: 'later', at: minutes(1), reason: 'throttled', notDelivered: true }, minutes(1));
      const [again] = (await store.claimDue(minutes(1), 1000, 'dies', minutes(2))).filter((d) => d.runId === run.id);
      expect(again?.id).toBe(delivery!.id);
      // Dies before this attempt's point of no return: back to pending, not uncertain.
      await store.reclaimExpired(minutes(5));
      expect(await store.deliveryCounts(run.id)).toMatchObject({ pending: 1, uncertain: 0 });
    });
  });
}

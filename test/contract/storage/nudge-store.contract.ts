import { randomUUID } from 'node:crypto';
import type { NudgeRequestRecord, NudgeStore, ReservationDecision } from '../../../src/domain/ports/nudge-store';

const T0 = new Date('2026-11-23T10:00:00Z');
const hours = (n: number) => new Date(T0.getTime() + n * 3600_000);

function request(userId: string, now = T0): NudgeRequestRecord {
  return {
    userId,
    source: 'admin',
    requestedBy: 'admin-1',
    now,
    recipientName: 'Adele Vance',
    greetingName: 'Adele',
    strength: 'weak',
    methods: ['sms'],
  };
}

const go = (): ReservationDecision => ({ kind: 'go' });

/** Reserves a nudge that the decision lets go, and answers it. */
async function reserved(store: NudgeStore, ...args: Parameters<NudgeStore['reserve']>) {
  const reservation = await store.reserve(...args);
  if (reservation.kind !== 'reserved') throw new Error(`expected a reservation, got ${reservation.kind}`);
  return reservation;
}

/**
 * What every `NudgeStore` promises: a person's series, the cap's view of their recent sends, one nudge per request,
 * and what people did with their cards. `makeStore` is called before each test; people are new in each test.
 */
export function nudgeStoreContract(name: string, makeStore: () => Promise<NudgeStore>): void {
  describe(`NudgeStore on ${name}`, () => {
    let store: NudgeStore;
    let user: string;

    beforeEach(async () => {
      store = await makeStore();
      user = `user-${randomUUID()}`;
    });

    it('reserves a nudge in a new series, keeps what the card showed, and finds it by id', async () => {
      const reservation = await reserved(store, request(user), hours(-48), go);

      const found = await store.find(reservation.nudge.id);
      expect(found?.nudge).toEqual(
        expect.objectContaining({
          userId: user,
          source: 'admin',
          requestedBy: 'admin-1',
          status: 'sending',
          recipientName: 'Adele Vance',
          greetingName: 'Adele',
          strength: 'weak',
          methods: ['sms'],
          sentAt: T0,
        }),
      );
      expect(found?.series).toEqual(expect.objectContaining({ id: reservation.series.id, userId: user, snoozesUsed: 0, startedAt: T0 }));
      expect(found?.series.endedAt).toBeUndefined();
    });

    it('keeps what the card asked for, so that its recheck checks for the same; a nudge without one has none', async () => {
      const asked = await reserved(store, { ...request(user), target: 'passkey' }, hours(-48), go);
      expect((await store.find(asked.nudge.id))?.nudge.target).toBe('passkey');
      expect((await store.latestTo(user))?.nudge.target).toBe('passkey');
      const other = `user-${randomUUID()}`;
      const without = await reserved(store, request(other), hours(-48), go);
      expect((await store.find(without.nudge.id))?.nudge).not.toHaveProperty('target');
    });

    it('gives up a reservation an interrupted earlier attempt of the same campaign delivery left, and no other', async () => {
      const seen: number[] = [];
      const counting = (_series: unknown, sentAt: Date[]): ReservationDecision => {
        seen.push(sentAt.length);
        return { kind: 'go' };
      };
      // An attempt that stopped between its reservation and the send: the nudge stays 'sending' and counts as sent.
      const left = await reserved(store, { ...request(user), source: 'campaign', campaignDeliveryId: '41' }, hours(-48), counting);
      // Another delivery's reservation still counts.
      await store.reserve({ ...request(user), source: 'campaign', campaignDeliveryId: '42' }, hours(-48), counting);
      expect(seen).toEqual([0, 1]);
      // The next attempt of delivery 41 no longer sees its own abandoned reservation, only 42's.
      const retried = await store.reserve({ ...request(user), source: 'campaign', campaignDeliveryId: '41' }, hours(-48), counting);
      expect(seen).toEqual([0, 1, 1]);
      if (retried.kind !== 'reserved') throw new Error('expected a reservation');
      expect((await store.find(left.nudge.id))?.nudge).toMatchObject({ status: 'failed' });
      expect((await store.find(left.nudge.id))?.nudge.sentAt).toBeUndefined();
      expect((await store.find(retried.nudge.id))?.nudge.status).toBe('sending');
    });

    it('hands the decision the sends inside the window only, and records nothing when it says wait', async () => {
      const first = await reserved(store, request(user, hours(-60)), hours(-108), go);
      const second = await reserved(store, request(user, hours(-10)), hours(-58), go);
      await store.recordDelivery(first.nudge.id, { status: 'sent', conversationId: 'a:1' }, hours(-60));
      await store.recordDelivery(second.nudge.id, { status: 'sent', conversationId: 'a:1' }, hours(-10));

      let seen: Date[] = [];
      const deferred = await store.reserve(request(user), hours(-48), (_series, sentAt) => {
        seen = sentAt;
        return { kind: 'deferred', reason: 'frequencyCap', notBefore: hours(38) };
      });

      expect(seen).toEqual([hours(-10)]);
      expect(deferred).toEqual({ kind: 'deferred', reason: 'frequencyCap', notBefore: hours(38) });
      expect(second.series.id).toBe(first.series.id);
      expect((await store.latestTo(user))?.nudge.id).toBe(second.nudge.id);
    });

    it('stops counting a nudge towards the cap when it did not reach the person', async () => {
      const reservation = await reserved(store, request(user), hours(-48), go);
      await store.recordDelivery(reservation.nudge.id, { status: 'blocked', detail: 'ConversationBlockedByUser' }, T0);

      let seen: Date[] = [new Date(0)];
      await store.reserve(request(user, hours(1)), hours(-47), (_s, sentAt) => {
        seen = sentAt;
        return { kind: 'deferred', reason: 'snoozed', notBefore: hours(2) };
      });
      expect(seen).toEqual([]);
      expect((await store.find(reservation.nudge.id))?.nudge).toEqual(expect.objectContaining({ status: 'blocked' }));
    });

    it('keeps counting a nudge whose fate is uncertain, and never rewrites a recorded delivery', async () => {
      const reservation = await reserved(store, request(user), hours(-48), go);
      await store.recordDelivery(reservation.nudge.id, { status: 'uncertain', detail: 'NoAnswer' }, hours(1));
      await store.recordDelivery(reservation.nudge.id, { status: 'failed', detail: 'TooLate' }, hours(2));

      let seen: Date[] = [];
      await store.reserve(request(user, hours(3)), hours(-45), (_s, sentAt) => {
        seen = sentAt;
        return { kind: 'deferred', reason: 'frequencyCap', notBefore: hours(48) };
      });
      expect(seen).toEqual([T0]);
      expect(await store.latestTo(user)).toEqual({
        nudge: expect.objectContaining({ id: reservation.nudge.id, status: 'uncertain', sentAt: T0 }),
        detail: 'NoAnswer',
      });
    });

    it('lets only one of two simultaneous senders pass a cap of one', async () => {
      const capOfOne = (_s: unknown, sentAt: Date[]): ReservationDecision =>
        sentAt.length === 0 ? { kind: 'go' } : { kind: 'deferred', reason: 'frequencyCap', notBefore: hours(48) };
      const results = await Promise.all([
        store.reserve(request(user), hours(-48), capOfOne),
        store.reserve(request(user), hours(-48), capOfOne),
      ]);

      expect(results.map((r) => r.kind).sort()).toEqual(['deferred', 'reserved']);
    });

    it('answers a repeated request with its nudge once the card was on its way, and gives up one that never left', async () => {
      const requestKey = `job-${randomUUID()}`;
      const stopped = await reserved(store, { ...request(user), requestKey }, hours(-48), go);

      // The first attempt stopped before its card left: the repeat reserves anew, and the first stops counting.
      const again = await reserved(store, { ...request(user, hours(1)), requestKey }, hours(-47), go);
      const givenUp = (await store.find(stopped.nudge.id))!.nudge;
      expect([givenUp.status, givenUp.sentAt]).toEqual(['failed', undefined]);
      expect(await store.markSendStarted(again.nudge.id, hours(1))).toBe(true);

      // This time the card was on its way: a repeat finds that nudge and never sends a second one.
      const repeat = await store.reserve({ ...request(user, hours(2)), requestKey }, hours(-46), () => {
        throw new Error('a repeat of a request whose card left is not decided again');
      });
      expect(repeat).toEqual({ kind: 'repeated', nudge: expect.objectContaining({ id: again.nudge.id, status: 'sending' }) });
      await store.recordDelivery(again.nudge.id, { status: 'sent', conversationId: 'a:1', activityId: 'act-1' }, hours(1));
      expect(await store.markSendStarted(again.nudge.id, hours(3))).toBe(false);
      expect((await store.latestTo(user))?.nudge).toEqual(
        expect.objectContaining({ id: again.nudge.id, status: 'sent', conversationId: 'a:1', activityId: 'act-1' }),
      );
    });

    it('spends a snooze only against the count it was read with, and ends a series once', async () => {
      const reservation = await reserved(store, request(user), hours(-48), go);
      const seriesId = reservation.series.id;

      expect(await store.snooze(seriesId, hours(24), 0)).toBe(true);
      expect(await store.snooze(seriesId, hours(72), 0)).toBe(false);
      expect(await store.openSeries(user)).toEqual(expect.objectContaining({ snoozesUsed: 1, snoozedUntil: hours(24) }));

      await store.endSeries(seriesId, 'enrolled', hours(1));
      await store.endSeries(seriesId, 'enrolled', hours(5));
      expect(await store.openSeries(user)).toBeUndefined();
      expect((await store.find(reservation.nudge.id))?.series).toEqual(
        expect.objectContaining({ endedAt: hours(1), endReason: 'enrolled' }),
      );
      expect(await store.snooze(seriesId, hours(24), 1)).toBe(false);

      const next = await store.reserve(request(user, hours(100)), hours(52), go);
      expect(next.kind === 'reserved' && next.series.id).not.toBe(seriesId);
    });

    it('records actions in order and treats a malformed id as unknown', async () => {
      const reservation = await reserved(store, request(user), hours(-48), go);
      const nudgeId = reservation.nudge.id;
      await store.recordAction({ nudgeId, actorId: user, action: 'viewed', result: 'shown', at: T0 });
      await store.recordAction({ nudgeId, actorId: 'someone-else', action: 'recheck', result: 'notYours', at: hours(1) });
      await store.recordAction({ nudgeId, actorId: user, action: 'snooze', result: 'snoozed', at: hours(2), detail: { days: 3 } });

      expect(await store.actionsOf(nudgeId)).toEqual([
        { nudgeId, actorId: user, action: 'viewed', result: 'shown', at: T0 },
        { nudgeId, actorId: 'someone-else', action: 'recheck', result: 'notYours', at: hours(1) },
        { nudgeId, actorId: user, action: 'snooze', result: 'snoozed', at: hours(2), detail: { days: 3 } },
      ]);
      expect(await store.find("1' OR '1'='1")).toBeUndefined();
      expect(await store.find(randomUUID())).toBeUndefined();
      expect(await store.actionsOf("1' OR '1'='1")).toEqual([]);
      await expect(
        store.recordAction({ nudgeId: randomUUID(), actorId: user, action: 'viewed', result: 'shown', at: T0 }),
      ).rejects.toThrow();
    });

    it('answers nothing as the latest nudge of someone never nudged', async () => {
      expect(await store.latestTo(user)).toBeUndefined();
      expect(await store.openSeries(user)).toBeUndefined();
    });
  });
}

import { randomUUID } from 'node:crypto';
import type { Database } from '../../../src/adapters/storage/database';
import { SqlNudgeStore } from '../../../src/adapters/storage/sql-nudge-store';
import type { NudgeRequestRecord, ReservationDecision } from '../../../src/domain/ports/nudge-store';
import { databaseTargets } from '../../support/test-database';

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

describe.each(databaseTargets())('SqlNudgeStore on $name', (target) => {
  let db: Database;
  let store: SqlNudgeStore;
  let user: string;

  beforeAll(async () => {
    db = await target.openMigrated();
    store = new SqlNudgeStore(db);
  });
  afterAll(() => db.close());
  beforeEach(() => {
    user = `user-${randomUUID()}`;
  });

  it('reserves a nudge in a new series, keeps what the card showed, and finds it by id', async () => {
    const reserved = await store.reserve(request(user), hours(-48), go);
    if (reserved.kind !== 'reserved') throw new Error('expected a reservation');

    const found = await store.find(reserved.nudge.id);
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
    expect(found?.series).toEqual(expect.objectContaining({ id: reserved.series.id, userId: user, snoozesUsed: 0, startedAt: T0 }));
    expect(found?.series.endedAt).toBeUndefined();
  });

  it('gives up a reservation an interrupted earlier attempt of the same campaign delivery left, and no other', async () => {
    const seen: number[] = [];
    const counting = (_series: unknown, sentAt: Date[]): ReservationDecision => {
      seen.push(sentAt.length);
      return { kind: 'go' };
    };
    // An attempt that stopped between its reservation and the send: the row stays 'sending' and counts as sent.
    const left = await store.reserve({ ...request(user), source: 'campaign', campaignDeliveryId: '41' }, hours(-48), counting);
    if (left.kind !== 'reserved') throw new Error('expected a reservation');
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
    const first = await store.reserve(request(user, hours(-60)), hours(-108), go);
    const second = await store.reserve(request(user, hours(-10)), hours(-58), go);
    if (first.kind !== 'reserved' || second.kind !== 'reserved') throw new Error('expected reservations');
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
  });

  it('stops counting a nudge towards the cap when it did not reach the person', async () => {
    const reserved = await store.reserve(request(user), hours(-48), go);
    if (reserved.kind !== 'reserved') throw new Error('expected a reservation');
    await store.recordDelivery(reserved.nudge.id, { status: 'blocked', detail: 'ConversationBlockedByUser' }, T0);

    let seen: Date[] = [new Date(0)];
    await store.reserve(request(user, hours(1)), hours(-47), (_s, sentAt) => {
      seen = sentAt;
      return { kind: 'deferred', reason: 'snoozed', notBefore: hours(2) };
    });
    expect(seen).toEqual([]);
    expect((await store.find(reserved.nudge.id))?.nudge).toEqual(expect.objectContaining({ status: 'blocked' }));
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

  it('spends a snooze only against the count it was read with, and ends a series once', async () => {
    const reserved = await store.reserve(request(user), hours(-48), go);
    if (reserved.kind !== 'reserved') throw new Error('expected a reservation');
    const seriesId = reserved.series.id;

    expect(await store.snooze(seriesId, hours(24), 0)).toBe(true);
    expect(await store.snooze(seriesId, hours(72), 0)).toBe(false);
    expect(await store.openSeries(user)).toEqual(expect.objectContaining({ snoozesUsed: 1, snoozedUntil: hours(24) }));

    await store.endSeries(seriesId, 'enrolled', hours(1));
    await store.endSeries(seriesId, 'enrolled', hours(5));
    expect(await store.openSeries(user)).toBeUndefined();
    expect((await store.find(reserved.nudge.id))?.series).toEqual(expect.objectContaining({ endedAt: hours(1), endReason: 'enrolled' }));
    expect(await store.snooze(seriesId, hours(24), 1)).toBe(false);

    const next = await store.reserve(request(user, hours(100)), hours(52), go);
    expect(next.kind === 'reserved' && next.series.id).not.toBe(seriesId);
  });

  it('records actions in order and treats a malformed id as unknown', async () => {
    const reserved = await store.reserve(request(user), hours(-48), go);
    if (reserved.kind !== 'reserved') throw new Error('expected a reservation');
    await store.recordAction({ nudgeId: reserved.nudge.id, actorId: user, action: 'viewed', result: 'shown', at: T0 });
    await store.recordAction({ nudgeId: reserved.nudge.id, actorId: 'someone-else', action: 'recheck', result: 'notYours', at: hours(1) });
    await store.recordAction({
      nudgeId: reserved.nudge.id,
      actorId: user,
      action: 'snooze',
      result: 'snoozed',
      at: hours(2),
      detail: { days: 3 },
    });

    expect(await store.actionsOf(reserved.nudge.id)).toEqual([
      { nudgeId: reserved.nudge.id, actorId: user, action: 'viewed', result: 'shown', at: T0 },
      { nudgeId: reserved.nudge.id, actorId: 'someone-else', action: 'recheck', result: 'notYours', at: hours(1) },
      { nudgeId: reserved.nudge.id, actorId: user, action: 'snooze', result: 'snoozed', at: hours(2), detail: { days: 3 } },
    ]);
    expect(await store.find("1' OR '1'='1")).toBeUndefined();
    expect(await store.find(randomUUID())).toBeUndefined();
  });
});

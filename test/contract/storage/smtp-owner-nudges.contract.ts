import { randomUUID } from 'node:crypto';
import type { SmtpOwnerNudgeRequest, SmtpOwnerNudges } from '../../../src/domain/ports/smtp-owner-nudges';

/** A store to test, and another handle on the same records (a second bot instance), for senders at once. */
export interface SmtpOwnerNudgesSubject {
  store: SmtpOwnerNudges;
  another(): SmtpOwnerNudges;
}

type Decide = Parameters<SmtpOwnerNudges['reserve']>[2];

const T0 = new Date('2026-12-04T10:00:00.123Z');
const hours = (n: number) => new Date(T0.getTime() + n * 3600_000);
const WINDOW_START = hours(-48);

const go: Decide = () => ({ kind: 'go' });
const capOfOne: Decide = (sentAt) =>
  sentAt.length === 0 ? { kind: 'go' } : { kind: 'deferred', reason: 'frequencyCap', notBefore: hours(48) };
const notDecidedAgain: Decide = () => {
  throw new Error('a repeat of a request whose card left is not decided again');
};

function request(ownerId: string, now = T0, more: Partial<SmtpOwnerNudgeRequest> = {}): SmtpOwnerNudgeRequest {
  return { ownerId, accountIds: ['smtp-printer', 'smtp-scanner'], source: 'admin', requestedBy: 'admin-1', now, ...more };
}

/** Reserves a card that `decide` lets go, and answers it. */
async function reserved(store: SmtpOwnerNudges, ...args: Parameters<SmtpOwnerNudges['reserve']>) {
  const reservation = await store.reserve(...args);
  if (reservation.kind !== 'reserved') throw new Error(`expected a reservation, got ${reservation.kind}`);
  return reservation.nudge;
}

/** What `decide` is handed, in time order (the port promises the sends, not their order). */
async function sendsSeen(store: SmtpOwnerNudges, ownerId: string, since: Date): Promise<number[]> {
  let seen: Date[] | undefined;
  await store.reserve(request(ownerId, hours(1)), since, (sentAt) => {
    seen = sentAt;
    return { kind: 'deferred', reason: 'frequencyCap', notBefore: hours(2) };
  });
  return seen!.map((at) => at.getTime()).sort((a, b) => a - b);
}

/**
 * What every `SmtpOwnerNudges` promises: the cap's view of an owner's recent cards, one card per request, and who was
 * told what and when. `make` is called before each test; owners and request keys are new in each test.
 */
export function smtpOwnerNudgesContract(name: string, make: () => Promise<SmtpOwnerNudgesSubject>): void {
  describe(`SmtpOwnerNudges on ${name}`, () => {
    let subject: SmtpOwnerNudgesSubject;
    let store: SmtpOwnerNudges;
    let owner: string;

    beforeEach(async () => {
      subject = await make();
      store = subject.store;
      owner = randomUUID();
    });

    it('reserves a card as sending with what the request said, to the millisecond, its accounts in order', async () => {
      const accountIds = ['zeta-copier', 'alpha-scanner', 'mid-app'];
      const nudge = await reserved(store, request(owner, T0, { accountIds, source: 'campaign' }), WINDOW_START, go);

      const expected = {
        id: nudge.id,
        ownerId: owner,
        accountIds,
        source: 'campaign',
        requestedBy: 'admin-1',
        createdAt: T0,
        status: 'sending',
      };
      expect(nudge).toEqual(expected);
      expect(await store.latestTo(owner, 10)).toEqual([expected]);
      const other = await reserved(store, request(randomUUID(), T0, { requestedBy: undefined }), WINDOW_START, go);
      expect(other).not.toHaveProperty('requestedBy');
      expect(other.id).not.toBe(nudge.id);
    });

    it('counts only cards sending, sent or uncertain since the window started, and only the owner’s', async () => {
      const card = async (now: Date) => (await reserved(store, request(owner, now), hours(-500), go)).id;
      const sent = await card(hours(-10));
      await store.recordDelivery(sent, { status: 'sent' }, hours(-9));
      const uncertain = await card(hours(-6));
      await store.recordDelivery(uncertain, { status: 'uncertain', detail: 'NoAnswer' }, hours(-5));
      const sentOnTheEdge = await card(hours(-49));
      await store.recordDelivery(sentOnTheEdge, { status: 'sent' }, WINDOW_START);
      const sentBefore = await card(hours(-60));
      await store.recordDelivery(sentBefore, { status: 'sent' }, hours(-59));
      for (const status of ['failed', 'blocked', 'throttled', 'notInstallable'] as const) {
        await store.recordDelivery(await card(hours(-3)), { status, detail: 'Refused' }, hours(-3));
      }
      await card(hours(-1)); // still sending: it counts from its reservation
      await card(hours(-50)); // still sending, but reserved before the window
      await reserved(store, request(randomUUID(), hours(-2)), hours(-500), go); // someone else's

      expect(await sendsSeen(store, owner, WINDOW_START)).toEqual(
        [WINDOW_START, hours(-9), hours(-5), hours(-1)].map((at) => at.getTime()),
      );
    });

    it('writes nothing when the decision says wait, and answers that decision', async () => {
      await reserved(store, request(owner, hours(-1)), WINDOW_START, go);
      const decision = { kind: 'deferred', reason: 'frequencyCap', notBefore: hours(47) } as const;

      let seen: Date[] = [];
      const answer = await store.reserve(request(owner), WINDOW_START, (sentAt) => {
        seen = sentAt;
        return decision;
      });

      expect(answer).toEqual(decision);
      expect(seen).toEqual([hours(-1)]);
      expect(await store.latestTo(owner, 10)).toHaveLength(1);
    });

    it('lets only one of several senders at once pass a cap of one', async () => {
      const handles = [store, subject.another(), store, subject.another()];
      // Each handle answers once first, so that on a server each sender below has a connection ready and they all run at once.
      await Promise.all(handles.map((handle) => handle.latestTo(owner, 1)));
      const results = await Promise.all(handles.map((handle) => handle.reserve(request(owner), WINDOW_START, capOfOne)));

      expect(results.map((result) => result.kind).sort()).toEqual(['deferred', 'deferred', 'deferred', 'reserved']);
      expect(await store.latestTo(owner, 10)).toHaveLength(1);
    });

    it('keeps each owner to their own cap, senders to different owners at once', async () => {
      const owners = [owner, randomUUID(), randomUUID(), randomUUID()];
      const results = await Promise.all(owners.map((ownerId) => store.reserve(request(ownerId), WINDOW_START, capOfOne)));

      expect(results.map((result) => result.kind)).toEqual(['reserved', 'reserved', 'reserved', 'reserved']);
      for (const ownerId of owners) expect(await store.latestTo(ownerId, 10)).toHaveLength(1);
    });

    it('answers a repeated request with its card once the card was on its way, whatever became of it', async () => {
      const requestKey = `job-${randomUUID()}`;
      const first = await reserved(store, request(owner, T0, { requestKey }), WINDOW_START, go);
      expect(await store.markSendStarted(first.id, T0)).toBe(true);

      expect(await store.reserve(request(owner, hours(1), { requestKey }), WINDOW_START, notDecidedAgain)).toEqual({
        kind: 'repeated',
        nudge: first,
      });
      await store.recordDelivery(first.id, { status: 'failed', detail: 'BadGateway' }, hours(1));
      expect(await subject.another().reserve(request(owner, hours(2), { requestKey }), WINDOW_START, notDecidedAgain)).toEqual({
        kind: 'repeated',
        nudge: { ...first, status: 'failed', detail: 'BadGateway' },
      });
      expect(await store.latestTo(owner, 10)).toHaveLength(1);
    });

    it('gives up a keyed card that never left, and reserves the repeat in its place', async () => {
      const requestKey = `job-${randomUUID()}`;
      const stopped = await reserved(store, request(owner, T0, { requestKey }), WINDOW_START, go);

      let seen: Date[] | undefined;
      const again = await reserved(store, request(owner, hours(1), { requestKey }), WINDOW_START, (sentAt) => {
        seen = sentAt;
        return { kind: 'go' };
      });

      expect(seen).toEqual([]);
      expect(again.id).not.toBe(stopped.id);
      expect(await store.latestTo(owner, 10)).toEqual([
        again,
        { ...stopped, status: 'failed', detail: 'an earlier attempt stopped before its card left' },
      ]);
      // The given-up attempt can no longer leave; the repeat's card is the one a later repeat finds.
      expect(await store.markSendStarted(stopped.id, hours(1))).toBe(false);
      expect(await store.markSendStarted(again.id, hours(1))).toBe(true);
      expect(await store.reserve(request(owner, hours(2), { requestKey }), WINDOW_START, notDecidedAgain)).toEqual({
        kind: 'repeated',
        nudge: again,
      });
    });

    it('marks a card as on its way once, and never after its delivery was recorded', async () => {
      const first = await reserved(store, request(owner), WINDOW_START, go);
      expect(await store.markSendStarted(first.id, T0)).toBe(true);
      expect(await store.markSendStarted(first.id, hours(1))).toBe(false);

      const second = await reserved(store, request(owner, hours(1)), WINDOW_START, go);
      await store.recordDelivery(second.id, { status: 'sent', conversationId: 'a:1' }, hours(1));
      expect(await store.markSendStarted(second.id, hours(2))).toBe(false);

      expect(await store.markSendStarted(randomUUID(), T0)).toBe(false);
      expect(await store.markSendStarted("1' OR '1'='1", T0)).toBe(false);
    });

    it('keeps what a delivery recorded, to the millisecond, and never rewrites it', async () => {
      const sent = await reserved(store, request(owner, hours(-2)), WINDOW_START, go);
      const blocked = await reserved(store, request(owner, hours(-1)), WINDOW_START, go);
      const sentAt = new Date('2026-12-04T08:00:01.987Z');
      await store.recordDelivery(sent.id, { status: 'sent', conversationId: 'a:conv-1', activityId: 'act-1' }, sentAt);
      await store.recordDelivery(blocked.id, { status: 'blocked', detail: 'ConversationBlockedByUser' }, hours(-1));
      await store.recordDelivery(sent.id, { status: 'failed', detail: 'TooLate' }, T0);

      expect(await store.latestTo(owner, 10)).toEqual([
        { ...blocked, status: 'blocked', detail: 'ConversationBlockedByUser' },
        { ...sent, status: 'sent', sentAt, conversationId: 'a:conv-1', activityId: 'act-1' },
      ]);
      await store.recordDelivery(randomUUID(), { status: 'sent' }, T0);
      await store.recordDelivery('not-a-nudge', { status: 'sent' }, T0);
    });

    it('lists an owner’s cards newest first, at most as many as asked', async () => {
      const made = [];
      for (const now of [hours(-3), hours(-30), hours(-1), hours(-20)])
        made.push(await reserved(store, request(owner, now), hours(-500), go));
      const [at3, at30, at1, at20] = made.map((nudge) => nudge.id);
      const sameInstant = await reserved(store, request(owner, hours(-1)), hours(-500), go);
      await reserved(store, request(randomUUID(), T0), hours(-500), go);

      const ids = async (limit: number) => (await store.latestTo(owner, limit)).map((nudge) => nudge.id);
      expect(await ids(10)).toEqual([sameInstant.id, at1, at3, at20, at30]);
      expect(await ids(2)).toEqual([sameInstant.id, at1]);
      expect(await ids(0)).toEqual([]);
      expect(await store.latestTo(randomUUID(), 10)).toEqual([]);
    });
  });
}

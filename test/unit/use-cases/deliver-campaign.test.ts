import type { CampaignStore } from '../../../src/domain/ports/campaign-store';
import type { Database } from '../../../src/adapters/storage/database';
import { sqlCampaignStore } from '../../../src/adapters/storage/sql-campaign-store';
import { claimDueBatch, deliverDueBatch, sendClaimedBatch } from '../../../src/use-cases/deliver-campaign';
import { deliveryResultOf, MAX_ATTEMPTS } from '../../../src/use-cases/campaign-delivery-results';
import type { NudgeRequest, NudgeResult } from '../../../src/use-cases/send-nudge';
import { campaignPlan } from '../../fakes/campaign-plan';
import { databaseTargets } from '../../support/test-database';
import { cardThroughGate } from '../../support/card-through-gate';
import { scannedWithSmsOnly } from '../../fakes/scanned-with-sms-only';
import { eventually } from '../../support/eventually';

const scanned = scannedWithSmsOnly;

const NOW = new Date('2026-12-01T10:00:00Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);
const person = { id: 'u1', displayName: 'Adele Vance' };
const NUDGE_ID = '11111111-1111-1111-1111-111111111111';

describe('what a nudge result means for a campaign delivery', () => {
  const half = () => 0.5;
  it.each([
    [
      { kind: 'sent', nudgeId: NUDGE_ID, person, strength: 'weak', conversationId: 'a:1' },
      { kind: 'sent', nudgeId: NUDGE_ID },
    ],
    [
      { kind: 'alreadyStrong', person },
      { kind: 'skipped', reason: 'enrolled' },
    ],
    [{ kind: 'unknownPerson' }, { kind: 'skipped', reason: 'not in the directory' }],
    [
      { kind: 'deferred', person, reason: 'sendingHours', notBefore: later(3_600_000), timeZone: 'UTC' },
      { kind: 'later', at: later(3_600_000), reason: 'sendingHours' },
    ],
    [
      { kind: 'throttled', retryAfterMs: 2_000, person, nudgeId: NUDGE_ID, strength: 'weak' },
      { kind: 'later', at: later(2_000), reason: 'throttled', notDelivered: true },
    ],
    [
      { kind: 'blocked', code: 'Forbidden', person, nudgeId: NUDGE_ID, strength: 'weak' },
      { kind: 'failed', reason: 'blocked' },
    ],
    [
      { kind: 'notInstallable', reason: 'not in the catalog', person, nudgeId: NUDGE_ID, strength: 'weak' },
      { kind: 'failed', reason: 'notInstallable' },
    ],
    [
      { kind: 'failed', reason: 'Bot Connector answered 400', person, nudgeId: NUDGE_ID, strength: 'weak' },
      { kind: 'failed', reason: 'Bot Connector answered 400' },
    ],
    [
      { kind: 'uncertain', reason: 'Bot Connector answered 502', person, nudgeId: NUDGE_ID, strength: 'weak' },
      { kind: 'uncertain', reason: 'Bot Connector answered 502' },
    ],
  ] as [NudgeResult, unknown][])('%j → %j', (result, expected) => {
    expect(deliveryResultOf(result, 1, NOW, half)).toEqual(expected);
  });

  it('retries a passing failure with a jittered, growing wait, then gives up after the last attempt', () => {
    const passing = {
      kind: 'failed',
      reason: 'Bot Connector answered 503',
      transient: true,
      person,
      nudgeId: NUDGE_ID,
      strength: 'weak',
    } as NudgeResult;
    const waits = [1, 2, 3].map((attempt) => {
      const result = deliveryResultOf(passing, attempt, NOW, () => 1);
      return result.kind === 'later' ? result.at.getTime() - NOW.getTime() : -1;
    });
    expect(waits).toEqual([30_000, 60_000, 120_000]);
    const low = deliveryResultOf(passing, 1, NOW, () => 0);
    expect(low.kind === 'later' && low.at.getTime() - NOW.getTime()).toBe(15_000);
    expect(deliveryResultOf(passing, MAX_ATTEMPTS, NOW, () => 1)).toEqual({ kind: 'failed', reason: 'Bot Connector answered 503' });
    expect(deliveryResultOf({ kind: 'checkUnavailable', person }, 1, NOW, () => 1).kind).toBe('later');
  });
});

describe.each(databaseTargets())('a delivery batch on $name', (target) => {
  let db: Database;
  let store: CampaignStore;
  beforeAll(async () => {
    db = await target.openMigrated();
    store = sqlCampaignStore(db, { leaseClock: 'caller' });
  });
  afterAll(() => db.close());

  const plan = campaignPlan({
    window: { startHour: 8, endHour: 18, weekdays: [1, 2, 3, 4, 5] },
    deadline: '2026-12-31',
    maxNudgesPerPerson: 2,
  });

  it("sends each due delivery once with the campaign's window and deadline, records each result, and finishes the run", async () => {
    const campaign = await store.create(plan, { id: 'm1', name: 'Megan' }, NOW);
    const { run } = await store.startRun(campaign.id, NOW, NOW);
    await store.addDeliveries(
      run.id,
      ['strong', 'blocked', 'busy', 'gone'].map((userId) => ({ userId, dueAt: NOW })),
    );
    const asked: NudgeRequest[] = [];
    const send = async (request: NudgeRequest): Promise<NudgeResult> => {
      asked.push(request);
      if (request.userId === 'strong') return { kind: 'alreadyStrong', person };
      if (request.userId === 'blocked') {
        // The sender marks the point of no return just before the card goes to Teams.
        expect(await cardThroughGate(request)).toBe(true);
        return { kind: 'blocked', code: 'Forbidden', person, nudgeId: NUDGE_ID, strength: 'weak' };
      }
      return { kind: 'throttled', retryAfterMs: 5_000, person, nudgeId: NUDGE_ID, strength: 'weak' };
    };
    let clock = NOW;
    const deps = { store, send, scanned, now: () => clock, worker: 'w1', leaseMs: 60_000 };

    const first = await deliverDueBatch(deps, 100);
    // "gone" left the directory since the scan: not sent, skipped with the reason.
    expect(first).toMatchObject({ claimed: 4, results: { sent: 0, skipped: 2, failed: 1, later: 1 }, finishedRuns: [] });
    expect(asked.map((request) => request.userId).sort()).toEqual(['blocked', 'busy', 'strong']);
    // The scan's view of the person goes with the request, so no per-person Graph check is needed.
    expect(asked[0]).toMatchObject({
      source: 'campaign',
      sendingHours: plan.window,
      deadlineDay: '2026-12-31',
      known: { person: { id: asked[0]!.userId, displayName: `Person ${asked[0]!.userId}` }, methods: ['sms'] },
    });

    const marked = await db.query<{ user_id: string }>(
      'SELECT user_id FROM campaign_deliveries WHERE run_id = $1 AND send_started_at IS NOT NULL',
      [run.id],
    );
    expect(marked.map((row) => row.user_id)).toEqual(['blocked']);

    // Nothing is due until Teams' wait is over.
    expect((await deliverDueBatch(deps, 100)).claimed).toBe(0);
    clock = later(5_000);
    const second = await deliverDueBatch(deps, 100);
    expect(second.claimed).toBe(1);
    expect(await store.deliveryCounts(run.id)).toMatchObject({ pending: 1, failed: 1, skipped: 2, failedBy: { blocked: 1 } });
  });

  it("carries the campaign's target to each nudge; a campaign stored before the choice leaves it to the setting", async () => {
    const asked: NudgeRequest[] = [];
    const send = async (request: NudgeRequest): Promise<NudgeResult> => {
      asked.push(request);
      return { kind: 'alreadyStrong', person };
    };
    const deps = { store, send, scanned, now: () => NOW, worker: 'w1', leaseMs: 60_000 };
    for (const [userId, over] of [
      ['asked-passkey', { target: 'passkey' }],
      ['asked-before', {}],
    ] as const) {
      const campaign = await store.create({ ...plan, ...over }, { id: 'm1', name: 'Megan' }, NOW);
      const { run } = await store.startRun(campaign.id, NOW, NOW);
      await store.addDeliveries(run.id, [{ userId, dueAt: NOW }]);
    }
    await deliverDueBatch(deps, 100);
    expect(asked.find((request) => request.userId === 'asked-passkey')).toHaveProperty('target', 'passkey');
    expect(asked.find((request) => request.userId === 'asked-before')).not.toHaveProperty('target');
  });

  it("gives a delivery whose lease ran out before its mark back at once, not after a retry's wait, and sends nothing", async () => {
    const campaign = await store.create(plan, { id: 'm1', name: 'Megan' }, NOW);
    const { run } = await store.startRun(campaign.id, NOW, NOW);
    await store.addDeliveries(run.id, [{ userId: 'slow', dueAt: NOW }]);
    let clock = NOW;
    let sent = 0;
    const send = async (request: NudgeRequest): Promise<NudgeResult> => {
      // The checks took longer than the lease (the instance was held up): the mark is refused.
      clock = later(61_000);
      if (!(await cardThroughGate(request)))
        return { kind: 'failed', reason: 'stopped before sending', transient: true, person, nudgeId: NUDGE_ID, strength: 'weak' };
      sent += 1;
      return { kind: 'alreadyStrong', person };
    };
    const deps = { store, send, scanned, now: () => clock, worker: 'w1', leaseMs: 60_000 };

    expect((await deliverDueBatch(deps, 100)).results).toMatchObject({ later: 1, failed: 0 });
    expect(sent).toBe(0);
    // Due again at once: the next claim sends it.
    const [row] = await db.query<{ status: string; due_at: Date | string; reason: string }>(
      'SELECT status, due_at, reason FROM campaign_deliveries WHERE run_id = $1',
      [run.id],
    );
    expect({ status: row!.status, dueAt: new Date(row!.due_at).getTime() }).toEqual({ status: 'pending', dueAt: later(61_000).getTime() });
    const marked: string[] = [];
    await deliverDueBatch(
      {
        ...deps,
        send: async (request) => {
          if (await cardThroughGate(request)) marked.push(request.userId);
          return { kind: 'alreadyStrong', person };
        },
      },
      100,
    );
    expect(marked).toContain('slow');
    expect(await store.deliveryCounts(run.id)).toMatchObject({ pending: 0, sending: 0, skipped: 1 });
  });

  it("finishes a run whose last delivery was settled when its dead worker's claim ran out, once nothing is due", async () => {
    const campaign = await store.create(plan, { id: 'm1', name: 'Megan' }, NOW);
    const { run } = await store.startRun(campaign.id, NOW, NOW);
    await store.addDeliveries(run.id, [{ userId: 'sent-by-the-dead', dueAt: NOW }]);
    await store.audienceAdded(run.id, NOW);
    // Worker w1 claims the delivery, marks it on its way, and dies before recording what Teams answered.
    const [claimed] = await store.claimDue(NOW, 100, 'w1', later(60_000));
    expect(await store.markSendStarted(claimed!.id, 'w1', NOW)).toBe(true);
    const send = async (): Promise<NudgeResult> => {
      throw new Error('nothing is due: nothing should be sent');
    };
    const deps = { store, send, scanned, now: () => later(61_000), worker: 'w2', leaseMs: 60_000 };

    // w2's next claim settles it (uncertain: no answer was recorded) and, with nothing due, finishes its run.
    const report = await deliverDueBatch(deps, 100);
    expect(report.claimed).toBe(0);
    expect(report.finishedRuns.filter((finished) => finished.id === run.id)).toEqual([
      expect.objectContaining({ status: 'finished', finishedAt: later(61_000) }),
    ]);
    expect((await store.runs(campaign.id))[0]).toMatchObject({ status: 'finished' });
    expect(await store.deliveryCounts(run.id)).toMatchObject({ uncertain: 1, pending: 0, sending: 0 });
    // Once only: the next idle claim finds it finished.
    expect((await deliverDueBatch(deps, 100)).finishedRuns.filter((finished) => finished.id === run.id)).toEqual([]);
  });

  it("skips a person who already had the campaign's most nudges", async () => {
    const campaign = await store.create({ ...plan, maxNudgesPerPerson: 1 }, { id: 'm1', name: 'Megan' }, NOW);
    const sentOnce = await store.startRun(campaign.id, later(-86_400_000), later(-86_400_000));
    await store.addDeliveries(sentOnce.run.id, [{ userId: 'capped', dueAt: later(-86_400_000) }]);
    const [old] = (await store.claimDue(later(-86_400_000), 1000, 'w0', later(-86_000_000))).filter((d) => d.runId === sentOnce.run.id);
    await db.query(`UPDATE campaign_deliveries SET status = 'sent', claimed_by = NULL WHERE id = $1`, [old!.id]);
    const { run } = await store.startRun(campaign.id, NOW, NOW);
    await store.addDeliveries(run.id, [{ userId: 'capped', dueAt: NOW }]);
    await store.audienceAdded(run.id, NOW);
    const send = jest.fn();

    const report = await deliverDueBatch({ store, send, scanned, now: () => NOW, worker: 'w1', leaseMs: 60_000 }, 1000);
    expect(send).not.toHaveBeenCalled();
    expect(report.finishedRuns.map((finished) => finished.id)).toContain(run.id);
    expect(await store.deliveryCounts(run.id)).toMatchObject({ skipped: 1 });
  });

  it('says the batch is placed once each delivery holds its place in the budget or settled without one, and frees each place after Teams answered', async () => {
    const campaign = await store.create(plan, { id: 'm1', name: 'Megan' }, NOW);
    const { run } = await store.startRun(campaign.id, NOW, NOW);
    await store.addDeliveries(
      run.id,
      ['strong', 'first', 'second'].map((userId) => ({ userId, dueAt: NOW })),
    );
    const events: string[] = [];
    const turns: (() => void)[] = [];
    // Each place is held at once; its turn comes when the test says so.
    const pace = async (reserved?: () => void) => {
      events.push('reserved');
      reserved?.();
      await new Promise<void>((resolve) => turns.push(resolve));
      return () => events.push('answered');
    };
    const send = async (request: NudgeRequest): Promise<NudgeResult> => {
      if (request.userId === 'strong') return { kind: 'alreadyStrong', person };
      expect(await cardThroughGate(request, () => events.push(`sent ${request.userId}`))).toBe(true);
      events.push(`recorded ${request.userId}`);
      return { kind: 'blocked', code: 'Forbidden', person, nudgeId: NUDGE_ID, strength: 'weak' };
    };
    const deps = { store, send, scanned, now: () => NOW, worker: 'w1', leaseMs: 60_000, pace };
    const batch = await claimDueBatch(deps, 100);
    expect(batch.deliveries.filter((d) => d.runId === run.id)).toHaveLength(3);
    let placed = false;
    const sending = sendClaimedBatch(deps, batch, () => {
      placed = true;
    });
    await eventually('the batch is placed', () => placed, { timeoutMs: 2000, intervalMs: 5 });
    // Both sends hold their places and wait for their turns; the third settled without one: the batch is placed,
    // though nothing has been sent yet.
    expect(placed).toBe(true);
    expect(events).toEqual(['reserved', 'reserved']);
    expect(turns).toHaveLength(2);
    turns.forEach((turn) => turn());
    const report = await sending;
    expect(report.results).toMatchObject({ failed: 2, skipped: 1 });
    // A place counts until Teams answered its request, never less, and no longer: each is freed right after its
    // send, before the result is recorded.
    expect(events.filter((e) => e === 'answered')).toHaveLength(2);
    for (const who of ['first', 'second'])
      expect(events.slice(events.indexOf(`sent ${who}`), events.indexOf(`sent ${who}`) + 3)).toEqual([
        `sent ${who}`,
        'answered',
        `recorded ${who}`,
      ]);
  });

  it("keeps one delivery's failing check to itself: the rest of the batch is sent, that one goes back for later", async () => {
    const campaign = await store.create(plan, { id: 'm1', name: 'Megan' }, NOW);
    const { run } = await store.startRun(campaign.id, NOW, NOW);
    await store.addDeliveries(
      run.id,
      ['flaky', 'fine-1', 'fine-2'].map((userId) => ({ userId, dueAt: NOW })),
    );
    const looking = async (id: string) => {
      if (id === 'flaky') throw new Error('read ECONNRESET');
      return scanned(id);
    };
    const send = async (request: NudgeRequest): Promise<NudgeResult> => {
      await cardThroughGate(request);
      return { kind: 'blocked', code: 'Forbidden', person, nudgeId: NUDGE_ID, strength: 'weak' };
    };
    const report = await deliverDueBatch({ store, send, scanned: looking, now: () => NOW, worker: 'w1', leaseMs: 60_000 }, 1000);
    expect(report.results).toMatchObject({ failed: 2, later: 1 });
    expect(await store.deliveryCounts(run.id)).toMatchObject({ failed: 2, pending: 1, sending: 0 });
  });

  describe('once a delivery is marked as on its way, it is never sent again (issue 15, item 5)', () => {
    async function oneMarkedDelivery(userId: string) {
      const campaign = await store.create(plan, { id: 'm1', name: 'Megan' }, NOW);
      const { run } = await store.startRun(campaign.id, NOW, NOW);
      await store.addDeliveries(run.id, [{ userId, dueAt: NOW }]);
      const row = async () =>
        (
          await db.query<{ status: string; send_started_at: unknown; reason: string | null }>(
            'SELECT status, send_started_at, reason FROM campaign_deliveries WHERE run_id = $1',
            [run.id],
          )
        )[0]!;
      return { run, row };
    }
    let sends = 0;
    const deps = (send: (request: NudgeRequest) => Promise<NudgeResult>) => ({
      store,
      send,
      scanned,
      now: () => NOW,
      worker: 'w1',
      leaseMs: 60_000,
    });

    it('records uncertain when Teams took the card and then recording it failed, and sends nothing on the next batches', async () => {
      const { run, row } = await oneMarkedDelivery('blip');
      sends = 0;
      const send = async (request: NudgeRequest): Promise<NudgeResult> => {
        if (await cardThroughGate(request)) sends += 1;
        throw new Error('connection terminated unexpectedly');
      };
      expect((await deliverDueBatch(deps(send), 100)).results).toMatchObject({ uncertain: 1, later: 0 });
      expect(await row()).toMatchObject({ status: 'uncertain', reason: expect.stringContaining('after its card left') });
      await deliverDueBatch(deps(send), 100);
      expect(sends).toBe(1);
      expect(await store.deliveryCounts(run.id)).toMatchObject({ uncertain: 1, pending: 0 });
    });

    it('records what Teams answered without confirming (5xx, no answer) as uncertain', async () => {
      const { row } = await oneMarkedDelivery('gateway');
      const send = async (request: NudgeRequest): Promise<NudgeResult> => {
        await cardThroughGate(request);
        return { kind: 'uncertain', reason: 'Bot Connector answered 504', person, nudgeId: NUDGE_ID, strength: 'weak' };
      };
      await deliverDueBatch(deps(send), 100);
      expect(await row()).toMatchObject({ status: 'uncertain' });
    });

    it('clears the mark only for an answer that proves the card did not go (429), and sends it again later', async () => {
      const { row } = await oneMarkedDelivery('throttled');
      const send = async (request: NudgeRequest): Promise<NudgeResult> => {
        await cardThroughGate(request);
        return { kind: 'throttled', retryAfterMs: 1000, person, nudgeId: NUDGE_ID, strength: 'weak' };
      };
      await deliverDueBatch(deps(send), 100);
      expect(await row()).toMatchObject({ status: 'pending', send_started_at: null });
    });

    it('keeps a marked delivery uncertain even if a "try again later" without that proof reaches the store', async () => {
      const { run, row } = await oneMarkedDelivery('guarded');
      const [claimed] = (await store.claimDue(NOW, 1000, 'w9', later(60_000))).filter((d) => d.runId === run.id);
      expect(await store.markSendStarted(claimed!.id, 'w9', NOW)).toBe(true);
      expect(await store.complete(claimed!.id, 'w9', { kind: 'later', at: later(1000), reason: 'something passing' }, NOW)).toBe(true);
      expect(await row()).toMatchObject({ status: 'uncertain' });
      expect((await row()).send_started_at).not.toBeNull();
    });
  });
});

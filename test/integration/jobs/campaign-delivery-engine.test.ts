import type { CampaignStore } from '../../../src/domain/ports/campaign-store';
import { CampaignDeliveryEngine } from '../../../src/adapters/jobs/campaign-delivery-engine';
import type { Database } from '../../../src/adapters/storage/database';
import { sqlCampaignStore } from '../../../src/adapters/storage/sql-campaign-store';
import { SqlSendRate } from '../../../src/adapters/storage/sql-send-rate';
import type { SendRate } from '../../../src/domain/ports/send-rate';
import type { CampaignRun } from '../../../src/domain/campaigns/campaign-run';
import type { SendGate } from '../../../src/domain/ports/send-gate';
import type { NudgeRequest, NudgeResult } from '../../../src/use-cases/send-nudge';
import { campaignPlan } from '../../fakes/campaign-plan';
import { databaseTargets } from '../../support/test-database';
import { cardThroughGate, stoppedBeforeSending } from '../../support/card-through-gate';
import { scannedWithSmsOnly } from '../../fakes/scanned-with-sms-only';
import { eventually, letTimePass } from '../../support/eventually';

const scanned = scannedWithSmsOnly;

const plan = campaignPlan({ name: 'Engine', window: { startHour: 0, endHour: 24, weekdays: [1, 2, 3, 4, 5, 6, 7] } });
const quiet = { info: () => {}, error: jest.fn() };

const waitFor = (condition: () => Promise<boolean>, timeoutMs = 20_000) => eventually('the engine got there', condition, { timeoutMs });

describe.each(databaseTargets())('the campaign delivery engine on $name', (target) => {
  let db: Database;
  let store: CampaignStore;
  beforeAll(async () => {
    db = await target.openMigrated();
    store = sqlCampaignStore(db);
  });
  afterAll(() => db.close());

  async function runFor(people: number): Promise<CampaignRun> {
    const campaign = await store.create(plan, { id: 'm1', name: 'Megan' }, new Date());
    const { run } = await store.startRun(campaign.id, new Date(), new Date());
    await store.addDeliveries(
      run.id,
      Array.from({ length: people }, (_, i) => ({ userId: `${run.id}-${i}`, dueAt: new Date() })),
    );
    await store.audienceAdded(run.id, run.startedAt);
    return run;
  }

  /** A sender that, like the real one, takes its place in the budget and marks the delivery just before it sends, and records when it sent. */
  function recordingSender() {
    const sends: { userId: string; at: number }[] = [];
    const send = async (request: NudgeRequest): Promise<NudgeResult> => {
      // Timed when the budget gave the card its place, which is what the engine's own window limits: timed after the
      // mark (a database write) instead, a busy machine's uneven writes could bunch eleven into one measured second.
      let placedAt = 0;
      const gate = request.gate;
      const timedGate: SendGate | undefined = gate && {
        place: async (kind) => {
          const release = await gate.place(kind);
          placedAt = Date.now();
          return release;
        },
        mark: () => gate.mark(),
      };
      if (!(await cardThroughGate({ ...request, ...(timedGate ? { gate: timedGate } : {}) }))) return stoppedBeforeSending(request);
      sends.push({ userId: request.userId, at: placedAt || Date.now() });
      await letTimePass(5, "Teams' answer takes a moment");
      return { kind: 'alreadyStrong', person: { id: request.userId, displayName: request.userId } };
    };
    return { sends, send };
  }

  /** The most sends in any one-second stretch, wherever it starts (as Teams counts). */
  const busiestSecond = (sends: { at: number }[]) => {
    const times = sends.map((s) => s.at).sort((a, b) => a - b);
    let most = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[i]! - times[j]! >= 1000) j++;
      most = Math.max(most, i - j + 1);
    }
    return most;
  };

  it('delivers every due delivery once, two instances sharing the work and one send budget, and reports finished runs', async () => {
    const run = await runFor(60);
    const { sends, send } = recordingSender();
    const finished: string[] = [];
    const rateName = `engine-${run.id}`;
    // Each engine's own handle on the shared budget, noting each place it was given.
    const grants: number[] = [];
    const budget = (): SendRate => {
      const shared = new SqlSendRate(db, 25, rateName);
      return {
        nextSlot: async (sender) => {
          const slot = await shared.nextSlot(sender);
          grants.push(slot.at.getTime());
          return slot;
        },
      };
    };
    const engines = ['a', 'b'].map(
      (worker) =>
        new CampaignDeliveryEngine(
          { store, send, scanned, now: () => new Date(), worker, leaseMs: 30_000 },
          budget(),
          { batchMax: 10, idleMs: 50, ownLimitPerSecond: 25 },
          quiet,
          async (done) => {
            finished.push(done.id);
          },
        ),
    );
    engines.forEach((engine) => engine.start());
    try {
      await waitFor(async () => finished.includes(run.id));
    } finally {
      await Promise.all(engines.map((engine) => engine.stop()));
    }
    const mine = sends.filter((s) => s.userId.startsWith(run.id));
    expect(mine).toHaveLength(60);
    expect(new Set(mine.map((s) => s.userId)).size).toBe(60);
    // Every send took its own place in the shared budget, and no one-second stretch held more than 25 places,
    // both engines together. The sends themselves go a database write after their place, and on a busy machine
    // some are held up and would go together: each engine's own share (12 of the 25, once both are sending)
    // keeps every second of actual sends within the rate too.
    expect(grants.length).toBe(sends.length);
    expect(new Set(grants).size).toBe(grants.length);
    expect(busiestSecond(grants.map((at) => ({ at })))).toBeLessThanOrEqual(25);
    expect(busiestSecond(sends)).toBeLessThanOrEqual(25);
    expect(Math.max(...grants) - Math.min(...grants)).toBeGreaterThanOrEqual(2000);
    expect(await store.deliveryCounts(run.id)).toMatchObject({ pending: 0, sending: 0, skipped: 60 });
    expect(finished.filter((id) => id === run.id)).toHaveLength(1);
  });

  it('stops at once when asked, finishing the batch in flight, and goes on where it stopped when started again', async () => {
    const run = await runFor(30);
    const { sends, send } = recordingSender();
    const engine = new CampaignDeliveryEngine(
      { store, send, scanned, now: () => new Date(), worker: 'c', leaseMs: 30_000 },
      new SqlSendRate(db, 10, `stop-${run.id}`),
      { batchMax: 10, idleMs: 50 },
      quiet,
    );
    engine.start();
    await waitFor(async () => sends.some((s) => s.userId.startsWith(run.id)));
    await engine.stop();
    const counts = await store.deliveryCounts(run.id);
    expect(counts.sending).toBe(0);
    expect(counts.skipped).toBeLessThan(30);
    engine.start();
    await waitFor(async () => (await store.deliveryCounts(run.id)).skipped === 30);
    await engine.stop();
    expect(new Set(sends.filter((s) => s.userId.startsWith(run.id)).map((s) => s.userId)).size).toBe(30);
    expect(sends.filter((s) => s.userId.startsWith(run.id))).toHaveLength(30);
  });

  it('pauses mid-run (nothing more is claimed), resumes where it stopped, and a cancel mid-run drops what waits at once', async () => {
    const run = await runFor(40);
    const { sends, send } = recordingSender();
    const mine = () => sends.filter((s) => s.userId.startsWith(run.id));
    const engine = new CampaignDeliveryEngine(
      { store, send, scanned, now: () => new Date(), worker: 'p', leaseMs: 30_000 },
      new SqlSendRate(db, 10, `pause-${run.id}`),
      { batchMax: 5, idleMs: 50 },
      quiet,
    );
    engine.start();
    try {
      await waitFor(async () => mine().length >= 5);
      await store.setStatus(run.campaignId, 'paused', ['active'], new Date());
      // The batch in flight finishes; then nothing more goes out while paused.
      await waitFor(async () => (await store.deliveryCounts(run.id)).sending === 0);
      const atPause = mine().length;
      await letTimePass(1500, 'nothing goes out while paused');
      expect(mine().length).toBe(atPause);
      expect(atPause).toBeLessThan(40);

      await store.setStatus(run.campaignId, 'active', ['paused'], new Date());
      await waitFor(async () => mine().length >= atPause + 5);
      await store.setStatus(run.campaignId, 'cancelled', ['active', 'paused'], new Date());
      await waitFor(async () => (await store.deliveryCounts(run.id)).sending === 0);
      const atCancel = mine().length;
      await letTimePass(1500, 'nothing goes out once cancelled');
      expect(mine().length).toBe(atCancel);
      const counts = await store.deliveryCounts(run.id);
      // Each person at most once; everyone not reached before the cancel is cancelled, none left waiting.
      expect(new Set(mine().map((s) => s.userId)).size).toBe(atCancel);
      expect(counts).toMatchObject({ pending: 0, sending: 0, skipped: atCancel, cancelled: 40 - atCancel });
      expect((await store.runs(run.campaignId))[0]!.status).toBe('cancelled');
    } finally {
      await engine.stop();
    }
  });

  it('loses nothing and repeats nothing when an instance dies mid-run: its unsent claims go to another, its send in flight is uncertain', async () => {
    const run = await runFor(20);
    const delivered: string[] = [];
    let hang: (() => void) | undefined;
    // The dying instance: its fourth send leaves (its gate marks it) and never comes back, as if the process died there.
    let calls = 0;
    const dying = async (request: NudgeRequest): Promise<NudgeResult> => {
      calls += 1;
      if (calls === 4) {
        await cardThroughGate(
          request,
          () =>
            new Promise<void>((resolve) => {
              hang = resolve;
            }),
        );
        throw new Error('the process is gone');
      }
      if (!(await cardThroughGate(request))) return stoppedBeforeSending(request);
      delivered.push(request.userId);
      return { kind: 'alreadyStrong', person: { id: request.userId, displayName: request.userId } };
    };
    const { sends, send } = recordingSender();
    const a = new CampaignDeliveryEngine(
      { store, send: dying, scanned, now: () => new Date(), worker: 'dies', leaseMs: 1000 },
      new SqlSendRate(db, 100, `crash-a-${run.id}`),
      { batchMax: 10, idleMs: 50 },
      quiet,
    );
    a.start();
    await waitFor(async () => hang !== undefined);
    // The second instance takes over once the dead one's lease has run out.
    const b = new CampaignDeliveryEngine(
      { store, send, scanned, now: () => new Date(), worker: 'survives', leaseMs: 30_000 },
      new SqlSendRate(db, 100, `crash-b-${run.id}`),
      { batchMax: 10, idleMs: 50 },
      quiet,
    );
    b.start();
    try {
      await waitFor(async () => {
        const counts = await store.deliveryCounts(run.id);
        return counts.pending === 0 && counts.sending === 0;
      });
    } finally {
      await b.stop();
      hang?.();
      await a.stop();
    }
    const byB = sends.filter((s) => s.userId.startsWith(run.id)).map((s) => s.userId);
    const all = [...delivered, ...byB];
    // 19 sent once each by one instance or the other; the one in flight when the first died is uncertain, never resent.
    expect(all).toHaveLength(19);
    expect(new Set(all).size).toBe(19);
    const counts = await store.deliveryCounts(run.id);
    expect(counts).toMatchObject({ pending: 0, sending: 0, uncertain: 1, skipped: 19 });
  });

  it('claims the next batch while the one before waits for its turns to send, never holding more than two batches', async () => {
    const run = await runFor(40);
    // Each send first does its checks (a Graph read, the database), as the real one does, then waits for its turn.
    const { sends, send: recording } = recordingSender();
    const send = async (request: NudgeRequest) => {
      await letTimePass(100, "a send's checks take a while");
      return recording(request);
    };
    let unsettled = 0;
    const overlaps: number[] = [];
    const counting = Object.create(store) as CampaignStore;
    counting.claimDue = async (...args) => {
      const claimed = await store.claimDue(...args);
      if (claimed.length > 0) overlaps.push(unsettled);
      unsettled += claimed.length;
      return claimed;
    };
    counting.complete = async (...args) => {
      unsettled -= 1;
      return store.complete(...args);
    };
    const engine = new CampaignDeliveryEngine(
      { store: counting, send, scanned, now: () => new Date(), worker: 'overlap', leaseMs: 30_000 },
      new SqlSendRate(db, 40, `overlap-${run.id}`),
      { batchMax: 5, idleMs: 50 },
      quiet,
    );
    engine.start();
    try {
      await waitFor(async () => (await store.deliveryCounts(run.id)).skipped === 40);
    } finally {
      await engine.stop();
    }
    expect(new Set(sends.filter((s) => s.userId.startsWith(run.id)).map((s) => s.userId)).size).toBe(40);
    // Waiting for each batch to end before claiming the next would claim with nothing unsettled, every time.
    expect(overlaps.length).toBeGreaterThanOrEqual(8);
    expect(overlaps.filter((n) => n > 0).length).toBeGreaterThanOrEqual(overlaps.length / 2);
    expect(Math.max(...overlaps)).toBeLessThanOrEqual(5);
  });

  it('keeps to one budget by one clock: an instance whose clock is an hour ahead holds no other instance back', async () => {
    const rateName = `clocks-${Date.now()}`;
    const engineWith = (worker: string, offsetMs: number, sender: (request: NudgeRequest) => Promise<NudgeResult>) =>
      new CampaignDeliveryEngine(
        { store, send: sender, scanned, now: () => new Date(Date.now() + offsetMs), worker, leaseMs: 30_000 },
        new SqlSendRate(db, 20, rateName),
        { batchMax: 10, idleMs: 50, ownLimitPerSecond: 20 },
        quiet,
      );
    const ahead = recordingSender();
    const first = await runFor(10);
    const fast = engineWith('ahead', 3600_000, ahead.send);
    fast.start();
    try {
      await waitFor(async () => (await store.deliveryCounts(first.id)).skipped === 10);
    } finally {
      await fast.stop();
    }
    // The next instance, with the right time, shares the same budget: its sends go at the rate, not an hour on.
    const onTime = recordingSender();
    const second = await runFor(10);
    const engine = engineWith('on-time', 0, onTime.send);
    engine.start();
    try {
      await waitFor(async () => (await store.deliveryCounts(second.id)).skipped === 10, 10_000);
    } finally {
      await engine.stop();
    }
    expect(onTime.sends.filter((s) => s.userId.startsWith(second.id))).toHaveLength(10);
  });

  it("keeps one instance's sends within its own one-second limit even when they come in a bunch, and frees each place once Teams answered", async () => {
    const run = await runFor(24);
    const { sends, send } = recordingSender();
    // A shared budget that lets everything through at once: as if the sends had all been held up on their way.
    const open: SendRate = { nextSlot: async () => ({ at: new Date(), waitMs: 0, senders: 1 }) };
    const engine = new CampaignDeliveryEngine(
      { store, send, scanned, now: () => new Date(), worker: 'own', leaseMs: 30_000 },
      open,
      { batchMax: 24, idleMs: 50, ownLimitPerSecond: 10 },
      quiet,
    );
    engine.start();
    try {
      await waitFor(async () => (await store.deliveryCounts(run.id)).skipped === 24);
    } finally {
      await engine.stop();
    }
    const mine = sends.filter((s) => s.userId.startsWith(run.id));
    expect(mine).toHaveLength(24);
    expect(busiestSecond(mine)).toBeLessThanOrEqual(10);
    // 24 sends at 10 a second: the third ten cannot start before two full seconds (and a little) have passed.
    const times = mine.map((s) => s.at).sort((a, b) => a - b);
    expect(times[23]! - times[0]!).toBeGreaterThanOrEqual(2000);
  });

  it('sends to people with no chat yet (a new chat, then the card) with more of them in flight than its own window holds', async () => {
    const run = await runFor(24);
    const { sends, send: recording } = recordingSender();
    const requests: number[] = [];
    // Everyone needs a new chat first: one request to Teams, then the card.
    const send = async (request: NudgeRequest) => {
      const answered = await request.gate!.place('newChat');
      requests.push(Date.now());
      await letTimePass(5, "Teams' answer to the new chat takes a moment");
      answered();
      return recording(request);
    };
    const counting = (request: NudgeRequest) =>
      send({
        ...request,
        gate: {
          place: (what) => request.gate!.place(what),
          mark: async () => {
            const go = await request.gate!.mark();
            requests.push(Date.now());
            return go;
          },
        },
      });
    const engine = new CampaignDeliveryEngine(
      { store, send: counting, scanned, now: () => new Date(), worker: 'chats', leaseMs: 30_000 },
      new SqlSendRate(db, 20, `chats-${run.id}`),
      { batchMax: 12, idleMs: 50, ownLimitPerSecond: 20 },
      quiet,
    );
    engine.start();
    try {
      // A place held for a new chat while waiting for the card's would leave the window full of waiting sends.
      await waitFor(async () => (await store.deliveryCounts(run.id)).skipped === 24, 15_000);
    } finally {
      await engine.stop();
    }
    expect(new Set(sends.filter((s) => s.userId.startsWith(run.id)).map((s) => s.userId)).size).toBe(24);
    expect(requests).toHaveLength(48);
    expect(busiestSecond(requests.map((at) => ({ at })))).toBeLessThanOrEqual(20);
  });

  it('looks less and less often while nothing is due, and at once when poked', async () => {
    let looks = 0;
    const counting = Object.create(store) as CampaignStore;
    counting.claimDue = async (...args) => {
      looks += 1;
      return store.claimDue(...args);
    };
    const { send } = recordingSender();
    const engine = new CampaignDeliveryEngine(
      { store: counting, send, scanned, now: () => new Date(), worker: 'idle', leaseMs: 30_000 },
      new SqlSendRate(db, 10, 'idle'),
      { batchMax: 5, idleMs: 50, maxIdleMs: 800 },
      quiet,
    );
    engine.start();
    try {
      await letTimePass(3000, 'an idle engine looks less and less often');
      // 50, 100, 200, 400, 800, 800… ms: about 7 looks in 3 s, where a fixed 50 ms pause would make some 60.
      expect(looks).toBeGreaterThanOrEqual(4);
      expect(looks).toBeLessThanOrEqual(10);
      const before = looks;
      const run = await runFor(3);
      engine.poke();
      await waitFor(async () => (await store.deliveryCounts(run.id)).skipped === 3, 2000);
      expect(looks).toBeGreaterThan(before);
    } finally {
      await engine.stop();
    }
  });

  // Issue 15, item 3: a loop waiting on something that never answers used to stop every campaign for good.
  it('has a watchdog that notices a wedged loop, logs it, starts a fresh one, and says so in its health', async () => {
    const run = await runFor(3);
    let wedged = true;
    let fixed = false;
    const hanging = Object.create(store) as CampaignStore;
    hanging.claimDue = async (...args) => {
      if (wedged || !fixed) {
        wedged = false;
        // A claim that never answers (a driver without a deadline we did not foresee).
        return new Promise<never>(() => undefined);
      }
      return store.claimDue(...args);
    };
    const logged = { info: () => {}, error: jest.fn() };
    const { send } = recordingSender();
    const engine = new CampaignDeliveryEngine(
      { store: hanging, send, scanned, now: () => new Date(), worker: 'wedged', leaseMs: 30_000 },
      new SqlSendRate(db, 50, `wedged-${run.id}`),
      { batchMax: 10, idleMs: 50, stallMs: 400 },
      logged,
    );
    engine.start();
    try {
      // Stuck: unhealthy (what /readyz reports), and replaced once per stall while it stays stuck.
      await waitFor(async () => !engine.health().healthy && engine.health().restarts >= 1, 5000);
      fixed = true;
      await waitFor(async () => (await store.deliveryCounts(run.id)).skipped === 3, 10_000);
      expect(logged.error).toHaveBeenCalledWith(expect.objectContaining({ restarts: 1 }), expect.stringContaining('watchdog restarts it'));
      expect(engine.health().healthy).toBe(true);
    } finally {
      await engine.stop();
    }
  });
});

import { RequestPacer } from '../../src/adapters/request-pacer';
import { VirtualClock } from './graph/virtual-clock';

/** Unit tests (no network) kept next to the Graph integration tests they support; time is a virtual clock's. */

/** One caller sending `count` requests one after another, each answered `latencyMs` after it went; when each went. */
async function sendOneAfterAnother(pacer: RequestPacer, clock: VirtualClock, count: number, latencyMs: number): Promise<number[]> {
  const sentAt: number[] = [];
  const run = (async () => {
    for (let i = 0; i < count; i++) {
      const slot = await pacer.acquire();
      sentAt.push(clock.now());
      if (latencyMs > 0) await clock.sleep(latencyMs);
      slot.release();
    }
  })();
  await clock.runUntilIdle();
  await run;
  return sentAt;
}

describe('RequestPacer', () => {
  it('lets `limit` requests through at once, then one window after each response', async () => {
    const clock = new VirtualClock();
    const pacer = new RequestPacer({ limit: 5, windowMs: 10_000 }, clock);
    const sentAt = await sendOneAfterAnother(pacer, clock, 12, 0); // zero latency: the response is back at once
    expect(sentAt).toEqual([0, 0, 0, 0, 0, 10_000, 10_000, 10_000, 10_000, 10_000, 20_000, 20_000]);
    expect(pacer.stats().granted).toBe(12);
  });

  it('counts the window from the response, so slow answers cannot squeeze six requests into one window at the server', async () => {
    const clock = new VirtualClock();
    const pacer = new RequestPacer({ limit: 2, windowMs: 1_000 }, clock);
    const sentAt = await sendOneAfterAnother(pacer, clock, 4, 300);
    // #1 sent 0, back 300; #2 sent 300, back 600; #3 waits for 300 + 1000; #4 for 600 + 1000, but #3 is back only at 1600.
    expect(sentAt).toEqual([0, 300, 1300, 1600]);
  });

  it('never grants more than `limit` slots within any window, however many callers compete', async () => {
    const clock = new VirtualClock();
    const budget = { limit: 3, windowMs: 500 };
    const pacer = new RequestPacer(budget, clock);
    const intervals: { sent: number; back: number }[] = [];
    const callers = Array.from({ length: 6 }, (_, c) =>
      (async () => {
        for (let i = 0; i < 5; i++) {
          const slot = await pacer.acquire();
          const sent = clock.now();
          await clock.sleep(10 + ((c * 7 + i * 13) % 40));
          intervals.push({ sent, back: clock.now() });
          slot.release();
        }
      })(),
    );
    await clock.runUntilIdle();
    await Promise.all(callers);
    expect(intervals).toHaveLength(30);
    // A request occupies [sent, back + window): at no instant may more than `limit` of those overlap.
    for (const { sent } of intervals) {
      const overlapping = intervals.filter((o) => o.sent <= sent && sent < o.back + budget.windowMs);
      expect(overlapping.length).toBeLessThanOrEqual(budget.limit);
    }
  });

  it('serves waiting callers first come, first served', async () => {
    const clock = new VirtualClock();
    const pacer = new RequestPacer({ limit: 1, windowMs: 100 }, clock);
    const order: string[] = [];
    const take = async (name: string) => {
      const slot = await pacer.acquire();
      order.push(name);
      slot.release();
    };
    const all = Promise.all(['scan-1', 'recheck', 'scan-2', 'scan-3'].map(take));
    await clock.runUntilIdle();
    await all;
    expect(order).toEqual(['scan-1', 'recheck', 'scan-2', 'scan-3']);
  });

  it('holds every caller after a Retry-After, even with free slots', async () => {
    const clock = new VirtualClock();
    const pacer = new RequestPacer({ limit: 5, windowMs: 1_000 }, clock);
    (await pacer.acquire()).release();
    pacer.holdFor(2_500);
    let grantedAt: number | undefined;
    const waiting = pacer.acquire().then((slot) => {
      grantedAt = clock.now();
      slot.release();
    });
    await clock.advance(2_499);
    expect(grantedAt).toBeUndefined();
    await clock.advance(1);
    await waiting;
    expect(grantedAt).toBe(2_500);
  });

  it('keeps a slot taken while its request is in flight, however long that takes', async () => {
    const clock = new VirtualClock();
    const pacer = new RequestPacer({ limit: 1, windowMs: 100 }, clock);
    const first = await pacer.acquire();
    let second = false;
    const waiting = pacer.acquire().then((slot) => {
      second = true;
      slot.release();
    });
    await clock.advance(10_000);
    expect(second).toBe(false);
    first.release();
    await clock.advance(99);
    expect(second).toBe(false);
    await clock.advance(1);
    await waiting;
    expect(second).toBe(true);
  });

  it('acquireUpTo waits for one slot and adds only the ones free at that moment', async () => {
    const clock = new VirtualClock();
    const pacer = new RequestPacer({ limit: 5, windowMs: 1_000 }, clock);
    const held = [await pacer.acquire(), await pacer.acquire(), await pacer.acquire()];
    const batch = await pacer.acquireUpTo(20);
    expect(batch).toHaveLength(2);
    for (const slot of [...held, ...batch]) slot.release();
    const later = pacer.acquireUpTo(20);
    await clock.advance(1_000);
    expect(await later).toHaveLength(5);
  });

  it('refuses a budget it cannot keep', () => {
    expect(() => new RequestPacer({ limit: 0, windowMs: 1000 })).toThrow(RangeError);
    expect(() => new RequestPacer({ limit: 2.5, windowMs: 1000 })).toThrow(RangeError);
  });
});

describe('RequestPacer.acquire with an abort signal', () => {
  it('gives up a queued wait when the signal aborts, takes no slot, and serves the next caller as before', async () => {
    const clock = new VirtualClock();
    const pacer = new RequestPacer({ limit: 1, windowMs: 1_000 }, clock);
    (await pacer.acquire()).release();
    const impatient = new AbortController();
    const gaveUp = pacer.acquire(impatient.signal).then(
      () => 'granted',
      (reason: unknown) => reason,
    );
    const patient = pacer.acquire().then((slot) => {
      slot.release();
      return clock.now();
    });
    await clock.advance(200);
    impatient.abort('too slow');
    await clock.settle();
    expect(await gaveUp).toBe('too slow');
    await clock.runUntilIdle();
    expect(await patient).toBe(1_000);
    expect(pacer.stats().granted).toBe(2);
  });

  it('refuses at once with a signal that has already aborted', async () => {
    const pacer = new RequestPacer({ limit: 5, windowMs: 1_000 }, new VirtualClock());
    await expect(pacer.acquire(AbortSignal.abort('no'))).rejects.toBe('no');
    expect(pacer.stats().granted).toBe(0);
  });
});

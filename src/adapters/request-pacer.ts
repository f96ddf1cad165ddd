/** At most `limit` requests in any `windowMs`. */
export interface PacerBudget {
  limit: number;
  windowMs: number;
}

/** Time, injectable so the pacer can be tested without waiting. */
export interface PacerClock {
  /** Milliseconds on a monotonic scale. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: PacerClock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

/** A granted request. Call `release()` once its response has arrived (or it failed). */
export interface PacerSlot {
  release(): void;
}

export interface PacerStats {
  /** Slots handed out: every request sent under this pacer, retries included. */
  granted: number;
  /** Time callers spent waiting for a slot, summed over callers. */
  waitedMs: number;
}

interface Slot extends PacerSlot {
  endedAt: number | null;
}

/**
 * Spaces requests so that a service's sliding-window budget is never exceeded, instead of finding the limit
 * by running into 429s.
 *
 * A slot is taken when a request is sent and stays taken until a full window after its response arrived.
 * The service counts a request when it arrives, which a client cannot see; the response is the latest moment
 * it can have arrived, so counting the window from there is never early, whatever the network latency.
 * The price is one round trip per window, a few per cent of a 10 s window.
 *
 * Callers are served first come, first served, so a live recheck queued behind a scan waits its turn rather
 * than starving it or being starved. `holdFor` stops everyone when the service says Retry-After: the
 * budget is per tenant, not per caller.
 */
export class RequestPacer {
  private readonly slots: Slot[] = [];
  private turn: Promise<unknown> = Promise.resolve();
  private heldUntil = 0;
  private wakeOnRelease: (() => void)[] = [];
  private readonly counters: PacerStats = { granted: 0, waitedMs: 0 };

  constructor(
    private current: Readonly<PacerBudget>,
    private readonly clock: PacerClock = systemClock,
  ) {
    checkLimit(current.limit);
    if (!(current.windowMs >= 0)) throw new RangeError('pacer budget: windowMs must be >= 0');
  }

  get budget(): Readonly<PacerBudget> {
    return this.current;
  }

  /**
   * A new limit from now on (this instance's share of a budget others draw from changed). Slots already taken
   * keep counting: a lower limit only makes the next requests wait longer.
   */
  resize(limit: number): void {
    checkLimit(limit);
    if (limit === this.current.limit) return;
    this.current = { ...this.current, limit };
    // A higher limit may free a place at once for someone waiting.
    this.wakeWaiting();
  }

  /**
   * Waits for one slot. With a `signal`, gives up when it aborts (e.g. a chat turn that cannot wait behind a
   * scan for a whole window): the promise rejects with the signal's reason and no slot is taken.
   */
  acquire(signal?: AbortSignal): Promise<PacerSlot> {
    if (!signal) return this.inTurn(() => this.waitForSlot());
    if (signal.aborted) return Promise.reject(signal.reason);
    const granted = this.inTurn(async () => {
      signal.throwIfAborted();
      const slot = await this.waitForSlot(signal);
      if (signal.aborted) {
        // Granted in the very turn the caller gave up: hand it back untouched, or it would never be released.
        this.slots.splice(this.slots.indexOf(slot as Slot), 1);
        this.counters.granted--;
        throw signal.reason;
      }
      return slot;
    });
    const aborted = new Promise<never>((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
    return Promise.race([granted, aborted]);
  }

  /**
   * Waits for one slot, then takes every other slot free at that moment, up to `max`: a JSON batch can then
   * carry as many requests as the budget allows right now, never more (Graph counts each one).
   */
  acquireUpTo(max: number): Promise<PacerSlot[]> {
    return this.inTurn(async () => {
      const slots: PacerSlot[] = [await this.waitForSlot()];
      while (slots.length < max) {
        const slot = this.tryTake(this.clock.now());
        if (!slot) break;
        slots.push(slot);
      }
      return slots;
    });
  }

  /** Hands out no slot for the next `ms`: the service answered 429 with Retry-After. */
  holdFor(ms: number): void {
    this.heldUntil = Math.max(this.heldUntil, this.clock.now() + ms);
  }

  stats(): PacerStats {
    return { ...this.counters };
  }

  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const result = this.turn.then(work);
    this.turn = result.catch(() => undefined);
    return result;
  }

  private async waitForSlot(signal?: AbortSignal): Promise<PacerSlot> {
    const started = this.clock.now();
    for (;;) {
      signal?.throwIfAborted();
      const now = this.clock.now();
      if (now < this.heldUntil) {
        await this.clock.sleep(this.heldUntil - now);
        continue;
      }
      const slot = this.tryTake(now);
      if (slot) {
        this.counters.waitedMs += now - started;
        return slot;
      }
      // A slot still in flight frees later than any finished one, so the earliest finished slot decides.
      const freeAt = this.earliestExpiry();
      if (freeAt !== null) await this.clock.sleep(freeAt - now);
      else await new Promise<void>((resolve) => this.wakeOnRelease.push(resolve));
    }
  }

  private tryTake(now: number): Slot | null {
    const { limit, windowMs } = this.current;
    for (let i = this.slots.length - 1; i >= 0; i--) {
      const endedAt = (this.slots[i] as Slot).endedAt;
      if (endedAt !== null && endedAt + windowMs <= now) this.slots.splice(i, 1);
    }
    if (this.slots.length >= limit) return null;
    const slot: Slot = {
      endedAt: null,
      release: () => {
        if (slot.endedAt !== null) return;
        slot.endedAt = this.clock.now();
        this.wakeWaiting();
      },
    };
    this.slots.push(slot);
    this.counters.granted++;
    return slot;
  }

  /** Wakes everyone waiting for a place to free up: each looks again. */
  private wakeWaiting(): void {
    const waiting = this.wakeOnRelease;
    this.wakeOnRelease = [];
    for (const wake of waiting) wake();
  }

  private earliestExpiry(): number | null {
    let earliest: number | null = null;
    for (const { endedAt } of this.slots) {
      if (endedAt !== null && (earliest === null || endedAt < earliest)) earliest = endedAt;
    }
    return earliest === null ? null : earliest + this.current.windowMs;
  }
}

function checkLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError('pacer budget: limit must be an integer >= 1');
}

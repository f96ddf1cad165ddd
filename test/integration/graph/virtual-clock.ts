import type { PacerClock } from '../../../src/adapters/request-pacer';

/**
 * Time that only moves when the test says so: `sleep` parks the caller until `advance`/`runUntilIdle` brings
 * the clock to its wake-up time. Lets pacer and retry tests check exact timings without waiting for them.
 */
export class VirtualClock implements PacerClock {
  private time = 0;
  private sleepers: { at: number; wake: () => void }[] = [];
  readonly sleeps: number[] = [];

  now(): number {
    return this.time;
  }

  sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    return new Promise((wake) => {
      this.sleepers.push({ at: this.time + Math.max(0, ms), wake });
      this.sleepers.sort((a, b) => a.at - b.at);
    });
  }

  /** Lets pending promise callbacks run (several turns, since they chain). */
  async settle(): Promise<void> {
    for (let i = 0; i < 20; i++) await new Promise<void>((resolve) => setImmediate(resolve));
  }

  /** Moves time forward by `ms`, waking every sleeper due on the way, in order. */
  async advance(ms: number): Promise<void> {
    const until = this.time + ms;
    await this.settle();
    for (;;) {
      const next = this.sleepers[0];
      if (!next || next.at > until) break;
      this.sleepers.shift();
      this.time = next.at;
      next.wake();
      await this.settle();
    }
    this.time = until;
    await this.settle();
  }

  /** Wakes sleepers in time order until nobody sleeps any more. */
  async runUntilIdle(limit = 100_000): Promise<void> {
    await this.settle();
    for (let i = 0; i < limit && this.sleepers.length > 0; i++) {
      const next = this.sleepers.shift()!;
      this.time = Math.max(this.time, next.at);
      next.wake();
      await this.settle();
    }
  }
}

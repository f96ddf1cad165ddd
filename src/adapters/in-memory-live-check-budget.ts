import { LIVE_CHECK_LIMITS, longestLiveCheckWindowMs, nextLiveCheckAt, type LiveCheckWindow } from '../domain/mfa/live-check-limit';
import type { LastLiveCheck, LiveCheckBudget, LiveCheckTicket } from '../domain/ports/live-check-budget';

/** How often, at most, everyone's entries are looked through for people who have not checked for a while. */
const SWEEP_EVERY_MS = 60_000;

interface Person {
  /** When their granted checks were made, within the longest window. */
  checkedAt: number[];
  last?: LastLiveCheck;
}

/**
 * Each person's live checks, kept in this bot instance's memory. With several instances, each allows a person its
 * own share (three instances: up to three times the limit), which still keeps one person far below the tenant's
 * budget; the tenant-wide pacing of every directory call stays the real guard.
 *
 * Memory stays small: a person is forgotten, with their last result, once their latest check is older than the
 * longest window (an hour), and each person holds at most as many times as that window allows.
 */
export class InMemoryLiveCheckBudget implements LiveCheckBudget {
  private readonly people = new Map<string, Person>();
  private readonly forgetAfterMs: number;
  private lastSweepMs = -Infinity;

  constructor(private readonly limits: readonly LiveCheckWindow[] = LIVE_CHECK_LIMITS) {
    // Checked once here, so that a wrong limit stops the start rather than a person's first check.
    nextLiveCheckAt([], new Date(0), limits);
    this.forgetAfterMs = longestLiveCheckWindowMs(limits);
  }

  /** How many people are remembered (for tests of forgetting). */
  get size(): number {
    return this.people.size;
  }

  take(userId: string, now: Date): LiveCheckTicket {
    const nowMs = now.getTime();
    this.sweep(nowMs);
    const person = this.people.get(userId);
    const recent = (person?.checkedAt ?? []).filter((at) => nowMs - at < this.forgetAfterMs);
    const retryAt = nextLiveCheckAt(
      recent.map((at) => new Date(at)),
      now,
      this.limits,
    );
    if (retryAt) {
      if (person) person.checkedAt = recent;
      return { kind: 'limited', retryAt, ...(person?.last ? { last: person.last } : {}) };
    }
    recent.push(nowMs);
    this.people.set(userId, { checkedAt: recent, ...(person?.last ? { last: person.last } : {}) });
    return { kind: 'granted' };
  }

  remember(userId: string, found: LastLiveCheck): void {
    const person = this.people.get(userId);
    // Only while their checks are remembered; of two checks that crossed, the later one wins.
    if (!person || (person.last && person.last.checkedAt.getTime() > found.checkedAt.getTime())) return;
    person.last = { methods: [...found.methods], checkedAt: found.checkedAt };
  }

  private sweep(nowMs: number): void {
    if (nowMs >= this.lastSweepMs && nowMs - this.lastSweepMs < SWEEP_EVERY_MS) return;
    this.lastSweepMs = nowMs;
    for (const [userId, person] of this.people) {
      if (person.checkedAt.every((at) => nowMs - at >= this.forgetAfterMs)) this.people.delete(userId);
    }
  }
}

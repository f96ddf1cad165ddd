import { SENDER_QUIET_MS } from '../../src/adapters/storage/sql-send-rate';
import type { SendRate, SendSlot } from '../../src/domain/ports/send-rate';
import { sendSpacingMicros } from '../../src/domain/nudges/send-spacing';

/** An instance is noted as sending at most this often: a busy instance does not rewrite its mark for every send. */
const NOTE_SENDER_EVERY_MS = 500;

/** What every instance shares, as they share the database: each budget's next free place, and who asked lately. */
export class InMemorySendBudgets {
  /** Budget name → the next free place, in microseconds since the epoch. */
  readonly nextFree = new Map<string, number>();
  /** Budget name → sender → when it was last noted asking, in milliseconds since the epoch. */
  readonly senders = new Map<string, Map<string, number>>();
}

/** `SendRate` in memory, held to the same contract as the SQL budget; the process's clock stands for the database's. */
export class InMemorySendRate implements SendRate {
  private readonly spacingMicros: number;

  constructor(
    private readonly budgets: InMemorySendBudgets,
    perSecond: number,
    private readonly name = 'teams',
    private readonly quietMs = SENDER_QUIET_MS,
  ) {
    this.spacingMicros = sendSpacingMicros(perSecond);
  }

  async nextSlot(sender = 'unnamed'): Promise<SendSlot> {
    const nowMs = Date.now();
    const atMicros = Math.max(this.budgets.nextFree.get(this.name) ?? 0, nowMs * 1000);
    this.budgets.nextFree.set(this.name, atMicros + this.spacingMicros);
    const seen = this.budgets.senders.get(this.name) ?? new Map<string, number>();
    this.budgets.senders.set(this.name, seen);
    const others = [...seen].filter(([name, lastAt]) => name !== sender && lastAt > nowMs - this.quietMs).length;
    const noted = seen.get(sender);
    if (noted === undefined || noted < nowMs - NOTE_SENDER_EVERY_MS) seen.set(sender, nowMs);
    const at = new Date(Math.floor(atMicros / 1000));
    return { at, waitMs: Math.max(0, atMicros / 1000 - nowMs), senders: 1 + others };
  }
}

import type { SendRate } from '../../domain/ports/send-rate';
import type { SendPace } from '../../domain/ports/send-gate';
import { RequestPacer } from '../request-pacer';

/**
 * The door every request to Teams on the tenant's send budget goes through, in this instance: campaign cards,
 * new 1:1 chats, admins' nudges, snooze reminders and managers' escalation cards alike. Built once, before
 * anything that sends, and handed to each of them, so no sender reaches into another to take its place.
 *
 * A place is the shared budget's next slot (`SendRate`: spaced evenly over every instance), then room in this
 * instance's own one-second window, sized to its share of the rate (the rate divided by the instances sending
 * lately), so that sends held up on their way cannot bunch into a second above the rate.
 */
export class SendBudget {
  private readonly ownWindow: RequestPacer | undefined;

  /**
   * `worker`: this instance's name in the shared budget. `ownLimitPerSecond`: the tenant's rate, kept by this
   * instance too (unset: only the shared budget paces). `observeWaitMs`: told how long each send waited for its
   * place, for the operator's figures.
   */
  constructor(
    private readonly rate: SendRate,
    private readonly worker: string,
    private readonly ownLimitPerSecond?: number,
    private readonly observeWaitMs?: (ms: number) => void,
  ) {
    this.ownWindow = ownLimitPerSecond ? new RequestPacer({ limit: ownLimitPerSecond, windowMs: 1000 }) : undefined;
  }

  /**
   * Waits for this send's place; `reserved` is told as soon as the shared place is held. The place in the own
   * window is held until the returned `answered` is called (once Teams has answered the request).
   */
  readonly take: SendPace = async (reserved) => {
    const asked = performance.now();
    const slot = await this.rate.nextSlot(this.worker);
    reserved?.();
    // This instance's share: the shares of all the instances sending add up to the rate, never more.
    if (this.ownLimitPerSecond) this.ownWindow?.resize(Math.max(1, Math.floor(this.ownLimitPerSecond / Math.max(1, slot.senders))));
    if (slot.waitMs > 0) await new Promise((resolve) => setTimeout(resolve, slot.waitMs).unref());
    const own = await this.ownWindow?.acquire();
    this.observeWaitMs?.(performance.now() - asked);
    return () => own?.release();
  };
}

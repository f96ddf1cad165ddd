import type { SendGate, SendPace } from '../ports/send-gate';

/** A gate that lets everything through at once: a send nobody paces or marks. */
export const OPEN_GATE: SendGate = {
  place: async () => () => {},
  mark: async () => true,
};

/**
 * A gate whose places are the send budget's (each freed once, however many times it is said). `placed` is told
 * once the card holds its place in the budget (a campaign batch then claims its next one); `mark` is the
 * sender's own point of no return. Without a budget, places are free and `placed` is told at once.
 */
export function budgetGate(pace: SendPace | undefined, options: { placed?: () => void; mark?: () => Promise<boolean> } = {}): SendGate {
  return {
    async place(request) {
      const reserved = request === 'card' ? options.placed : undefined;
      if (!pace) {
        reserved?.();
        return () => {};
      }
      return once(await pace(reserved));
    },
    mark: options.mark ?? (async () => true),
  };
}

/**
 * The gate with one more step at its mark, run only when the gate's own mark let the card go: a keyed nudge
 * records that its card is on its way after any campaign marked its delivery.
 */
export function markingAlso(gate: SendGate, mark: () => Promise<boolean>): SendGate {
  return {
    place: (request) => gate.place(request),
    mark: async () => (await gate.mark()) && (await mark()),
  };
}

/** `fn`, for callers that may say the same thing twice (as it happens and again when all is over): it runs once. */
export function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}

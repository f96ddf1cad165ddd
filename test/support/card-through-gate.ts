import type { NudgeRequest, NudgeResult } from '../../src/use-cases/send-nudge';

/**
 * What the real sender (sendNudge) does with a request's gate around its card, for tests' fake senders: takes
 * the card's place, marks it and, when the mark lets it go, sends it (`leave`); the place is freed once that is
 * over. Answers whether the card left.
 */
export async function cardThroughGate(request: NudgeRequest, leave: () => unknown = () => {}): Promise<boolean> {
  const gate = request.gate;
  if (!gate) {
    await leave();
    return true;
  }
  const release = await gate.place('card');
  try {
    if (!(await gate.mark())) return false;
    await leave();
    return true;
  } finally {
    release();
  }
}

/** What the real sender answers when the gate's mark stopped the card: nothing left, worth another try. */
export function stoppedBeforeSending(request: NudgeRequest): NudgeResult {
  return {
    kind: 'failed',
    reason: 'stopped before sending',
    transient: true,
    person: { id: request.userId, displayName: '' },
    nudgeId: 'x',
    strength: 'weak',
  };
}

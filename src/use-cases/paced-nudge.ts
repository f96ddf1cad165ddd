import type { NudgeRequest } from './send-nudge';

/**
 * Waits for one request's place in the send budget. `reserved`, when given, is told as soon as the place is
 * held, before the wait for its turn. Resolves with `answered`, to be called once Teams has answered the request:
 * the budget counts the request until then, since Teams counts it when it arrives, which the bot cannot see.
 */
export type SendPace = (reserved?: () => void) => Promise<() => void>;

/**
 * The request with each of its requests to Teams (a new 1:1 chat, then the card) first taking its place in the
 * send budget, and freeing it as soon as Teams answered. A place is never held while waiting for another.
 * `placed` is told once the card holds its place; the request's own beforeSend and afterSend still run, the
 * first once the place is held. `release` frees whatever is still held: call it when the send is over, whatever
 * happened.
 */
export function pacedNudge(
  request: NudgeRequest,
  pace: SendPace | undefined,
  placed?: () => void,
): { request: NudgeRequest; release: () => void } {
  if (!pace) {
    return {
      request: {
        ...request,
        beforeSend: async () => {
          placed?.();
          return request.beforeSend ? request.beforeSend() : true;
        },
      },
      release: () => {},
    };
  }
  const held: (() => void)[] = [];
  const take = async (reserved?: () => void): Promise<() => void> => {
    const answered = once(await pace(reserved));
    held.push(answered);
    return answered;
  };
  let cardAnswered: (() => void) | undefined;
  return {
    request: {
      ...request,
      beforeNewChat: () => take(),
      beforeSend: async () => {
        cardAnswered = await take(placed);
        return request.beforeSend ? request.beforeSend() : true;
      },
      afterSend: () => {
        cardAnswered?.();
        request.afterSend?.();
      },
    },
    release: () => {
      for (const answered of held) answered();
    },
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

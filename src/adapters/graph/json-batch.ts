import type { CallCounters, GraphCall, GraphCaller } from './graph-caller';
import { headerLookup } from './retry-after';
import type { RequestPacer } from '../request-pacer';

/** Graph's limit on requests in one JSON batch. */
export const MAX_BATCH_REQUESTS = 20;

/** The final answer to one request of the batch: a success, or a 404 the caller decides about. */
export interface BatchOutcome {
  status: number;
  body: unknown;
}

interface InnerResponse {
  id?: string;
  status?: number;
  headers?: Record<string, unknown>;
  body?: unknown;
}

interface Pending {
  index: number;
  call: GraphCall;
  tries: { throttle: number; transient: number; total: number };
}

/**
 * Sends GET requests through `POST /$batch` and returns one outcome per call, in order.
 *
 * Graph evaluates every request inside a batch against its service's limit on its own, and SDKs do not retry
 * throttled inner requests. So each inner request takes its own pacer slot (a batch carries only as many as
 * the budget allows right now, at most 20), and when some come back 429 only those are sent again, in a
 * later batch, after the longest Retry-After among them. Inner 503/504 are retried with backoff. Both are
 * bounded by the same policy as single requests; then the whole call fails with a GraphFailure.
 */
export async function sendBatched(
  caller: GraphCaller,
  calls: readonly GraphCall[],
  options: { pacer?: RequestPacer; counters: CallCounters; maxPerBatch?: number },
): Promise<BatchOutcome[]> {
  const { pacer, counters } = options;
  const maxPerBatch = Math.min(options.maxPerBatch ?? MAX_BATCH_REQUESTS, MAX_BATCH_REQUESTS);
  const results: (BatchOutcome | undefined)[] = new Array(calls.length);
  const pending: Pending[] = calls.map((call, index) => ({ index, call, tries: { throttle: 0, transient: 0, total: 0 } }));
  const envelopeTries = { throttle: 0, transient: 0, total: 0 };

  while (pending.length > 0) {
    const slots = pacer ? await pacer.acquireUpTo(Math.min(pending.length, maxPerBatch)) : [];
    const group = pending.splice(0, pacer ? slots.length : maxPerBatch);
    const envelopeCall: GraphCall = {
      method: 'POST',
      path: '/$batch',
      body: { requests: group.map((p) => ({ id: String(p.index), method: p.call.method, url: p.call.path })) },
    };
    let envelope;
    try {
      envelope = await caller.exchange(envelopeCall);
    } finally {
      for (const slot of slots) slot.release();
    }
    envelopeTries.total++;

    if (envelope.status < 200 || envelope.status >= 300) {
      // The batch as a whole was refused: nothing in it ran, so all of it goes again.
      const decision = caller.decide(envelope, envelopeTries);
      if (!decision.retry) throw caller.failure(envelopeCall, envelope, envelopeTries.total);
      if (decision.throttled) counters.throttled++;
      else counters.transientRetries++;
      pending.unshift(...group);
      await caller.wait(decision, pacer);
      continue;
    }

    const byId = new Map<string, InnerResponse>();
    for (const inner of (envelope.body as { responses?: InnerResponse[] } | undefined)?.responses ?? [])
      if (inner.id !== undefined) byId.set(inner.id, inner);
    const again: Pending[] = [];
    let throttleWait = -1;
    let transientWait = -1;
    for (const p of group) {
      p.tries.total++;
      counters.requests++;
      const inner = byId.get(String(p.index));
      const status = inner?.status ?? 0;
      if ((status >= 200 && status < 300) || status === 404) {
        results[p.index] = { status, body: inner?.body };
        continue;
      }
      const answer = { status, headers: headerLookup(inner?.headers), body: inner?.body };
      const decision = caller.decide(answer, p.tries);
      if (!decision.retry)
        throw caller.failure(p.call, answer, p.tries.total, inner ? undefined : 'The $batch answer had no response for this request');
      if (decision.throttled) {
        counters.throttled++;
        throttleWait = Math.max(throttleWait, decision.waitMs);
      } else {
        counters.transientRetries++;
        transientWait = Math.max(transientWait, decision.waitMs);
      }
      again.push(p);
    }
    if (again.length > 0) {
      pending.unshift(...again);
      if (throttleWait >= 0) await caller.wait({ throttled: true, waitMs: throttleWait }, pacer);
      if (transientWait >= 0) await caller.wait({ throttled: false, waitMs: transientWait }, pacer);
    }
  }
  return results as BatchOutcome[];
}

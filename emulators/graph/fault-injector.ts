import type { GraphRequest } from './graph-request';

export interface FaultSpec {
  /** How many matching requests fail. */
  count: number;
  /** e.g. 429, 503, 500, 504. */
  status: number;
  /** Emulated seconds (scaled by timeScale like throttling). 429s without one get 1 s, as Graph always sends one. */
  retryAfterSeconds?: number;
  /** Tested against the path relative to /v1.0 with its query (`/users/{id}/authentication/methods?…`) and against the same with `/v1.0` in front. */
  path?: RegExp;
  /** Only requests with this method (GET, POST…). */
  method?: string;
}

interface PendingFault extends FaultSpec {
  remaining: number;
}

/** Queued failures for the next matching requests (inner $batch requests included), in the order they were added. */
export class FaultInjector {
  private pending: PendingFault[] = [];

  add(spec: FaultSpec): void {
    if (!Number.isInteger(spec.count) || spec.count < 1) throw new RangeError('injectFaults: count must be an integer >= 1');
    if (!Number.isInteger(spec.status) || spec.status < 400 || spec.status > 599)
      throw new RangeError('injectFaults: status must be 4xx or 5xx');
    this.pending.push({ ...spec, remaining: spec.count });
  }

  /**
   * The fault this request must suffer, if any; consumes one occurrence. `explicitOnly` (the $batch envelope)
   * takes only faults whose `path` names it, so "fail the next 3 requests" hits the inner requests.
   */
  take(req: GraphRequest, pathWithQuery: string, explicitOnly = false): FaultSpec | null {
    for (const fault of this.pending) {
      if (explicitOnly && !fault.path) continue;
      if (fault.method && fault.method.toUpperCase() !== req.method) continue;
      if (fault.path && !matches(fault.path, pathWithQuery) && !matches(fault.path, `/v1.0${pathWithQuery}`)) continue;
      fault.remaining--;
      if (fault.remaining === 0) this.pending = this.pending.filter((f) => f !== fault);
      return fault;
    }
    return null;
  }

  remaining(): number {
    return this.pending.reduce((sum, f) => sum + f.remaining, 0);
  }

  clear(): void {
    this.pending = [];
  }
}

function matches(pattern: RegExp, text: string): boolean {
  pattern.lastIndex = 0; // a /g pattern keeps state between calls
  return pattern.test(text);
}

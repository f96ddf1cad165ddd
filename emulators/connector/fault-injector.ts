import { ConnectorError, defaultFault } from './connector-error';

/** The next `count` requests that match fail with `status` (and `Retry-After`, when given). */
export interface FaultSpec {
  readonly count: number;
  readonly status: number;
  readonly retryAfterSeconds?: number;
  /** Matched against the request path as sent (still percent-encoded); any path when absent. */
  readonly path?: RegExp;
  /** Matched against the HTTP method, e.g. 'POST'; any method when absent. */
  readonly method?: string;
  readonly code?: string;
  readonly message?: string;
  /**
   * Teams carries the request out (the card reaches the person) and only then fails: a 502/504 from a gateway
   * after the service accepted, or an answer lost on the way back. What a sender cannot tell from "not sent".
   */
  readonly afterAccepting?: boolean;
  /** No answer at all: the connection stays open until the client gives up (with afterAccepting, once delivered). */
  readonly hang?: boolean;
}

export interface InjectedFault extends ConnectorError {
  readonly retryAfterSeconds?: number;
  readonly afterAccepting?: boolean;
  readonly hang?: boolean;
}

/** Queue of faults, consumed first come first served by the requests they match. */
export class FaultInjector {
  private readonly pending: { spec: FaultSpec; left: number }[] = [];

  add(spec: FaultSpec): void {
    if (!Number.isInteger(spec.count) || spec.count < 1)
      throw new Error(`injectFaults: count must be a positive integer, got ${spec.count}`);
    this.pending.push({ spec, left: spec.count });
  }

  /** The fault for this request, if one is due; consumes it. */
  take(method: string, path: string): InjectedFault | undefined {
    const entry = this.pending.find(
      ({ spec }) => (!spec.method || spec.method.toUpperCase() === method) && (!spec.path || matches(spec.path, path)),
    );
    if (!entry) return undefined;
    entry.left -= 1;
    if (entry.left === 0) this.pending.splice(this.pending.indexOf(entry), 1);
    const { spec } = entry;
    const fallback = defaultFault(spec.status);
    return {
      status: spec.status,
      code: spec.code ?? fallback.code,
      message: spec.message ?? fallback.message,
      retryAfterSeconds: spec.retryAfterSeconds,
      afterAccepting: spec.afterAccepting,
      hang: spec.hang,
    };
  }

  get remaining(): number {
    return this.pending.reduce((sum, e) => sum + e.left, 0);
  }

  clear(): void {
    this.pending.length = 0;
  }
}

/** RegExp.test with the `g` or `y` flag remembers lastIndex between calls; a fault filter must not. */
function matches(pattern: RegExp, path: string): boolean {
  pattern.lastIndex = 0;
  return pattern.test(path);
}

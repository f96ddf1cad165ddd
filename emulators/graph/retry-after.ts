/**
 * Headers that tell a client how long to wait.
 *
 * `Retry-After` is what Graph sends and what real clients (Graph JS SDK's RetryHandler included) honour; HTTP
 * only allows whole seconds, at least 1 here. With a timeScale below 1 the emulator's real wait is shorter
 * than a second, so it also sends `retry-after-ms` (an emulator extension) with the exact scaled wait in
 * milliseconds: a benchmark that reads it runs at the scaled speed, a client that only knows `Retry-After`
 * is still correct, just slower. `x-emulator-retry-after-unscaled` carries the wait as Graph would have said it.
 */
export function retryAfterHeaders(waitMs: number, unscaledSeconds: number): Record<string, string> {
  return {
    'Retry-After': String(Math.max(1, Math.ceil(waitMs / 1000))),
    'retry-after-ms': String(Math.max(1, Math.ceil(waitMs))),
    'x-emulator-retry-after-unscaled': String(Math.max(1, Math.ceil(unscaledSeconds))),
  };
}

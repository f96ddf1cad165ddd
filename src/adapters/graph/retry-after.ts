/** Anything that answers header lookups: a fetch `Headers`, or the plain object inside a `$batch` response. */
export interface HeaderLookup {
  get(name: string): string | null | undefined;
}

/** Case-insensitive lookup over a `$batch` inner response's header object (Graph writes `Retry-After`). */
export function headerLookup(headers: Readonly<Record<string, unknown>> | undefined): HeaderLookup {
  const lower = new Map<string, string>();
  for (const [name, value] of Object.entries(headers ?? {}))
    if (value !== undefined && value !== null) lower.set(name.toLowerCase(), String(value));
  return { get: (name) => lower.get(name.toLowerCase()) };
}

/**
 * How long the service asked us to wait, in milliseconds, or undefined when it did not say.
 *
 * Millisecond headers first, as the Azure SDKs do (`retry-after-ms`, `x-ms-retry-after-ms`): they are exact,
 * where `Retry-After` only has whole seconds (and the Graph emulator, running at a time scale, sends both).
 * Then `Retry-After` as delta-seconds or as an HTTP-date.
 */
export function retryAfterMs(headers: HeaderLookup, nowMs: number = Date.now()): number | undefined {
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const value = headers.get(name)?.trim();
    if (value && /^\d+(\.\d+)?$/.test(value)) return Number(value);
  }
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/**
 * The one way a test waits: on a condition, never for a fixed time. `probe` is asked again every `intervalMs`
 * until it answers something other than undefined, false or null (which is returned); a probe that throws counts
 * as "not yet". After `timeoutMs` the wait fails, saying what it waited for and the probe's last error.
 */
export async function eventually<T>(
  what: string,
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  { timeoutMs = 20_000, intervalMs = 50 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const why = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}${why}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * For tests of timing itself: lets `ms` of real time pass (none when `ms` is not above 0), either to show that
 * something does NOT happen in that time (a paused campaign sends nothing, a limit holds) or because the time is
 * what is tested (honouring a Retry-After, letting a rate window move on). Name what the wait shows or is for, so
 * it reads as a claim or a step.
 */
export async function letTimePass(ms: number, _shows: string): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

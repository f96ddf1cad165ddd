/**
 * Records what happened to a send, trying again when the store fails in passing (a dropped connection, a
 * database restarting). Only for writes that are safe to repeat: each is guarded by the state it moves from, so
 * a first try that did land makes the next one change nothing.
 *
 * Why it matters: once a card has left, a result that cannot be written turns into "uncertain" when the claim's
 * lease runs out, though the card did arrive. A few seconds of retrying keep a database blip from showing up as
 * uncertain deliveries (always well inside a claim's lease).
 */
export async function recordWithRetries<T>(write: () => Promise<T>, waitsMs: readonly number[] = [200, 500, 1000, 2000, 4000]): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= waitsMs.length) throw error;
      await new Promise((resolve) => setTimeout(resolve, waitsMs[attempt]));
    }
  }
}

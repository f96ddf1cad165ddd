/**
 * A read remembered for `ms`. Once that has passed, the next asker still gets the remembered value at once while a
 * fresh read runs behind it and replaces it when it succeeds: a posture card never waits for a count of every person
 * of a large tenant, except the very first. One read runs at a time. A failed read is never remembered: with nothing
 * remembered yet the asker sees the failure, and the next one tries again; with a value remembered, it stays.
 */
export function rememberedFor<T>(ms: number, now: () => Date, read: () => Promise<T>): () => Promise<T> {
  let kept: { at: number; value: T } | undefined;
  let reading: Promise<T> | undefined;
  const refresh = (): Promise<T> =>
    (reading ??= read()
      .then((value) => {
        kept = { at: now().getTime(), value };
        return value;
      })
      .finally(() => {
        reading = undefined;
      }));
  return async () => {
    if (!kept) return refresh();
    const at = now().getTime();
    // A clock that went back counts as expired too.
    if (at - kept.at >= ms || at < kept.at) refresh().catch(() => undefined);
    return kept.value;
  };
}

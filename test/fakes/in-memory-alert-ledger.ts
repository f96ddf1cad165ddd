import type { AlertLedger } from '../../src/domain/ports/alert-ledger';

/** The alert ledger in memory, for use-case tests; the SQL one is held to the same behaviour by its contract test. */
export class InMemoryAlertLedger implements AlertLedger {
  readonly raised = new Map<string, string>();

  async raise(key: string, kind: string): Promise<boolean> {
    if (this.raised.has(key)) return false;
    this.raised.set(key, kind);
    return true;
  }

  async keys(kind: string): Promise<string[]> {
    return [...this.raised]
      .filter(([, k]) => k === kind)
      .map(([key]) => key)
      .sort();
  }

  async clear(keys: readonly string[]): Promise<void> {
    for (const key of keys) this.raised.delete(key);
  }
}

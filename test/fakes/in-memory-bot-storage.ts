import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';

/**
 * botbuilder `Storage` in memory with the SQL store's rules, which are MemoryStorage's eTag rules with one more: a
 * write of several keys is all or nothing (MemoryStorage writes the keys before a conflicting one).
 */
export class InMemoryBotStorage implements Storage {
  private readonly items = new Map<string, { json: string; eTag: string }>();

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    const found: StoreItems = {};
    for (const key of keys) {
      const item = this.items.get(key);
      if (item) found[key] = { ...(JSON.parse(item.json) as object), eTag: item.eTag };
    }
    return found;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    const entries = Object.entries(changes) as [string, Record<string, unknown>][];
    for (const [key, item] of entries) {
      const current = this.items.get(key);
      if (current && !unconditional(item.eTag) && String(item.eTag) !== current.eTag)
        throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
    }
    for (const [key, { eTag: _eTag, ...value }] of entries) {
      // Kept as JSON, like MemoryStorage: what reads back is what JSON can carry.
      this.items.set(key, { json: JSON.stringify(value), eTag: randomUUID() });
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    for (const key of keys) this.items.delete(key);
  }
}

function unconditional(eTag: unknown): boolean {
  return eTag === undefined || eTag === null || eTag === '' || eTag === '*';
}

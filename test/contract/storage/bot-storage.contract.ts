import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';

/**
 * What the bot's turn state store promises, with MemoryStorage's eTag rules: a write with a stale eTag changes
 * nothing, not even the other keys of the same write. `makeStorage` is called before each test; each test's keys
 * are its own.
 */
export function botStorageContract(name: string, makeStorage: () => Promise<Storage>): void {
  describe(`bot Storage on ${name}`, () => {
    let storage: Storage;
    /** Keys unique to each test, so tests sharing one database don't see each other. */
    let key: (name: string) => string;

    beforeEach(async () => {
      storage = await makeStorage();
      const prefix = randomUUID();
      key = (name) => `${prefix}/${name}`;
    });

    it('reads a missing key as absent', async () => {
      const items = await storage.read([key('missing')]);

      expect(items).toEqual({});
      expect(key('missing') in items).toBe(false);
    });

    it('round-trips nested JSON and adds an eTag', async () => {
      const state = {
        user: { name: 'Ada', roles: ['admin', 'campaign-manager'], nested: { deep: { n: 1.5, ok: true, none: null } } },
        list: [{ a: 1 }, { b: [2, 3] }],
        text: 'multi\nline "quoted" ünïcødé',
      };

      await storage.write({ [key('conversation')]: state });
      const items = await storage.read([key('conversation')]);

      const { eTag, ...value } = items[key('conversation')];
      expect(value).toEqual(state);
      expect(typeof eTag).toBe('string');
      expect(eTag).not.toBe('');
    });

    it('stores what JSON can carry, like MemoryStorage (dates become strings, undefined disappears)', async () => {
      const at = new Date('2025-01-02T03:04:05.678Z');

      await storage.write({ [key('k')]: { at, gone: undefined, kept: 1 } });
      const items = await storage.read([key('k')]);

      expect(items[key('k')]).toEqual({ at: at.toISOString(), kept: 1, eTag: expect.any(String) });
    });

    it('gives a new eTag on every write', async () => {
      await storage.write({ [key('k')]: { n: 1 } });
      const first = (await storage.read([key('k')]))[key('k')].eTag;
      await storage.write({ [key('k')]: { n: 2 } });
      const second = (await storage.read([key('k')]))[key('k')];

      expect(second.n).toBe(2);
      expect(second.eTag).not.toBe(first);
    });

    it("overwrites with eTag '*' or without an eTag", async () => {
      await storage.write({ [key('k')]: { n: 1 } });

      await storage.write({ [key('k')]: { n: 2, eTag: '*' } });
      expect((await storage.read([key('k')]))[key('k')].n).toBe(2);

      await storage.write({ [key('k')]: { n: 3 } });
      expect((await storage.read([key('k')]))[key('k')].n).toBe(3);
    });

    it('writes when the eTag is the current one', async () => {
      await storage.write({ [key('k')]: { n: 1 } });
      const current = (await storage.read([key('k')]))[key('k')];

      await storage.write({ [key('k')]: { ...current, n: 2 } });

      expect((await storage.read([key('k')]))[key('k')].n).toBe(2);
    });

    it('rejects a stale eTag and changes nothing', async () => {
      await storage.write({ [key('k')]: { n: 1 } });
      const stale = (await storage.read([key('k')]))[key('k')];
      await storage.write({ [key('k')]: { ...stale, n: 2 } });
      const current = (await storage.read([key('k')]))[key('k')];

      await expect(storage.write({ [key('k')]: { ...stale, n: 3 } })).rejects.toThrow(/eTag conflict/);

      expect((await storage.read([key('k')]))[key('k')]).toEqual(current);
    });

    it('rejects the whole write when one of several keys is stale', async () => {
      await storage.write({ [key('a')]: { n: 1 }, [key('b')]: { n: 1 } });
      const before = await storage.read([key('a'), key('b')]);
      await storage.write({ [key('b')]: { ...before[key('b')], n: 2 } });
      const afterOther = await storage.read([key('a'), key('b')]);

      const write = storage.write({
        [key('a')]: { ...before[key('a')], n: 10 },
        [key('b')]: { ...before[key('b')], n: 20 },
        [key('c')]: { n: 30 },
      });

      await expect(write).rejects.toThrow(/eTag conflict/);
      expect(await storage.read([key('a'), key('b'), key('c')])).toEqual(afterOther);
    });

    it('creates a missing key even when an eTag is given (as MemoryStorage does)', async () => {
      await storage.write({ [key('new')]: { n: 1, eTag: 'from-elsewhere' } });

      const item = (await storage.read([key('new')]))[key('new')];
      expect(item.n).toBe(1);
      expect(item.eTag).not.toBe('from-elsewhere');
    });

    it('lets exactly one of two concurrent writers with the same eTag win', async () => {
      await storage.write({ [key('k')]: { n: 0 } });
      const read = (await storage.read([key('k')]))[key('k')];

      // As two bot instances would, both having read the same state.
      const results = await Promise.allSettled([
        storage.write({ [key('k')]: { ...read, n: 1 } }),
        storage.write({ [key('k')]: { ...read, n: 2 } }),
      ]);

      const won = results.filter((result) => result.status === 'fulfilled');
      expect(won).toHaveLength(1);
      const winner = results[0]!.status === 'fulfilled' ? 1 : 2;
      expect((await storage.read([key('k')]))[key('k')].n).toBe(winner);
    });

    it('reads and writes many keys at once', async () => {
      const changes: StoreItems = {};
      for (let i = 0; i < 120; i++) changes[key(`k${i}`)] = { i, label: `item ${i}` };

      await storage.write(changes);
      const keys = [...Object.keys(changes), key('absent')];
      const items = await storage.read(keys);

      expect(Object.keys(items).sort()).toEqual(Object.keys(changes).sort());
      for (let i = 0; i < 120; i++) expect(items[key(`k${i}`)]).toMatchObject({ i, label: `item ${i}` });
    });

    it('deletes keys, and deleting a missing key is fine', async () => {
      await storage.write({ [key('a')]: { n: 1 }, [key('b')]: { n: 2 } });

      await storage.delete([key('a'), key('never-written')]);

      const items = await storage.read([key('a'), key('b')]);
      expect(Object.keys(items)).toEqual([key('b')]);
    });

    it('answers empty reads and ignores empty writes', async () => {
      expect(await storage.read([])).toEqual({});
      await expect(storage.write({})).resolves.toBeUndefined();
      await expect(storage.delete([])).resolves.toBeUndefined();
    });
  });
}

import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * A first-come, first-served lock for async work. PGlite is one connection: everything that talks to it
 * (application queries, transactions, pg-boss) takes this lock, so a transaction owns the connection
 * from BEGIN to COMMIT.
 *
 * The lock knows who holds it (through AsyncLocalStorage), so code that asks for it again while holding it
 * (e.g. `db.query` inside `db.transaction`) fails at once instead of waiting for itself forever.
 */
export class AsyncMutex {
  private tail: Promise<void> = Promise.resolve();
  private readonly holder = new AsyncLocalStorage<{ held: boolean }>();

  /** True when the calling async context currently holds the lock. */
  isHeldByCaller(): boolean {
    return this.holder.getStore()?.held === true;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.isHeldByCaller()) {
      throw new Error('AsyncMutex: the lock holder asked for the lock again; this would wait for itself forever');
    }
    let release!: () => void;
    const turn = new Promise<void>((resolve) => (release = resolve));
    const previous = this.tail;
    this.tail = previous.then(() => turn);
    await previous;
    const token = { held: true };
    try {
      return await this.holder.run(token, fn);
    } finally {
      token.held = false;
      release();
    }
  }
}

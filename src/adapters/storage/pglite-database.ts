import type { PGlite, Transaction } from '@electric-sql/pglite';
import { setFlagsFromString } from 'node:v8';
import { AsyncMutex } from './async-mutex';
import type { Database, SqlExecutor } from './database';
import { loadPglite } from './load-pglite';
import { pgliteValueTypes } from './pglite-value-types';
import { ensurePgliteDataFolder } from './pglite-data-folder';

/**
 * PostgreSQL embedded in the process (WebAssembly). It is a single connection, so every access goes through
 * one mutex: a transaction holds it from BEGIN to COMMIT and no other query (application or pg-boss)
 * can slip in between its statements.
 */
export async function openPgliteDatabase(dataDir?: string): Promise<Database> {
  keepWebAssemblyOnBaselineCompiler();
  const { PGlite } = loadPglite();
  if (dataDir) await ensurePgliteDataFolder(dataDir);
  // PGlite's default buffer cache (128 MB, inside the WebAssembly heap, which never shrinks) is most of its
  // memory. With 16 MB a 100,000-person scan peaks near 300 MB instead of 490 MB; its page writes are about
  // 15% slower, which the reports throttle's pauses absorb (see docs/benchmarks.md).
  const startParams = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'];
  const pg = await PGlite.create({ ...(dataDir ? { dataDir } : {}), startParams, ...pgliteValueTypes });
  return fromPglite(pg);
}

/**
 * V8 compiles WebAssembly twice: at once with its baseline compiler (Liftoff), then the functions that run
 * often again with its optimizing one. For PGlite's PostgreSQL that second copy of machine code costs about
 * 50 MB at start and more as a scan warms it up. Without it a 100,000-person scan peaks near 240 MB instead
 * of 300, and its page writes take about 1.4 times as long (figures in docs/benchmarks.md). A PostgreSQL server setup never gets here.
 * The flag is process-wide and must be set before the module is compiled, hence here.
 */
function keepWebAssemblyOnBaselineCompiler(): void {
  setFlagsFromString('--liftoff-only');
}

/**
 * A `Database` on a PGlite instance created elsewhere (e.g. from a data-folder snapshot in tests); it takes
 * ownership. Create the instance with `pgliteValueTypes`.
 */
export function fromPglite(pg: PGlite): Database {
  return new PgliteDatabase(pg);
}

class PgliteDatabase implements Database {
  readonly kind = 'pglite' as const;
  private readonly mutex = new AsyncMutex();
  private closed = false;

  constructor(private readonly pg: PGlite) {}

  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]> {
    return this.exclusive(async () => (await this.pg.query<T>(text, params)).rows);
  }

  async exec(script: string): Promise<void> {
    await this.execRows(script);
  }

  execRows<T = Record<string, unknown>>(script: string): Promise<T[]> {
    return this.exclusive(async () => {
      try {
        const results = await this.pg.exec(script);
        return (results.at(-1)?.rows ?? []) as T[];
      } catch (error) {
        // A script with its own BEGIN that fails half-way leaves the one connection in an aborted
        // transaction; every later query would fail until someone rolls it back.
        if (this.pg.isInTransaction()) await this.pg.exec('ROLLBACK');
        throw error;
      }
    });
  }

  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.exclusive(() => this.pg.transaction((tx) => fn(transactionExecutor(tx))));
  }

  async isReady(): Promise<boolean> {
    try {
      await this.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // Wait for the work already queued, then refuse new work.
    await this.mutex.run(async () => {
      this.closed = true;
      await this.pg.close();
    });
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    if (this.mutex.isHeldByCaller()) {
      return Promise.reject(
        new Error('PGlite is one connection: inside transaction(fn) use the tx executor given to fn, not the database'),
      );
    }
    return this.mutex.run(() => {
      if (this.closed) throw new Error('The PGlite database is closed');
      return fn();
    });
  }
}

function transactionExecutor(tx: Transaction): SqlExecutor {
  return {
    query: async <T = Record<string, unknown>>(text: string, params?: unknown[]) => (await tx.query<T>(text, params)).rows,
    exec: async (script: string) => {
      await tx.exec(script);
    },
  };
}

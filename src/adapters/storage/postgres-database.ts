import { Pool, types, type PoolClient } from 'pg';
import type { Database, SqlExecutor } from './database';

export interface PostgresDatabaseOptions {
  /** Most connections this process opens (pg-boss shares them). */
  maxConnections?: number;
  /** Called when an idle connection breaks; the pool drops it and the next query reconnects. */
  onConnectionError?: (error: Error) => void;
}

const INT8_OID = 20;
const DATE_OID = 1082;

function parseInt8LikePglite(value: string): number | bigint {
  const big = BigInt(value);
  return big > BigInt(Number.MAX_SAFE_INTEGER) || big < BigInt(Number.MIN_SAFE_INTEGER) ? big : Number(big);
}

/**
 * Same JavaScript values on both engines, for this pool only: PGlite gives bigint (e.g. count(*)) as a number
 * when it fits, where node-postgres gives a string; and a `date` as UTC midnight, where node-postgres uses
 * the process's local midnight.
 */
const sameTypesAsPglite = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (format === 'binary') return types.getTypeParser(oid, 'binary');
    if (oid === INT8_OID) return parseInt8LikePglite;
    if (oid === DATE_OID) return (value: string) => new Date(value);
    return types.getTypeParser(oid, 'text');
  }) as typeof types.getTypeParser,
};

/** A PostgreSQL server through a `pg` pool; a transaction is one checked-out connection. */
export async function openPostgresDatabase(url: string, options: PostgresDatabaseOptions = {}): Promise<Database> {
  const pool = new Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    application_name: 'mfa-coach',
    types: sameTypesAsPglite,
  });
  // Without a listener an idle connection error would crash the process.
  pool.on('error', (error) => options.onConnectionError?.(error));
  return new PostgresDatabase(pool);
}

class PostgresDatabase implements Database {
  readonly kind = 'postgres' as const;

  constructor(private readonly pool: Pool) {}

  async query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]> {
    return (await this.pool.query(text, params)).rows as T[];
  }

  async exec(script: string): Promise<void> {
    await this.execRows(script);
  }

  async execRows<T = Record<string, unknown>>(script: string): Promise<T[]> {
    return this.withClient(async (client) => {
      const result: unknown = await client.query(script);
      // node-postgres answers a multi-statement script with one result per statement.
      const last = Array.isArray(result) ? result.at(-1) : result;
      return ((last as { rows?: T[] } | undefined)?.rows ?? []) as T[];
    });
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.withClient(async (client) => {
      await client.query('BEGIN');
      const result = await fn(clientExecutor(client));
      await client.query('COMMIT');
      return result;
    });
  }

  async isReady(): Promise<boolean> {
    try {
      await this.pool.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (!this.pool.ended && !this.pool.ending) await this.pool.end();
  }

  /**
   * Runs `fn` on one checked-out connection. When it fails, whatever it left open (its own transaction,
   * or the BEGIN of a pg-boss script) is rolled back before the connection goes back to the pool;
   * a connection that cannot even roll back is destroyed instead of reused.
   */
  private async withClient<T>(fn: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      const result = await fn(client);
      client.release();
      return result;
    } catch (error) {
      const rollbackFailure = await client.query('ROLLBACK').then(
        () => undefined,
        (failure: unknown) => (failure instanceof Error ? failure : new Error(String(failure))),
      );
      client.release(rollbackFailure);
      throw error;
    }
  }
}

function clientExecutor(client: PoolClient): SqlExecutor {
  return {
    query: async <T = Record<string, unknown>>(text: string, params?: unknown[]) =>
      (await client.query(text, params)).rows as T[],
    exec: async (script: string) => {
      await client.query(script);
    },
  };
}

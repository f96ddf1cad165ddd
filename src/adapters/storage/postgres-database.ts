import { Pool, types, type PoolClient } from 'pg';
import type { Database, SqlExecutor } from './database';

export interface PostgresDatabaseOptions {
  /** Most connections this process opens (pg-boss shares them). */
  maxConnections?: number;
  /** Called when an idle connection breaks; the pool drops it and the next query reconnects. */
  onConnectionError?: (error: Error) => void;
  /** Deadlines; the defaults suit the bot. Tests shorten them. */
  timeouts?: Partial<PostgresTimeouts>;
}

/**
 * A server that stops answering must not hang the bot forever: every wait on it has a deadline. The server stops a
 * statement that runs too long (statement_timeout) or a transaction left idle (idle_in_transaction_session_timeout);
 * the client gives up on a connection attempt, and on a query whose answer never comes (a dead network path, where
 * the server cannot help), a little after the server would have; TCP keep-alive finds dead idle connections.
 */
export interface PostgresTimeouts {
  /** Opening a connection, and waiting for a free one in the pool. */
  connectMs: number;
  /** Longest statement the server runs. */
  statementMs: number;
  /** Client side: a query with no answer after this fails, and its connection is thrown away. */
  queryMs: number;
  /** A transaction that sits idle this long is ended by the server, releasing its locks. */
  idleInTransactionMs: number;
  /** First keep-alive probe on an idle connection. */
  keepAliveMs: number;
}

export const DEFAULT_POSTGRES_TIMEOUTS: PostgresTimeouts = {
  connectMs: 15_000,
  statementMs: 60_000,
  queryMs: 65_000,
  idleInTransactionMs: 60_000,
  keepAliveMs: 10_000,
};

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
  const timeouts = { ...DEFAULT_POSTGRES_TIMEOUTS, ...options.timeouts };
  const pool = new Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    application_name: 'mfa-coach',
    types: sameTypesAsPglite,
    connectionTimeoutMillis: timeouts.connectMs,
    statement_timeout: timeouts.statementMs,
    query_timeout: timeouts.queryMs,
    idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
    keepAlive: true,
    keepAliveInitialDelayMillis: timeouts.keepAliveMs,
    // The bot's queries are short; on a server with JIT on (PostgreSQL's default), a query the planner costs high,
    // such as a list over a million people, spent 300 ms compiling to save nothing (measured: 580 ms → about 60 ms).
    options: '-c jit=off',
  });
  // Without a listener an idle connection error would crash the process.
  pool.on('error', (error) => options.onConnectionError?.(error));
  return new PostgresDatabase(pool, options.onConnectionError);
}

class PostgresDatabase implements Database {
  readonly kind = 'postgres' as const;

  constructor(
    private readonly pool: Pool,
    private readonly onConnectionError?: (error: Error) => void,
  ) {}

  async query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]> {
    return (await this.pool.query(text, params)).rows as T[];
  }

  poolFigures(): { total: number; idle: number; waiting: number } {
    return { total: this.pool.totalCount, idle: this.pool.idleCount, waiting: this.pool.waitingCount };
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
    // A checked-out connection that breaks between two queries (the server ended an idle transaction, the network
    // dropped) emits 'error' with nobody listening, which would crash the process. Note it here; the next query on
    // it fails, and the connection is thrown away below.
    let broken: Error | undefined;
    const onError = (error: Error) => {
      broken = error;
      this.onConnectionError?.(error);
    };
    client.on('error', onError);
    try {
      const result = await fn(client);
      client.off('error', onError);
      client.release(broken);
      return result;
    } catch (error) {
      const rollbackFailure =
        broken ??
        (await client.query('ROLLBACK').then(
          () => undefined,
          (failure: unknown) => (failure instanceof Error ? failure : new Error(String(failure))),
        ));
      client.off('error', onError);
      client.release(rollbackFailure);
      throw error;
    }
  }
}

function clientExecutor(client: PoolClient): SqlExecutor {
  return {
    query: async <T = Record<string, unknown>>(text: string, params?: unknown[]) => (await client.query(text, params)).rows as T[],
    exec: async (script: string) => {
      await client.query(script);
    },
  };
}

/**
 * One SQL dialect (PostgreSQL) from laptop to scale-out: an embedded PGlite data folder by default,
 * a PostgreSQL server when a connection URL is configured. Everything above this file sees only `Database`.
 */
export interface SqlExecutor {
  /** One statement with `$1…$n` parameters; returns the rows. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Several statements without parameters (migrations, pg-boss scripts). */
  exec(script: string): Promise<void>;
}

export interface Database extends SqlExecutor {
  readonly kind: 'pglite' | 'postgres';
  /**
   * Several statements without parameters, returning the rows of the last one.
   * pg-boss sends such scripts and reads their result; on error an open transaction is rolled back,
   * so a failed script never leaves the connection in an aborted transaction.
   */
  execRows<T = Record<string, unknown>>(script: string): Promise<T[]>;
  /** Runs `fn` in one transaction; on PGlite nothing else touches the single connection meanwhile. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** True when the database answers a trivial query. */
  isReady(): Promise<boolean>;
  /** The connection pool's figures, for /metrics; absent on PGlite (one connection, no pool). */
  poolFigures?(): { total: number; idle: number; waiting: number };
  close(): Promise<void>;
}

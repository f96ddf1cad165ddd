import { mkdir } from 'node:fs/promises';
import type { Database } from './database';
import { openPgliteDatabase } from './pglite-database';
import { openPostgresDatabase } from './postgres-database';

export interface DatabaseOptions {
  /** A PostgreSQL connection URL; when set, the server is used. */
  url?: string;
  /** PGlite's data folder (created when missing); without it PGlite keeps everything in memory. */
  dataDir?: string;
  /** Server only: an idle connection broke (the pool replaces it); worth a log line. */
  onConnectionError?: (error: Error) => void;
}

/** The server when a URL is configured, the embedded database otherwise. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) return openPostgresDatabase(options.url, { onConnectionError: options.onConnectionError });
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  return openPgliteDatabase(options.dataDir);
}

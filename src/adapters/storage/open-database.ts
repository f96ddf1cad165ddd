import { mkdir } from 'node:fs/promises';
import type { Database } from './database';
import { openPgliteDatabase } from './pglite-database';
import { openPostgresDatabase } from './postgres-database';

export interface DatabaseLocation {
  /** A PostgreSQL connection URL; when set, the server is used. */
  url?: string;
  /** PGlite's data folder (created when missing); without it PGlite keeps everything in memory. */
  dataDir?: string;
}

/** The server when a URL is configured, the embedded database otherwise. */
export async function openDatabase(location: DatabaseLocation): Promise<Database> {
  if (location.url) return openPostgresDatabase(location.url);
  if (location.dataDir) await mkdir(location.dataDir, { recursive: true });
  return openPgliteDatabase(location.dataDir);
}

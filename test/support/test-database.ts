import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import type { Database, SqlExecutor } from '../../src/adapters/storage/database';
import { migrate } from '../../src/adapters/storage/migrate';
import { loadPglite } from '../../src/adapters/storage/load-pglite';
import { fromPglite } from '../../src/adapters/storage/pglite-database';
import { pgliteValueTypes } from '../../src/adapters/storage/pglite-value-types';
import { openPostgresDatabase } from '../../src/adapters/storage/postgres-database';
import { startFaultProxy, type FaultProxy } from './fault-proxy';

/**
 * Where contract suites run: always an in-memory PGlite, and a PostgreSQL server when one answered at
 * jest start (TEST_POSTGRES_URL, set by global-setup). Each open() gives a fresh, empty database, so suites
 * are isolated and may run in parallel; close() throws it away.
 */
export interface DatabaseTarget {
  name: string;
  kind: Database['kind'];
  open(): Promise<Database>;
  /** A fresh database with every migration applied. */
  openMigrated(): Promise<Database>;
}

export interface FreshPostgresDatabase {
  /** Connection URL of the new, empty database. */
  url: string;
  /** Drops it, disconnecting whoever is still connected. */
  drop(): Promise<void>;
}

export function databaseTargets(): DatabaseTarget[] {
  const targets: DatabaseTarget[] = [withMigrated({ name: 'PGlite', kind: 'pglite', open: openFreshPglite })];
  if (process.env.TEST_POSTGRES_URL) {
    targets.push(withMigrated({ name: 'PostgreSQL server', kind: 'postgres', open: openFreshPostgresDatabase }));
  }
  return targets;
}

/**
 * One database for the tests of a file: opened by `open` when a test first asks for it (so a run that picks other
 * tests never opens it), closed after the file's last test. Call it while jest collects the tests, at the top of a
 * file or in a describe block.
 */
function sharedOnFirstUse(open: () => Promise<Database>): () => Promise<Database> {
  let opening: Promise<Database> | undefined;
  afterAll(async () => {
    const db = await opening?.catch(() => undefined);
    await db?.close();
  });
  return () => (opening ??= open());
}

/** One database of `target` with every migration applied, for the tests of a file (see sharedOnFirstUse). */
export function migratedOnFirstUse(target: DatabaseTarget): () => Promise<Database> {
  return sharedOnFirstUse(() => target.openMigrated());
}

/** One database of `target` with only the tables `schema` creates, for the tests of a file (see sharedOnFirstUse). */
export function openedOnFirstUse(target: DatabaseTarget, schema: string): () => Promise<Database> {
  return sharedOnFirstUse(async () => {
    const db = await target.open();
    await db.exec(schema);
    return db;
  });
}

/** Only the server target (empty when no server answered), for suites about server-only behaviour. */
export function postgresServerTargets(): DatabaseTarget[] {
  return databaseTargets().filter((target) => target.kind === 'postgres');
}

/** Creates `mfa_test_<random>` on the test server; for code that needs a URL (e.g. the app's DATABASE_URL). */
export async function createFreshPostgresDatabase(): Promise<FreshPostgresDatabase> {
  const adminUrl = process.env.TEST_POSTGRES_URL;
  if (!adminUrl) throw new Error('No PostgreSQL test server: TEST_POSTGRES_URL is not set');
  const name = `mfa_test_${randomBytes(6).toString('hex')}`;
  await asAdmin(adminUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => asAdmin(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  };
}

export interface FaultyPostgresDatabase extends FreshPostgresDatabase {
  /** Stands between the database and whoever connects to `url`, and misbehaves on demand. */
  proxy: FaultProxy;
}

/** A new, empty database on the test server, reached through a fault proxy: `url` goes through it, `drop` closes it too. */
export async function createFreshPostgresDatabaseBehindFaultProxy(): Promise<FaultyPostgresDatabase> {
  const fresh = await createFreshPostgresDatabase();
  const url = new URL(fresh.url);
  const proxy = await startFaultProxy({ host: url.hostname, port: Number(url.port || 5432) });
  url.hostname = proxy.host;
  url.port = String(proxy.port);
  return {
    url: url.toString(),
    proxy,
    drop: async () => {
      await proxy.close();
      await fresh.drop();
    },
  };
}

/**
 * A new in-memory PGlite runs initdb, which takes seconds; loading a snapshot of a just-initialised data
 * folder takes a fraction of that. The snapshot is kept in the temp folder, per PGlite version, and shared
 * by every jest worker (written under a temporary name, then renamed, so readers never see half a file).
 */
async function openFreshPglite(): Promise<Database> {
  const { PGlite } = loadPglite();
  const snapshotPath = join(tmpdir(), `mfa-coach-pglite-${pgliteVersion()}-initdb.tar`);
  const snapshot = await readFile(snapshotPath).catch(() => undefined);
  const restored = snapshot
    ? await PGlite.create({ loadDataDir: new Blob([snapshot]), ...pgliteValueTypes }).catch(() => undefined)
    : undefined;
  if (restored) return fromPglite(restored);
  const pg = await PGlite.create(pgliteValueTypes);
  const fresh = await pg.dumpDataDir('none');
  const partial = `${snapshotPath}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(partial, Buffer.from(await fresh.arrayBuffer()));
  await rename(partial, snapshotPath);
  return fromPglite(pg);
}

function pgliteVersion(): string {
  const packageJson = join(dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json');
  return (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;
}

async function openFreshPostgresDatabase(): Promise<Database> {
  const fresh = await createFreshPostgresDatabase();
  const db = await openPostgresDatabase(fresh.url, { maxConnections: 5 });
  return {
    kind: db.kind,
    query: <T = Record<string, unknown>>(text: string, params?: unknown[]) => db.query<T>(text, params),
    exec: (script: string) => db.exec(script),
    execRows: <T = Record<string, unknown>>(script: string) => db.execRows<T>(script),
    transaction: <T>(fn: (tx: SqlExecutor) => Promise<T>) => db.transaction(fn),
    isReady: () => db.isReady(),
    close: async () => {
      await db.close();
      await fresh.drop();
    },
  };
}

function withMigrated(target: Omit<DatabaseTarget, 'openMigrated'>): DatabaseTarget {
  return {
    ...target,
    openMigrated: async () => {
      const db = await target.open();
      await migrate(db);
      return db;
    },
  };
}

async function asAdmin(url: string, fn: (admin: Client) => Promise<unknown>): Promise<void> {
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    await fn(admin);
  } finally {
    await admin.end();
  }
}

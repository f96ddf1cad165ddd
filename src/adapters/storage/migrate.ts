import type { Database, SqlExecutor } from './database';
import { allMigrations } from './migrations/all-migrations';
import type { Migration } from './migrations/migration';

/**
 * Every step takes the same transaction-scoped advisory lock first, so two bot instances starting at once
 * on one server apply each migration exactly once (the second waits, then sees it recorded).
 */
const LOCK = `SELECT pg_advisory_xact_lock(hashtextextended('mfa-coach.schema_migrations', 0))`;

const CREATE_TRACKING_TABLE = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    id integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`;

/** Brings the schema up to date; each migration runs in its own transaction. */
export async function migrate(db: Database, migrations: readonly Migration[] = allMigrations): Promise<{ applied: number[] }> {
  const ordered = checkedOrder(migrations);
  const applied: number[] = [];
  for (const migration of ordered) {
    const didApply = await db.transaction(async (tx) => {
      await lockAndTrack(tx);
      const done = await tx.query('SELECT 1 FROM schema_migrations WHERE id = $1', [migration.id]);
      if (done.length > 0) return false;
      await tx.exec(migration.up);
      await tx.query('INSERT INTO schema_migrations (id, name) VALUES ($1, $2)', [migration.id, migration.name]);
      return true;
    });
    if (didApply) applied.push(migration.id);
  }
  return { applied };
}

async function lockAndTrack(tx: SqlExecutor): Promise<void> {
  await tx.query(LOCK);
  // Under the lock, so two first starts don't race on creating the table.
  await tx.exec(CREATE_TRACKING_TABLE);
}

function checkedOrder(migrations: readonly Migration[]): Migration[] {
  const ordered = [...migrations].sort((a, b) => a.id - b.id);
  ordered.forEach((migration, index) => {
    if (!Number.isInteger(migration.id) || migration.id < 1)
      throw new Error(`Migration "${migration.name}" has an invalid id ${migration.id}`);
    const previous = ordered[index - 1];
    if (previous && previous.id === migration.id) throw new Error(`Two migrations share id ${migration.id}`);
  });
  return ordered;
}

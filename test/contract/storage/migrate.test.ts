import type { Database } from '../../../src/adapters/storage/database';
import { migrate } from '../../../src/adapters/storage/migrate';
import { allMigrations } from '../../../src/adapters/storage/migrations/all-migrations';
import { openPostgresDatabase } from '../../../src/adapters/storage/postgres-database';
import { createFreshPostgresDatabase, databaseTargets, postgresServerTargets } from '../../support/test-database';

async function tableNames(db: Database): Promise<string[]> {
  const rows = await db.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
  );
  return rows.map((row) => row.table_name);
}

async function recordedIds(db: Database): Promise<number[]> {
  const [tracking] = await db.query<{ table: string | null }>("SELECT to_regclass('public.schema_migrations')::text AS table");
  if (!tracking?.table) return [];
  const rows = await db.query<{ id: number }>('SELECT id FROM schema_migrations ORDER BY id');
  return rows.map((row) => row.id);
}

describe.each(databaseTargets())('migrate on $name', (target) => {
  const everyId = allMigrations.map((migration) => migration.id);

  it('applies every migration once and records it; a second run changes nothing', async () => {
    const db = await target.open();
    try {
      const first = await migrate(db);

      expect(first.applied).toEqual(everyId);
      expect(await recordedIds(db)).toEqual(everyId);
      expect(await tableNames(db)).toEqual(expect.arrayContaining(['conversation_references', 'job_heartbeats', 'schema_migrations']));
      // botbuilder's turn state is not kept: its table, made by the first migration, is gone.
      expect(await tableNames(db)).not.toContain('bot_state');

      await db.query("INSERT INTO job_heartbeats (name, last_run_at, runs) VALUES ('kept', now(), 3)");
      expect(await migrate(db)).toEqual({ applied: [] });
      expect(await db.query('SELECT runs FROM job_heartbeats')).toEqual([{ runs: 3 }]);
    } finally {
      await db.close();
    }
  }, 30_000);

  it('applies each migration once when called concurrently on one database handle', async () => {
    const db = await target.open();
    try {
      const results = await Promise.all([migrate(db), migrate(db), migrate(db)]);

      expect(results.flatMap((result) => result.applied).sort((a, b) => a - b)).toEqual(everyId);
      expect(await recordedIds(db)).toEqual(everyId);
    } finally {
      await db.close();
    }
  }, 30_000);

  describe('with migrations of its own', () => {
    // These tests use their own ids and tables, so they can share one database.
    let db: Database;
    beforeAll(async () => {
      db = await target.open();
    }, 30_000);
    afterAll(async () => {
      await db?.close();
    });

    it('applies only the migrations not yet recorded, in id order', async () => {
      const later = { id: 1001, name: 'later', up: 'CREATE TABLE later_table (id int)' };
      const earlier = { id: 1000, name: 'earlier', up: 'CREATE TABLE earlier_table (id int)' };
      await migrate(db, [earlier]);

      const result = await migrate(db, [later, earlier]);

      expect(result.applied).toEqual([1001]);
      expect(await recordedIds(db)).toEqual(expect.arrayContaining([1000, 1001]));
    });

    it('rolls back a failing migration entirely and records nothing', async () => {
      const broken = { id: 2000, name: 'broken', up: 'CREATE TABLE half_done (id int); SELECT * FROM no_such_table;' };

      await expect(migrate(db, [broken])).rejects.toThrow(/no_such_table/);

      expect(await tableNames(db)).not.toContain('half_done');
      expect(await recordedIds(db)).not.toContain(2000);
      // The connection is usable afterwards (PGlite has only one).
      expect(await migrate(db, [{ id: 2001, name: 'fine', up: 'CREATE TABLE fine (id int)' }])).toEqual({ applied: [2001] });
    });

    it('refuses two migrations with the same id, before applying either', async () => {
      const a = { id: 3000, name: 'a', up: 'CREATE TABLE dup_a (id int)' };

      await expect(migrate(db, [a, { ...a, name: 'b' }])).rejects.toThrow(/share id 3000/);
      expect(await tableNames(db)).not.toContain('dup_a');
    });
  });
});

// Without a server there is nothing to run (and describe.each refuses an empty table).
const serverTargets = postgresServerTargets();
(serverTargets.length > 0 ? describe.each(serverTargets) : describe.skip.each([{ name: 'a PostgreSQL server' }]))(
  'migrate from two processes on $name',
  () => {
    it('applies each migration exactly once when two instances start at the same moment', async () => {
      const fresh = await createFreshPostgresDatabase();
      const instances = await Promise.all([openPostgresDatabase(fresh.url), openPostgresDatabase(fresh.url)]);
      try {
        const slowMigration = {
          id: 4000,
          name: 'slow',
          up: 'SELECT pg_sleep(0.3); CREATE TABLE slow_table (id int);',
        };
        const migrations = [...allMigrations, slowMigration];

        const results = await Promise.all(instances.map((instance) => migrate(instance, migrations)));

        const applied = results.flatMap((result) => result.applied).sort((a, b) => a - b);
        expect(applied).toEqual(migrations.map((migration) => migration.id));
        expect(await recordedIds(instances[0]!)).toEqual(migrations.map((migration) => migration.id));
      } finally {
        await Promise.all(instances.map((instance) => instance.close()));
        await fresh.drop();
      }
    });
  },
);

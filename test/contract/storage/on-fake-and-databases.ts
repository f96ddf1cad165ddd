import type { Database } from '../../../src/adapters/storage/database';
import { databaseTargets, migratedOnFirstUse } from '../../support/test-database';

/** A port's contract: its tests, declared for one implementation, on whatever `make` gives before each test. */
export type Contract<S> = (name: string, make: () => Promise<S>) => void;

/**
 * Runs a port's contract on its in-memory fake and on its SQL implementation over each database target (PGlite, and
 * the PostgreSQL server when one answers). `sql` is given the target's database, which the file's tests share: it
 * empties what the port keeps when the contract's tests need that, and makes what they test.
 */
export function onFakeAndDatabases<S>(contract: Contract<S>, subjects: { fake: () => S; sql: (db: Database) => S | Promise<S> }): void {
  contract('the in-memory fake', async () => subjects.fake());
  for (const target of databaseTargets()) {
    const database = migratedOnFirstUse(target);
    contract(target.name, async () => subjects.sql(await database()));
  }
}

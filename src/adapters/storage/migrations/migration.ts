/** One step of the schema. Never edit a released migration: add the next number instead. */
export interface Migration {
  /** Applied in ascending order; recorded in `schema_migrations`. */
  readonly id: number;
  readonly name: string;
  /** Plain SQL, several statements allowed, no parameters. Runs in one transaction. */
  readonly up: string;
}

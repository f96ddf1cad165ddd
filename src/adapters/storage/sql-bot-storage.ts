import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import type { Database, SqlExecutor } from './database';

/** Write unconditionally ('*' or no eTag), like botbuilder's MemoryStorage. */
const UPSERT = `
  INSERT INTO bot_state (key, value, etag, updated_at) VALUES ($1, $2::jsonb, $3, now())
  ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, etag = EXCLUDED.etag, updated_at = now()
  RETURNING key`;

/**
 * Write only if nobody wrote since the caller read: the eTag check happens inside the statement,
 * under the row lock, so two bot instances writing the same key cannot both win.
 * A key that does not exist yet is created (MemoryStorage does the same).
 */
const UPSERT_IF_ETAG = `
  INSERT INTO bot_state (key, value, etag, updated_at) VALUES ($1, $2::jsonb, $3, now())
  ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, etag = EXCLUDED.etag, updated_at = now()
  WHERE bot_state.etag = $4
  RETURNING key`;

/** botbuilder `Storage` (turn state) on the `bot_state` table, with MemoryStorage's eTag rules. */
export class SqlBotStorage implements Storage {
  constructor(private readonly db: Database) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    if (keys.length === 0) return {};
    const rows = await this.db.query<{ key: string; value: Record<string, unknown>; etag: string }>(
      'SELECT key, value, etag FROM bot_state WHERE key = ANY($1::text[])',
      [keys],
    );
    const items: StoreItems = {};
    for (const row of rows) items[row.key] = { ...row.value, eTag: row.etag };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    const entries = Object.entries(changes);
    if (entries.length === 0) return;
    // All or nothing: one conflicting key leaves every key as it was.
    await this.db.transaction(async (tx) => {
      for (const [key, item] of entries) await writeItem(tx, key, item as Record<string, unknown>);
    });
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    if (keys.length === 0) return;
    await this.db.query('DELETE FROM bot_state WHERE key = ANY($1::text[])', [keys]);
  }
}

async function writeItem(tx: SqlExecutor, key: string, item: Record<string, unknown>): Promise<void> {
  const { eTag, ...value } = item;
  // Stored as JSON text, like MemoryStorage's JSON clone: what reads back is what JSON can carry.
  const json = JSON.stringify(value);
  const newETag = randomUUID();
  const unconditional = eTag === undefined || eTag === null || eTag === '' || eTag === '*';
  const written = unconditional
    ? await tx.query(UPSERT, [key, json, newETag])
    : await tx.query(UPSERT_IF_ETAG, [key, json, newETag, String(eTag)]);
  if (written.length === 0) throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
}

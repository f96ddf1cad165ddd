import type { AlertLedger } from '../../domain/ports/alert-ledger';
import type { SqlExecutor } from './database';

/** `AlertLedger` on the `posture_alerts` table (migration 023). */
export class SqlAlertLedger implements AlertLedger {
  constructor(private readonly db: SqlExecutor) {}

  async raise(key: string, kind: string, at: Date): Promise<boolean> {
    const rows = await this.db.query(
      'INSERT INTO posture_alerts (key, kind, raised_at) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING RETURNING key',
      [key, kind, at],
    );
    return rows.length > 0;
  }

  async keys(kind: string): Promise<string[]> {
    const rows = await this.db.query<{ key: string }>('SELECT key FROM posture_alerts WHERE kind = $1 ORDER BY key', [kind]);
    return rows.map((row) => row.key);
  }

  async clear(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.db.query('DELETE FROM posture_alerts WHERE key = ANY($1::text[])', [[...keys]]);
  }
}

import type { StrongTarget } from '../../domain/mfa/strong-target';
import type { StrongTargetStore } from '../../domain/ports/strong-target-store';
import type { SqlExecutor } from './database';

/** `StrongTargetStore` on the one-row `strong_target` table (migration 024). */
export class SqlStrongTargetStore implements StrongTargetStore {
  constructor(private readonly db: SqlExecutor) {}

  async get(): Promise<StrongTarget | undefined> {
    const [row] = await this.db.query<{ percent: string | number; by_day: string; set_by: string; set_at: Date }>(
      'SELECT percent, by_day, set_by, set_at FROM strong_target WHERE id = 1',
    );
    return row ? { percent: Number(row.percent), by: row.by_day, setBy: row.set_by, setAt: new Date(row.set_at) } : undefined;
  }

  async set(target: StrongTarget): Promise<void> {
    await this.db.query(
      `INSERT INTO strong_target (id, percent, by_day, set_by, set_at) VALUES (1, $1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET percent = $1, by_day = $2, set_by = $3, set_at = $4`,
      [target.percent, target.by, target.setBy, target.setAt],
    );
  }

  async clear(): Promise<boolean> {
    return (await this.db.query('DELETE FROM strong_target WHERE id = 1 RETURNING id')).length > 0;
  }
}

import type { CampaignRun, DeliveryStatus } from '../../../domain/campaigns/campaign-run';
import { isGuid } from '../../../domain/guid';
import type { CampaignRuns, DeliveryCounts, WaitingDelivery } from '../../../domain/ports/campaign-runs';
import type { Database } from '../database';
import { toRun, type RunRow } from './campaign-rows';

/** A run this large has its deliveries' statistics refreshed once they are all added (a few hundred ms at most). */
const ANALYZE_FROM = 10_000;

/** A campaign's runs (one per scheduled time) and the people each run is for. */
export class SqlCampaignRuns implements CampaignRuns {
  constructor(private readonly db: Database) {}

  async startRun(campaignId: string, scheduledFor: Date, at: Date): Promise<{ run: CampaignRun; created: boolean }> {
    const [created] = await this.db.query<RunRow>(
      `INSERT INTO campaign_runs (campaign_id, scheduled_for, started_at, status) VALUES ($1, $2, $3, 'delivering')
       ON CONFLICT (campaign_id, scheduled_for) DO NOTHING RETURNING *`,
      [campaignId, scheduledFor, at],
    );
    if (created) return { run: toRun(created), created: true };
    const [existing] = await this.db.query<RunRow>('SELECT * FROM campaign_runs WHERE campaign_id = $1 AND scheduled_for = $2', [
      campaignId,
      scheduledFor,
    ]);
    return { run: toRun(existing!), created: false };
  }

  async addDeliveries(runId: string, deliveries: readonly { userId: string; dueAt: Date }[]): Promise<number> {
    if (deliveries.length === 0) return 0;
    // One statement: the page's new deliveries, and the run's count grown by exactly those (a person already in it,
    // added by a start that died half-way or by another instance, is neither added nor counted again).
    const [row] = await this.db.query<{ added: number }>(
      `WITH added AS (
         INSERT INTO campaign_deliveries (run_id, campaign_id, user_id, due_at, status)
         SELECT $1, r.campaign_id, u.user_id, u.due_at, 'pending'
         FROM campaign_runs r, unnest($2::text[], $3::timestamptz[]) AS u (user_id, due_at)
         WHERE r.id = $1
         ON CONFLICT (run_id, user_id) DO NOTHING RETURNING 1
       ), counted AS (
         UPDATE campaign_runs SET targeted = targeted + (SELECT count(*) FROM added) WHERE id = $1
       )
       SELECT count(*)::int AS added FROM added`,
      [runId, deliveries.map((d) => d.userId), deliveries.map((d) => d.dueAt.toISOString())],
    );
    return row!.added;
  }

  async audienceAdded(runId: string, at: Date): Promise<CampaignRun | undefined> {
    if (!isGuid(runId)) return undefined;
    const [now] = await this.db.query<RunRow>(
      'UPDATE campaign_runs SET audience_added_at = $2 WHERE id = $1 AND audience_added_at IS NULL RETURNING *',
      [runId, at],
    );
    // A large run adds more rows at once than the table may have held: fresh statistics keep the engine's claims on
    // their index. The embedded database has no autovacuum to notice, and a server's may be off or minutes away.
    if (now && now.targeted >= ANALYZE_FROM) await this.db.exec('ANALYZE campaign_deliveries');
    if (now) return toRun(now);
    const [before] = await this.db.query<RunRow>('SELECT * FROM campaign_runs WHERE id = $1', [runId]);
    return before ? toRun(before) : undefined;
  }

  async finishRunIfDone(runId: string, at: Date): Promise<CampaignRun | undefined> {
    const [row] = await this.db.query<RunRow>(
      `UPDATE campaign_runs SET status = 'finished', finished_at = $2
       WHERE id = $1 AND status = 'delivering' AND audience_added_at IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM campaign_deliveries WHERE run_id = $1 AND status IN ('pending', 'sending'))
       RETURNING *`,
      [runId, at],
    );
    return row ? toRun(row) : undefined;
  }

  async finishSettledRuns(at: Date): Promise<CampaignRun[]> {
    const rows = await this.db.query<RunRow>(
      `UPDATE campaign_runs r SET status = 'finished', finished_at = $1
       WHERE r.status = 'delivering' AND r.audience_added_at IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM campaign_deliveries d WHERE d.run_id = r.id AND d.status IN ('pending', 'sending'))
       RETURNING *`,
      [at],
    );
    return rows.map(toRun);
  }

  async runs(campaignId: string): Promise<CampaignRun[]> {
    if (!isGuid(campaignId)) return [];
    const rows = await this.db.query<RunRow>('SELECT * FROM campaign_runs WHERE campaign_id = $1 ORDER BY scheduled_for', [campaignId]);
    return rows.map(toRun);
  }

  async deliveryCounts(runId: string): Promise<DeliveryCounts> {
    const rows = await this.db.query<{ status: DeliveryStatus; reason: string | null; n: string | number }>(
      'SELECT status, reason, count(*) AS n FROM campaign_deliveries WHERE run_id = $1 GROUP BY status, reason',
      [runId],
    );
    const counts: DeliveryCounts = { pending: 0, sending: 0, sent: 0, failed: 0, skipped: 0, cancelled: 0, uncertain: 0, failedBy: {} };
    for (const row of rows) {
      counts[row.status] += Number(row.n);
      if (row.status === 'failed')
        counts.failedBy[row.reason ?? 'unknown'] = (counts.failedBy[row.reason ?? 'unknown'] ?? 0) + Number(row.n);
    }
    return counts;
  }

  async waiting(runId: string): Promise<WaitingDelivery[]> {
    if (!isGuid(runId)) return [];
    const rows = await this.db.query<{ user_id: string; due_at: Date | string; reason: string | null }>(
      `SELECT user_id, due_at, reason FROM campaign_deliveries WHERE run_id = $1 AND status = 'pending' ORDER BY due_at, id`,
      [runId],
    );
    return rows.map((row) => ({ userId: row.user_id, dueAt: new Date(row.due_at), ...(row.reason ? { reason: row.reason } : {}) }));
  }
}

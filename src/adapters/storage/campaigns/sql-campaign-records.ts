import type { Campaign, CampaignPlan, CampaignStatus } from '../../../domain/campaigns/campaign';
import { campaignNumberOf } from '../../../domain/campaigns/campaign-command';
import { isGuid } from '../../../domain/guid';
import type { CampaignRecords } from '../../../domain/ports/campaign-store';
import type { Database } from '../database';
import { toCampaign, type CampaignRow } from './campaign-rows';

/** The campaigns themselves: their plans, owners, status and any problem that holds them up. */
export class SqlCampaignRecords implements CampaignRecords {
  constructor(private readonly db: Database) {}

  async create(plan: CampaignPlan, owner: { id: string; name: string }, at: Date): Promise<Campaign> {
    const [row] = await this.db.query<CampaignRow>(
      `INSERT INTO campaigns (name, owner_id, owner_name, plan, status, created_at, updated_at) VALUES ($1, $2, $3, $4::jsonb, 'active', $5, $5) RETURNING *`,
      [plan.name, owner.id, owner.name, JSON.stringify(plan), at],
    );
    return toCampaign(row!);
  }

  async get(id: string): Promise<Campaign | undefined> {
    if (!isGuid(id)) return undefined;
    const [row] = await this.db.query<CampaignRow>('SELECT * FROM campaigns WHERE id = $1', [id]);
    return row ? toCampaign(row) : undefined;
  }

  async find(ref: string): Promise<Campaign | undefined> {
    const number = campaignNumberOf(ref);
    if (number === undefined) return this.get(ref.trim().replace(/^#/, '').toLowerCase());
    const [row] = await this.db.query<CampaignRow>('SELECT * FROM campaigns WHERE number = $1', [number]);
    return row ? toCampaign(row) : undefined;
  }

  async list(limit: number): Promise<Campaign[]> {
    const rows = await this.db.query<CampaignRow>('SELECT * FROM campaigns ORDER BY created_at DESC, id LIMIT $1', [limit]);
    return rows.map(toCampaign);
  }

  async listActive(): Promise<Campaign[]> {
    const rows = await this.db.query<CampaignRow>(`SELECT * FROM campaigns WHERE status = 'active' ORDER BY created_at, id`);
    return rows.map(toCampaign);
  }

  async setProblem(id: string, problem: string | undefined, at: Date): Promise<boolean> {
    if (!isGuid(id)) return false;
    const rows = await this.db.query(
      `UPDATE campaigns SET problem = $2, problem_at = CASE WHEN $2::text IS NULL THEN NULL ELSE $3::timestamptz END
       WHERE id = $1 AND problem IS DISTINCT FROM $2::text RETURNING id`,
      [id, problem ?? null, at],
    );
    return rows.length === 1;
  }

  async setStatus(
    id: string,
    to: CampaignStatus,
    from: readonly CampaignStatus[],
    at: Date,
  ): Promise<{ campaign: Campaign; changed: boolean } | undefined> {
    if (!isGuid(id)) return undefined;
    return this.db.transaction(async (tx) => {
      const [changed] = await tx.query<CampaignRow>(
        'UPDATE campaigns SET status = $2, updated_at = $4 WHERE id = $1 AND status = ANY($3::text[]) RETURNING *',
        [id, to, [...from], at],
      );
      if (changed && to === 'cancelled') {
        // Pending deliveries stop at once; one being sent right now finishes, and its worker records it.
        await tx.query(
          `UPDATE campaign_deliveries SET status = 'cancelled', reason = 'campaign cancelled', finished_at = $2 WHERE campaign_id = $1 AND status = 'pending'`,
          [id, at],
        );
        await tx.query(`UPDATE campaign_runs SET status = 'cancelled', finished_at = $2 WHERE campaign_id = $1 AND status = 'delivering'`, [
          id,
          at,
        ]);
      }
      if (changed) return { campaign: toCampaign(changed), changed: true };
      const [row] = await tx.query<CampaignRow>('SELECT * FROM campaigns WHERE id = $1', [id]);
      return row ? { campaign: toCampaign(row), changed: false } : undefined;
    });
  }
}

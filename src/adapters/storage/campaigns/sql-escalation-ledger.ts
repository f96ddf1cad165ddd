import { isGuid } from '../../../domain/guid';
import type { EscalationLedger } from '../../../domain/ports/escalation-ledger';
import type { Database } from '../database';

/** Which people of a campaign were escalated to their manager, claimed first so that each is told once. */
export class SqlEscalationLedger implements EscalationLedger {
  constructor(private readonly db: Database) {}

  async escalationCounts(campaignId: string): Promise<{ managers: number; people: number; failedManagers: number }> {
    if (!isGuid(campaignId)) return { managers: 0, people: 0, failedManagers: 0 };
    const [row] = await this.db.query<{ managers: number; people: number; failed_managers: number }>(
      `SELECT count(DISTINCT manager_id) FILTER (WHERE status = 'sent')::int AS managers, count(*) FILTER (WHERE status = 'sent')::int AS people,
              count(DISTINCT manager_id) FILTER (WHERE status = 'failed')::int AS failed_managers
       FROM campaign_escalations WHERE campaign_id = $1`,
      [campaignId],
    );
    return { managers: row?.managers ?? 0, people: row?.people ?? 0, failedManagers: row?.failed_managers ?? 0 };
  }

  async escalated(campaignId: string): Promise<Set<string>> {
    if (!isGuid(campaignId)) return new Set();
    const rows = await this.db.query<{ user_id: string }>('SELECT user_id FROM campaign_escalations WHERE campaign_id = $1', [campaignId]);
    return new Set(rows.map((row) => row.user_id));
  }

  async claimEscalations(campaignId: string, managerId: string, userIds: readonly string[], at: Date): Promise<string[]> {
    if (userIds.length === 0 || !isGuid(campaignId)) return [];
    const rows = await this.db.query<{ user_id: string }>(
      `INSERT INTO campaign_escalations (campaign_id, user_id, manager_id, claimed_at)
       SELECT $1, u, $2, $4 FROM unnest($3::text[]) AS u
       ON CONFLICT (campaign_id, user_id) DO NOTHING RETURNING user_id`,
      [campaignId, managerId, [...userIds], at],
    );
    return rows.map((row) => row.user_id);
  }

  async releaseEscalations(campaignId: string, userIds: readonly string[]): Promise<void> {
    if (userIds.length === 0 || !isGuid(campaignId)) return;
    await this.db.query(`DELETE FROM campaign_escalations WHERE campaign_id = $1 AND user_id = ANY($2::text[]) AND status = 'sending'`, [
      campaignId,
      [...userIds],
    ]);
  }

  async settleEscalations(
    campaignId: string,
    userIds: readonly string[],
    outcome: { status: 'sent' } | { status: 'failed'; reason: string },
  ): Promise<void> {
    if (userIds.length === 0 || !isGuid(campaignId)) return;
    await this.db.query('UPDATE campaign_escalations SET status = $3, reason = $4 WHERE campaign_id = $1 AND user_id = ANY($2::text[])', [
      campaignId,
      [...userIds],
      outcome.status,
      outcome.status === 'failed' ? outcome.reason : null,
    ]);
  }
}

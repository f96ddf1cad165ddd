import type { CampaignDelivery, DeliveryResult, DeliveryStatus } from '../../../domain/campaigns/campaign-run';
import { isGuid } from '../../../domain/guid';
import type { DeliveryQueue } from '../../../domain/ports/delivery-queue';
import type { Database } from '../database';
import { toDelivery, type DeliveryRow } from './campaign-rows';

/**
 * SKIP LOCKED: two workers asking at once each get different rows, neither waits for the other. The campaign
 * must be active, so a pause or a cancel stops claims at once, mid-run.
 */
/**
 * Leases run on the database's clock: an instance whose own clock is fast must not take back a claim another is
 * still sending. The caller's lease is its length (leaseUntil - now, $4 - $1), started at the database's time
 * ($5 is null), or at the caller's time when the store was made with `leaseClock: 'caller'` (tests that move time).
 */
const CLAIM_DUE = `
  UPDATE campaign_deliveries d SET status = 'sending', claimed_by = $3,
    lease_until = COALESCE($5::timestamptz, clock_timestamp()) + ($4::timestamptz - $1::timestamptz), attempts = d.attempts + 1
  WHERE d.id IN (
    SELECT d2.id FROM campaign_deliveries d2 JOIN campaigns c ON c.id = d2.campaign_id
    WHERE d2.status = 'pending' AND d2.due_at <= $1 AND c.status = 'active'
    ORDER BY d2.due_at, d2.id
    LIMIT $2
    FOR UPDATE OF d2 SKIP LOCKED
  )
  RETURNING d.*`;

/**
 * Records a claimed delivery's result; only the worker holding the claim may (lease lost, cancelled: nothing changes). Its send mark is cleared only by a result that proves nothing reached
 * Teams ($8); any other "try again" after the mark becomes uncertain: a marked delivery is never sent twice.
 */
const COMPLETE = `
  UPDATE campaign_deliveries SET
    status = CASE WHEN $3 = 'pending' AND send_started_at IS NOT NULL AND NOT $8 THEN 'uncertain' ELSE $3 END,
    reason = CASE WHEN $3 = 'pending' AND send_started_at IS NOT NULL AND NOT $8 THEN 'no answer could be recorded after its card left' ELSE $4 END,
    nudge_id = CASE WHEN $9 THEN NULL ELSE $5::uuid END,
    smtp_nudge_id = CASE WHEN $9 THEN $5::uuid ELSE NULL END,
    due_at = CASE WHEN $3 = 'pending' AND (send_started_at IS NULL OR $8) THEN COALESCE($6, due_at) ELSE due_at END,
    finished_at = CASE WHEN $3 = 'pending' AND (send_started_at IS NULL OR $8) THEN NULL ELSE $7::timestamptz END,
    send_started_at = CASE WHEN $3 = 'pending' AND $8 THEN NULL ELSE send_started_at END,
    claimed_by = NULL, lease_until = NULL
  WHERE id = $1 AND status = 'sending' AND claimed_by = $2
  RETURNING id`;

/**
 * Claims whose worker's lease ran out (the worker died or was held up). Not yet marked: pending again, due now.
 * Marked: the card may have left. If the worker had recorded its nudge as sent (Teams accepted the card) before it
 * stopped, the delivery is sent, with that nudge; otherwise nobody can know, and it is uncertain, never resent.
 */
const RECLAIM_EXPIRED = `
  WITH expired AS (
    SELECT d.id, d.send_started_at IS NOT NULL AS marked,
      (SELECT n.id FROM nudges n WHERE n.campaign_delivery_id = d.id AND n.status = 'sent' ORDER BY n.created_at DESC LIMIT 1) AS sent_nudge,
      -- A card to an owner of password senders is kept under the delivery's request key (smtpCardRequestKey).
      (SELECT o.id FROM smtp_owner_nudges o WHERE o.request_key = 'campaign-delivery:' || d.id AND o.status = 'sent') AS sent_smtp_nudge
    FROM campaign_deliveries d
    WHERE d.status = 'sending' AND d.lease_until < COALESCE($2::timestamptz, clock_timestamp())
  ), moved AS (
    UPDATE campaign_deliveries d
    SET status = CASE WHEN NOT e.marked THEN 'pending' WHEN COALESCE(e.sent_nudge, e.sent_smtp_nudge) IS NOT NULL THEN 'sent' ELSE 'uncertain' END,
        reason = CASE WHEN NOT e.marked THEN d.reason WHEN COALESCE(e.sent_nudge, e.sent_smtp_nudge) IS NOT NULL THEN NULL
          ELSE 'the instance sending it stopped before Teams answered' END,
        nudge_id = COALESCE(e.sent_nudge, d.nudge_id),
        smtp_nudge_id = COALESCE(e.sent_smtp_nudge, d.smtp_nudge_id),
        finished_at = CASE WHEN NOT e.marked THEN NULL ELSE $1::timestamptz END,
        due_at = CASE WHEN NOT e.marked THEN $1::timestamptz ELSE d.due_at END,
        claimed_by = NULL, lease_until = NULL
    FROM expired e
    WHERE d.id = e.id AND d.status = 'sending' AND d.lease_until < COALESCE($2::timestamptz, clock_timestamp())
    RETURNING d.id, d.status
  ), settled AS (
    -- Its nudge says the same: uncertain (it keeps counting towards the cap), no longer "being sent".
    UPDATE nudges n SET status = 'uncertain', status_detail = 'its sender stopped after the card left'
    FROM moved m
    WHERE n.campaign_delivery_id = m.id AND m.status = 'uncertain' AND n.status = 'sending'
    RETURNING n.id
  ), settled_smtp AS (
    UPDATE smtp_owner_nudges o SET status = 'uncertain', status_detail = 'its sender stopped after the card left'
    FROM moved m
    WHERE o.request_key = 'campaign-delivery:' || m.id AND m.status = 'uncertain' AND o.status = 'sending'
    RETURNING o.id
  )
  SELECT status FROM moved`;

/**
 * The delivery queue: each delivery claimed by one worker at a time under a lease, marked just before its card
 * leaves, and settled by the worker holding the claim (or, when its lease ran out, by whoever reclaims it).
 */
export class SqlDeliveryQueue implements DeliveryQueue {
  constructor(
    private readonly db: Database,
    /**
     * Whose clock leases run on: the database's (the default, and what production uses), or the times callers
     * pass, for tests that move time instead of waiting for a lease to run out.
     */
    private readonly options: { leaseClock?: 'database' | 'caller' } = {},
  ) {}

  /** The caller's time for a lease comparison, or null for the database's clock. */
  private leaseTime(callerTime: Date): Date | null {
    return this.options.leaseClock === 'caller' ? callerTime : null;
  }

  async claimDue(now: Date, limit: number, worker: string, leaseUntil: Date): Promise<CampaignDelivery[]> {
    const rows = await this.db.query<DeliveryRow>(CLAIM_DUE, [now, limit, worker, leaseUntil, this.leaseTime(now)]);
    return rows.map(toDelivery).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || Number(a.id) - Number(b.id));
  }

  async complete(deliveryId: string, worker: string, result: DeliveryResult, at: Date): Promise<boolean> {
    const status: DeliveryStatus = result.kind === 'later' ? 'pending' : result.kind;
    const rows = await this.db.query(COMPLETE, [
      deliveryId,
      worker,
      status,
      result.kind === 'sent' ? null : result.reason,
      result.kind === 'sent' ? result.nudgeId : null,
      result.kind === 'later' ? result.at : null,
      at,
      result.kind === 'later' && result.notDelivered === true,
      result.kind === 'sent' && result.card === 'smtpOwner',
    ]);
    return rows.length === 1;
  }

  async markSendStarted(deliveryId: string, worker: string, at: Date): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE campaign_deliveries SET send_started_at = $3
       WHERE id = $1 AND status = 'sending' AND claimed_by = $2 AND lease_until > COALESCE($4::timestamptz, clock_timestamp()) RETURNING id`,
      [deliveryId, worker, at, this.leaseTime(at)],
    );
    return rows.length === 1;
  }

  async reclaimExpired(now: Date): Promise<{ pending: number; uncertain: number; sent: number }> {
    const rows = await this.db.query<{ status: DeliveryStatus }>(RECLAIM_EXPIRED, [now, this.leaseTime(now)]);
    const count = (status: DeliveryStatus) => rows.filter((row) => row.status === status).length;
    return { pending: count('pending'), uncertain: count('uncertain'), sent: count('sent') };
  }

  async sentCounts(campaignId: string, userIds: readonly string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    if (userIds.length === 0 || !isGuid(campaignId)) return counts;
    const rows = await this.db.query<{ user_id: string; n: string | number }>(
      `SELECT user_id, count(*) AS n FROM campaign_deliveries WHERE campaign_id = $1 AND status = 'sent' AND user_id = ANY($2::text[]) GROUP BY user_id`,
      [campaignId, [...userIds]],
    );
    for (const row of rows) counts.set(row.user_id, Number(row.n));
    return counts;
  }
}

import type { Campaign, CampaignPlan, CampaignStatus } from '../../domain/campaigns/campaign';
import { campaignNumberOf } from '../../domain/campaigns/campaign-command';
import type { CampaignHeadline, DeliveryFact } from '../../domain/campaigns/campaign-funnel';
import type { CampaignDelivery, CampaignRun, DeliveryResult, DeliveryStatus } from '../../domain/campaigns/campaign-run';
import type { CampaignStore, DeliveryCounts } from '../../domain/ports/campaign-store';
import type { Database } from './database';
import { isGuid } from '../../domain/guid';

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
    nudge_id = $5,
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
      (SELECT n.id FROM nudges n WHERE n.campaign_delivery_id = d.id AND n.status = 'sent' ORDER BY n.created_at DESC LIMIT 1) AS sent_nudge
    FROM campaign_deliveries d
    WHERE d.status = 'sending' AND d.lease_until < COALESCE($2::timestamptz, clock_timestamp())
  ), moved AS (
    UPDATE campaign_deliveries d
    SET status = CASE WHEN NOT e.marked THEN 'pending' WHEN e.sent_nudge IS NOT NULL THEN 'sent' ELSE 'uncertain' END,
        reason = CASE WHEN NOT e.marked THEN d.reason WHEN e.sent_nudge IS NOT NULL THEN NULL ELSE 'the instance sending it stopped before Teams answered' END,
        nudge_id = COALESCE(e.sent_nudge, d.nudge_id),
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
  )
  SELECT status FROM moved`;

/**
 * When strong MFA was confirmed after a delivery's nudge was sent: by a live check (the series ended as
 * enrolled) or else by the latest scan, if it ran after the send. Over FACT_SOURCES.
 */
const ENROLLED_AT = `
  CASE WHEN s.end_reason = 'enrolled' AND s.ended_at >= n.sent_at THEN s.ended_at
       WHEN u.strength = 'strong' AND r.finished_at >= n.sent_at THEN r.finished_at END`;

const FACT_SOURCES = `
  campaign_deliveries d
    LEFT JOIN nudges n ON n.id = d.nudge_id
    LEFT JOIN nudge_series s ON s.id = n.series_id
    LEFT JOIN current_mfa_users u ON u.id = d.user_id
    LEFT JOIN scan_runs r ON r.id = u.scan_id`;

/** Each delivery with what followed: any action on its card, a snooze, and strong MFA confirmed after it was sent. */
const DELIVERY_FACTS = `
  SELECT d.run_id, d.user_id, d.status, d.reason, n.sent_at,
    EXISTS (SELECT 1 FROM nudge_actions a WHERE a.nudge_id = d.nudge_id) AS opened,
    EXISTS (SELECT 1 FROM nudge_actions a WHERE a.nudge_id = d.nudge_id AND a.action <> 'viewed' AND a.result <> 'notYours') AS answered,
    EXISTS (SELECT 1 FROM nudge_actions a WHERE a.nudge_id = d.nudge_id AND a.action = 'snooze' AND a.result = 'snoozed') AS snoozed,
    ${ENROLLED_AT} AS enrolled_at,
    u.user_principal_name, u.display_name, u.manager_id
  FROM ${FACT_SOURCES}
  WHERE d.campaign_id = $1
  ORDER BY d.id`;

/**
 * The list's three figures per campaign, counted per person as campaignFunnel counts them: a person reached by
 * any run is delivered ('sent' is as far as a delivery gets), and enrolled when any of their nudges was followed
 * by strong MFA. Counted here so that the list does not read every delivery of ten campaigns.
 */
const HEADLINES = `
  SELECT d.campaign_id, count(DISTINCT d.user_id)::int AS targeted,
    count(DISTINCT d.user_id) FILTER (WHERE d.status = 'sent')::int AS delivered,
    count(DISTINCT d.user_id) FILTER (WHERE (${ENROLLED_AT}) IS NOT NULL)::int AS enrolled
  FROM ${FACT_SOURCES}
  WHERE d.campaign_id = ANY($1::uuid[])
  GROUP BY d.campaign_id`;

interface FactRow {
  run_id: string;
  user_id: string;
  status: DeliveryStatus;
  reason: string | null;
  sent_at: Date | string | null;
  opened: boolean;
  answered: boolean;
  snoozed: boolean;
  enrolled_at: Date | string | null;
  user_principal_name: string | null;
  display_name: string | null;
  manager_id: string | null;
}

interface CampaignRow {
  id: string;
  number: number;
  name: string;
  owner_id: string;
  owner_name: string;
  plan: CampaignPlan;
  status: CampaignStatus;
  created_at: Date | string;
  problem: string | null;
  problem_at: Date | string | null;
}

interface RunRow {
  id: string;
  campaign_id: string;
  scheduled_for: Date | string;
  started_at: Date | string;
  finished_at: Date | string | null;
  status: CampaignRun['status'];
  targeted: number;
}

interface DeliveryRow {
  id: string | number;
  run_id: string;
  campaign_id: string;
  user_id: string;
  due_at: Date | string;
  status: DeliveryStatus;
  attempts: number;
  reason: string | null;
  nudge_id: string | null;
}

export class SqlCampaignStore implements CampaignStore {
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
    return this.db.transaction(async (tx) => {
      const rows = await tx.query(
        `INSERT INTO campaign_deliveries (run_id, campaign_id, user_id, due_at, status)
         SELECT $1, r.campaign_id, u.user_id, u.due_at, 'pending'
         FROM campaign_runs r, unnest($2::text[], $3::timestamptz[]) AS u (user_id, due_at)
         WHERE r.id = $1
         ON CONFLICT (run_id, user_id) DO NOTHING RETURNING id`,
        [runId, deliveries.map((d) => d.userId), deliveries.map((d) => d.dueAt.toISOString())],
      );
      await tx.query('UPDATE campaign_runs SET targeted = (SELECT count(*) FROM campaign_deliveries WHERE run_id = $1) WHERE id = $1', [
        runId,
      ]);
      return rows.length;
    });
  }

  async finishRunIfDone(runId: string, at: Date): Promise<CampaignRun | undefined> {
    const [row] = await this.db.query<RunRow>(
      `UPDATE campaign_runs SET status = 'finished', finished_at = $2
       WHERE id = $1 AND status = 'delivering'
         AND NOT EXISTS (SELECT 1 FROM campaign_deliveries WHERE run_id = $1 AND status IN ('pending', 'sending'))
       RETURNING *`,
      [runId, at],
    );
    return row ? toRun(row) : undefined;
  }

  async finishSettledRuns(at: Date): Promise<CampaignRun[]> {
    const rows = await this.db.query<RunRow>(
      `UPDATE campaign_runs r SET status = 'finished', finished_at = $1
       WHERE r.status = 'delivering'
         AND EXISTS (SELECT 1 FROM campaign_deliveries d WHERE d.run_id = r.id)
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

  async deliveryFacts(campaignId: string): Promise<DeliveryFact[]> {
    if (!isGuid(campaignId)) return [];
    const rows = await this.db.query<FactRow>(DELIVERY_FACTS, [campaignId]);
    return rows.map((row) => ({
      runId: row.run_id,
      userId: row.user_id,
      status: row.status,
      ...(row.reason ? { reason: row.reason } : {}),
      ...(row.sent_at ? { sentAt: new Date(row.sent_at) } : {}),
      opened: row.opened,
      answered: row.answered,
      snoozed: row.snoozed,
      ...(row.enrolled_at ? { enrolledAt: new Date(row.enrolled_at) } : {}),
      ...(row.user_principal_name ? { userPrincipalName: row.user_principal_name } : {}),
      ...(row.display_name ? { displayName: row.display_name } : {}),
      ...(row.manager_id ? { managerId: row.manager_id } : {}),
    }));
  }

  async headlines(campaignIds: readonly string[]): Promise<Map<string, CampaignHeadline>> {
    const ids = campaignIds.filter(isGuid);
    const headlines = new Map<string, CampaignHeadline>(ids.map((id) => [id, { targeted: 0, delivered: 0, enrolled: 0 }]));
    if (ids.length === 0) return headlines;
    const rows = await this.db.query<{ campaign_id: string; targeted: number; delivered: number; enrolled: number }>(HEADLINES, [ids]);
    for (const row of rows) headlines.set(row.campaign_id, { targeted: row.targeted, delivered: row.delivered, enrolled: row.enrolled });
    return headlines;
  }

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

function toCampaign(row: CampaignRow): Campaign {
  return {
    ...row.plan,
    id: row.id,
    number: row.number,
    name: row.name,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    status: row.status,
    createdAt: new Date(row.created_at),
    ...(row.problem ? { problem: { text: row.problem, at: new Date(row.problem_at ?? row.created_at) } } : {}),
  };
}

function toRun(row: RunRow): CampaignRun {
  return {
    id: row.id,
    campaignId: row.campaign_id,
    scheduledFor: new Date(row.scheduled_for),
    startedAt: new Date(row.started_at),
    ...(row.finished_at ? { finishedAt: new Date(row.finished_at) } : {}),
    status: row.status,
    targeted: row.targeted,
  };
}

function toDelivery(row: DeliveryRow): CampaignDelivery {
  return {
    id: String(row.id),
    runId: row.run_id,
    campaignId: row.campaign_id,
    userId: row.user_id,
    dueAt: new Date(row.due_at),
    status: row.status,
    attempts: row.attempts,
    ...(row.reason ? { reason: row.reason } : {}),
    ...(row.nudge_id ? { nudgeId: row.nudge_id } : {}),
  };
}

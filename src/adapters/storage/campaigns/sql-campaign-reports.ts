import type { CampaignHeadline, DeliveryFact } from '../../../domain/campaigns/campaign-funnel';
import type { DeliveryStatus } from '../../../domain/campaigns/campaign-run';
import { isGuid } from '../../../domain/guid';
import type { CampaignReports } from '../../../domain/ports/campaign-reports';
import type { Database } from '../database';
import { PHISHING_RESISTANT_METHODS } from '../../../domain/mfa/mfa-strength';

/** Our own constant method names (never input), written into the statement as a text array. */
const PHISHING_RESISTANT = `ARRAY[${PHISHING_RESISTANT_METHODS.map((kind) => `'${kind}'`).join(', ')}]::text[]`;

/**
 * When what the nudge asked for was confirmed after it was sent: by a live check (the series ended as enrolled) or
 * else by the latest scan, if it ran after the send and found it (strong MFA; a phishing-resistant method when the
 * nudge asked for a passkey, as its "I've done it" does). Over FACT_SOURCES.
 */
const ENROLLED_AT = `
  CASE WHEN s.end_reason = 'enrolled' AND s.ended_at >= n.sent_at THEN s.ended_at
       WHEN (CASE WHEN n.target = 'passkey' THEN u.methods && ${PHISHING_RESISTANT} ELSE u.strength = 'strong' END)
         AND r.finished_at >= n.sent_at THEN r.finished_at END`;

/**
 * For a card to an owner of password senders: when the owner moved off the password, read from the last completed
 * read of the sign-in log (its end: the latest it can have been). Each account on the card must have signed in with
 * no password since the card, and either signed in since (with OAuth: the move shows) or stayed quiet for a week
 * after the card in a read that covers that week (a device retired, or moved to a relay that signs in as no one).
 */
const MOVED_AT = `
  CASE WHEN o.sent_at IS NOT NULL AND lc.finished_at >= o.sent_at AND NOT EXISTS (
    SELECT 1 FROM unnest(o.account_ids) AS card (account_id)
    WHERE EXISTS (SELECT 1 FROM smtp_senders x
                  WHERE lower(x.account_id) = lower(card.account_id) AND x.last_password_seen >= o.sent_at)
       OR (lc.window_until < o.sent_at + interval '7 days'
           AND NOT EXISTS (SELECT 1 FROM smtp_senders x WHERE lower(x.account_id) = lower(card.account_id) AND x.last_seen > o.sent_at))
  ) THEN lc.finished_at END`;

const FACT_SOURCES = `
  campaign_deliveries d
    LEFT JOIN nudges n ON n.id = d.nudge_id
    LEFT JOIN nudge_series s ON s.id = n.series_id
    LEFT JOIN smtp_owner_nudges o ON o.id = d.smtp_nudge_id
    LEFT JOIN (SELECT finished_at, window_until FROM smtp_scans WHERE status = 'completed' ORDER BY id DESC LIMIT 1) lc
      ON o.id IS NOT NULL
    LEFT JOIN current_mfa_users u ON u.id = d.user_id
    LEFT JOIN scan_runs r ON r.id = u.scan_id`;

/** What a delivery led to: strong MFA after an MFA nudge, or off the password after a card to an owner. */
const OUTCOME_AT = `COALESCE(${ENROLLED_AT}, ${MOVED_AT})`;

/** Each delivery with what followed: any action on its card, a snooze, and strong MFA confirmed after it was sent. */
const DELIVERY_FACTS = `
  SELECT d.run_id, d.user_id, d.status, d.reason, COALESCE(n.sent_at, o.sent_at) AS sent_at,
    EXISTS (SELECT 1 FROM nudge_actions a WHERE a.nudge_id = d.nudge_id) AS opened,
    EXISTS (SELECT 1 FROM nudge_actions a WHERE a.nudge_id = d.nudge_id AND a.action <> 'viewed' AND a.result <> 'notYours') AS answered,
    EXISTS (SELECT 1 FROM nudge_actions a WHERE a.nudge_id = d.nudge_id AND a.action = 'snooze' AND a.result = 'snoozed') AS snoozed,
    ${OUTCOME_AT} AS enrolled_at,
    u.user_principal_name, u.display_name, u.manager_id,
    CASE WHEN d.status IN ('pending', 'sending') THEN d.due_at END AS due_at
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
    count(DISTINCT d.user_id) FILTER (WHERE (${OUTCOME_AT}) IS NOT NULL)::int AS enrolled
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
  due_at: Date | string | null;
}

/** What followed each delivery, for a campaign's funnel, its export and the list's figures. */
export class SqlCampaignReports implements CampaignReports {
  constructor(private readonly db: Database) {}

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
      ...(row.due_at ? { dueAt: new Date(row.due_at) } : {}),
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
}

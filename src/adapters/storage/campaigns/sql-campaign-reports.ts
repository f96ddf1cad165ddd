import type { CampaignHeadline, DeliveryFact } from '../../../domain/campaigns/campaign-funnel';
import type { DeliveryStatus } from '../../../domain/campaigns/campaign-run';
import { isGuid } from '../../../domain/guid';
import type { CampaignFunnelCounts, CampaignReports, DeliveryFactsPage } from '../../../domain/ports/campaign-reports';
import { sqlFunnelCounts } from './sql-campaign-funnels';
import type { Database } from '../database';
import { FACT_SOURCES, OUTCOME_AT } from './campaign-fact-sources';
import { catchUpFunnels, READER_CATCH_UP } from './campaign-funnel-upkeep';
import { WHOLE_CAMPAIGN_SQL } from '../migrations/029_campaign_funnel_tallies';

/**
 * Each delivery with what followed: any action on its card, a snooze, and strong MFA confirmed after it was sent. In
 * delivery order, which the index on (campaign_id, id) reads without sorting, so a page of it costs the page.
 */
const factsOf = (more: string, order = 'd.id') => `
  SELECT d.id, d.run_id, d.user_id, d.status, d.reason, COALESCE(n.sent_at, o.sent_at) AS sent_at,
    EXISTS (SELECT 1 FROM nudge_actions a WHERE a.nudge_id = d.nudge_id) AS opened,
    EXISTS (SELECT 1 FROM nudge_actions a WHERE a.nudge_id = d.nudge_id AND a.action <> 'viewed' AND a.result <> 'notYours') AS answered,
    EXISTS (SELECT 1 FROM nudge_actions a WHERE a.nudge_id = d.nudge_id AND a.action = 'snooze' AND a.result = 'snoozed') AS snoozed,
    ${OUTCOME_AT} AS enrolled_at,
    u.user_principal_name, u.display_name, u.manager_id,
    CASE WHEN d.status IN ('pending', 'sending') THEN d.due_at END AS due_at
  FROM ${FACT_SOURCES}
  WHERE d.campaign_id = $1 ${more}
  ORDER BY ${order}`;
const DELIVERY_FACTS = factsOf('');
const DELIVERY_FACTS_PAGE = `${factsOf('AND d.id > $2')} LIMIT $3`;
/**
 * Every delivery of the next people by id, person by person, from the index on (campaign_id, user_id): the range up to
 * the page's last person. (As `user_id IN (those people)`, the planner joined the whole campaign for each page: 0.6 s
 * a page at 200,000 deliveries, where the range reads the page by index in about 45 ms.)
 */
const FACTS_OF_PEOPLE = factsOf(
  `AND d.user_id > $2 AND d.user_id <= (
     SELECT max(page.user_id) FROM (
       SELECT DISTINCT p.user_id FROM campaign_deliveries p
       WHERE p.campaign_id = $1 AND p.user_id > $2 ORDER BY p.user_id LIMIT $3) page)`,
  'd.user_id, d.id',
);
/** A page's place: the id of the delivery before it (ids are bigserial, so only digits). */
const AFTER = /^\d{1,19}$/;

/**
 * The list's three figures per campaign, from the campaign's tallies as a whole (migration 029): each person once, a
 * person reached by any run is delivered ('sent' is as far as a delivery gets), and enrolled when any of their nudges
 * was followed by strong MFA. Two rows a campaign, whatever its size.
 */
const HEADLINES = `
  SELECT t.campaign_id, t.targeted, t.enrolled,
    (SELECT COALESCE(sum(g.people), 0) FROM campaign_funnel_groups g
     WHERE g.campaign_id = t.campaign_id AND g.run_id = t.run_id AND g.status = 'sent')::int AS delivered
  FROM campaign_funnel_figures t
  WHERE t.campaign_id = ANY($1::uuid[]) AND t.run_id = ${WHOLE_CAMPAIGN_SQL}`;

interface FactRow {
  id: string | number;
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
    return (await this.db.query<FactRow>(DELIVERY_FACTS, [campaignId])).map(factOf);
  }

  async deliveryFactsPage(campaignId: string, after: string | undefined, size: number): Promise<DeliveryFactsPage> {
    if (after !== undefined && !AFTER.test(after)) throw new RangeError(`not a place in a campaign's deliveries: ${after}`);
    if (!isGuid(campaignId)) return { facts: [] };
    const rows = await this.db.query<FactRow>(DELIVERY_FACTS_PAGE, [campaignId, after ?? '0', size]);
    const last = rows.at(-1);
    return { facts: rows.map(factOf), ...(rows.length === size && last ? { next: String(last.id) } : {}) };
  }

  async deliveryFactsOfPeople(campaignId: string, afterUserId: string | undefined, people: number): Promise<DeliveryFactsPage> {
    if (!isGuid(campaignId)) return { facts: [] };
    const facts = (await this.db.query<FactRow>(FACTS_OF_PEOPLE, [campaignId, afterUserId ?? '', people])).map(factOf);
    const last = facts.at(-1)?.userId;
    return { facts, ...(last !== undefined && new Set(facts.map((fact) => fact.userId)).size === people ? { next: last } : {}) };
  }

  async deliveryCount(campaignId: string): Promise<number> {
    if (!isGuid(campaignId)) return 0;
    const [row] = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM campaign_deliveries WHERE campaign_id = $1', [
      campaignId,
    ]);
    return row?.n ?? 0;
  }

  funnelCounts(campaignId: string): Promise<CampaignFunnelCounts> {
    return sqlFunnelCounts(this.db, campaignId);
  }

  async headlines(campaignIds: readonly string[]): Promise<Map<string, CampaignHeadline>> {
    const ids = campaignIds.filter(isGuid);
    const headlines = new Map<string, CampaignHeadline>(ids.map((id) => [id, { targeted: 0, delivered: 0, enrolled: 0 }]));
    if (ids.length === 0) return headlines;
    await catchUpFunnels(this.db, READER_CATCH_UP, ids);
    const rows = await this.db.query<{ campaign_id: string; targeted: number; delivered: number; enrolled: number }>(HEADLINES, [ids]);
    for (const row of rows) headlines.set(row.campaign_id, { targeted: row.targeted, delivered: row.delivered, enrolled: row.enrolled });
    return headlines;
  }
}

function factOf(row: FactRow): DeliveryFact {
  return {
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
  };
}

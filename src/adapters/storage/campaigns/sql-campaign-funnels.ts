import { noPeopleCounted, type FunnelCounts } from '../../../domain/campaigns/campaign-funnel';
import type { DeliveryStatus } from '../../../domain/campaigns/campaign-run';
import { WAITING_PEOPLE_SHOWN } from '../../../domain/campaigns/campaign-waiting';
import { isGuid } from '../../../domain/guid';
import type { CampaignFunnelCounts } from '../../../domain/ports/campaign-reports';
import type { Database } from '../database';
import { WHOLE_CAMPAIGN, WHOLE_CAMPAIGN_SQL as WHOLE } from '../migrations/029_campaign_funnel_tallies';
import { catchUpFunnels, READER_CATCH_UP } from './campaign-funnel-upkeep';

/** Whether the tallies have anyone waiting in campaign $1 for `runId` (a run's, or the whole campaign's). */
const SOMEONE_WAITS = (runId: string) => `
  SELECT 1 FROM campaign_funnel_groups s
  WHERE s.campaign_id = $1 AND s.run_id = ${runId} AND s.status IN ('pending', 'sending') AND s.people > 0`;

/**
 * A campaign's funnel read from its tallies (migration 029), in three small answers: people by status and reason
 * (with the soonest due of those waiting, one index probe a group), the figures (with the median they keep), and the
 * first few waiting (one probe for the campaign and one a run, only where the tallies say someone waits). Only those
 * rows are read, whatever the campaign's size.
 */
const FUNNEL_COUNTS = `
  SELECT
    (SELECT COALESCE(json_agg(g), '[]') FROM (
       SELECT g.run_id, g.status, NULLIF(g.reason, '') AS reason, g.people,
         CASE WHEN g.status NOT IN ('pending', 'sending') THEN NULL
              WHEN g.run_id = ${WHOLE} THEN (
                SELECT min(p.due_at) FROM campaign_person_facts p
                WHERE p.campaign_id = $1 AND p.status = g.status AND p.reason = g.reason AND p.due_at IS NOT NULL)
              ELSE (
                SELECT min(f.due_at) FROM campaign_delivery_facts f
                WHERE f.run_id = g.run_id AND f.status = g.status AND f.reason = g.reason AND f.due_at IS NOT NULL) END AS soonest
       FROM campaign_funnel_groups g WHERE g.campaign_id = $1 AND g.people > 0
     ) g) AS groups,
    (SELECT COALESCE(json_agg(t), '[]') FROM (
       SELECT t.run_id, t.targeted, t.opened, t.snoozed, t.enrolled, t.median_minutes
       FROM campaign_funnel_figures t WHERE t.campaign_id = $1 AND t.targeted > 0
     ) t) AS figures,
    (SELECT COALESCE(json_agg(w), '[]') FROM (
       SELECT * FROM (
         SELECT ${WHOLE} AS run_id, user_id, display_name, status, NULLIF(reason, '') AS reason, due_at
         FROM campaign_person_facts WHERE campaign_id = $1 AND due_at IS NOT NULL AND EXISTS (${SOMEONE_WAITS(WHOLE)})
         ORDER BY due_at, user_id COLLATE "C" LIMIT $2) whole
       UNION ALL
       SELECT r.run_id, x.user_id, x.display_name, x.status, NULLIF(x.reason, ''), x.due_at
       FROM campaign_funnel_figures r CROSS JOIN LATERAL (
         SELECT user_id, display_name, status, reason, due_at FROM campaign_delivery_facts f
         WHERE f.run_id = r.run_id AND f.due_at IS NOT NULL ORDER BY due_at, user_id COLLATE "C" LIMIT $2) x
       WHERE r.campaign_id = $1 AND r.run_id <> ${WHOLE} AND EXISTS (${SOMEONE_WAITS('r.run_id')})
     ) w) AS next`;

interface Answer {
  groups: { run_id: string; status: DeliveryStatus; reason: string | null; people: number; soonest: string | null }[];
  figures: {
    run_id: string;
    targeted: number;
    opened: number;
    snoozed: number;
    enrolled: number;
    median_minutes: number | string | null;
  }[];
  next: {
    run_id: string;
    user_id: string;
    display_name: string | null;
    status: DeliveryStatus;
    reason: string | null;
    due_at: string;
  }[];
}

/** A campaign's funnel, as a whole and per run, counted in the database. */
export async function sqlFunnelCounts(db: Database, campaignId: string): Promise<CampaignFunnelCounts> {
  const counts = { total: noPeopleCounted(), byRun: new Map<string, FunnelCounts>() };
  if (!isGuid(campaignId)) return counts;
  await catchUpFunnels(db, READER_CATCH_UP, [campaignId]);
  const [answer] = await db.query<Answer>(FUNNEL_COUNTS, [campaignId, WAITING_PEOPLE_SHOWN]);
  const of = (runId: string): FunnelCounts => {
    if (runId === WHOLE_CAMPAIGN) return counts.total;
    const run = counts.byRun.get(runId) ?? noPeopleCounted();
    counts.byRun.set(runId, run);
    return run;
  };
  for (const row of answer!.figures) {
    const median = row.median_minutes === null ? undefined : Number(row.median_minutes);
    Object.assign(of(row.run_id), {
      targeted: row.targeted,
      opened: row.opened,
      snoozed: row.snoozed,
      enrolled: row.enrolled,
      ...(median === undefined ? {} : { medianMinutesToEnrol: median }),
    });
  }
  for (const row of answer!.groups) {
    of(row.run_id).byStatus.push({
      status: row.status,
      ...(row.reason ? { reason: row.reason } : {}),
      people: row.people,
      ...(row.soonest ? { soonest: new Date(row.soonest) } : {}),
    });
  }
  for (const row of answer!.next) {
    of(row.run_id).nextWaiting.push({
      userId: row.user_id,
      ...(row.display_name ? { displayName: row.display_name } : {}),
      status: row.status,
      ...(row.reason ? { reason: row.reason } : {}),
      dueAt: new Date(row.due_at),
    });
  }
  return counts;
}

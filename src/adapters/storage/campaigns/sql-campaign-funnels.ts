import { noPeopleCounted, PROGRESS, type FunnelCounts } from '../../../domain/campaigns/campaign-funnel';
import type { DeliveryStatus } from '../../../domain/campaigns/campaign-run';
import { WAITING_PEOPLE_SHOWN } from '../../../domain/campaigns/campaign-waiting';
import { isGuid } from '../../../domain/guid';
import type { CampaignFunnelCounts } from '../../../domain/ports/campaign-reports';
import type { Database } from '../database';
import { FACT_SOURCES, OUTCOME_AT } from './campaign-fact-sources';

/**
 * How far a delivery got, in the domain's order (our own constant statuses, never input, written into the statement):
 * a person's furthest delivery is the one that counts.
 */
const PROGRESS_OF = `array_position(ARRAY[${PROGRESS.map((status) => `'${status}'`).join(', ')}], d.status)`;

/**
 * A campaign's funnel counted where its deliveries are: the campaign as a whole (run_id NULL; each person once, by
 * their furthest delivery, the earliest of those that got as far) and each run, in three small answers: people by
 * status and reason, the figures, and the first few waiting. Only those rows leave the database, whatever the
 * campaign's size. Counted as funnelCountsOf counts every fact (a contract test holds the two together).
 */
const FUNNEL_COUNTS = `
  WITH facts AS (
    SELECT d.id, d.run_id, d.user_id, d.status, d.reason, ${PROGRESS_OF} AS progress,
      COALESCE(n.sent_at, o.sent_at) AS sent_at,
      EXISTS (SELECT 1 FROM nudge_actions a WHERE a.nudge_id = d.nudge_id) AS opened,
      EXISTS (SELECT 1 FROM nudge_actions a WHERE a.nudge_id = d.nudge_id AND a.action = 'snooze' AND a.result = 'snoozed') AS snoozed,
      ${OUTCOME_AT} AS enrolled_at,
      u.display_name,
      CASE WHEN d.status IN ('pending', 'sending') THEN d.due_at END AS due_at
    FROM ${FACT_SOURCES}
    WHERE d.campaign_id = $1
  ), furthest AS (
    SELECT DISTINCT ON (user_id) user_id, status, reason, display_name, due_at FROM facts ORDER BY user_id, progress DESC, id
  ), whole AS (
    SELECT user_id, bool_or(opened) AS opened, bool_or(snoozed) AS snoozed, min(sent_at) AS sent_at, min(enrolled_at) AS enrolled_at
    FROM facts GROUP BY user_id
  ), people AS (
    SELECT NULL::uuid AS run_id, f.user_id, f.status, f.reason, f.display_name, f.due_at, w.opened, w.snoozed, w.sent_at, w.enrolled_at
    FROM furthest f JOIN whole w USING (user_id)
    UNION ALL
    SELECT run_id, user_id, status, reason, display_name, due_at, opened, snoozed, sent_at, enrolled_at FROM facts
  )
  SELECT
    (SELECT COALESCE(json_agg(g), '[]') FROM (
       SELECT run_id, status, reason, count(*)::int AS people, min(due_at) AS soonest FROM people GROUP BY run_id, status, reason
     ) g) AS groups,
    (SELECT COALESCE(json_agg(t), '[]') FROM (
       SELECT run_id, count(*)::int AS targeted, count(*) FILTER (WHERE opened)::int AS opened,
         count(*) FILTER (WHERE snoozed)::int AS snoozed,
         count(*) FILTER (WHERE sent_at IS NOT NULL AND enrolled_at IS NOT NULL)::int AS enrolled,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM enrolled_at - sent_at) / 60)
           FILTER (WHERE sent_at IS NOT NULL AND enrolled_at IS NOT NULL) AS median_minutes
       FROM people GROUP BY run_id
     ) t) AS figures,
    (SELECT COALESCE(json_agg(w ORDER BY w.run_id, w.place), '[]') FROM (
       SELECT run_id, user_id, display_name, status, reason, due_at,
         row_number() OVER (PARTITION BY run_id ORDER BY due_at, user_id COLLATE "C") AS place
       FROM people WHERE status IN ('pending', 'sending')
     ) w WHERE w.place <= $2) AS next`;

interface Answer {
  groups: { run_id: string | null; status: DeliveryStatus; reason: string | null; people: number; soonest: string | null }[];
  figures: {
    run_id: string | null;
    targeted: number;
    opened: number;
    snoozed: number;
    enrolled: number;
    median_minutes: number | string | null;
  }[];
  next: {
    run_id: string | null;
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
  const [answer] = await db.query<Answer>(FUNNEL_COUNTS, [campaignId, WAITING_PEOPLE_SHOWN]);
  const of = (runId: string | null): FunnelCounts => {
    if (runId === null) return counts.total;
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

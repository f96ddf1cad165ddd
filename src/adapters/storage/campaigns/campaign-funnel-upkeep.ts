import { PROGRESS } from '../../../domain/campaigns/campaign-funnel';
import type { Database } from '../database';
import { WHOLE_CAMPAIGN_SQL as WHOLE } from '../migrations/029_campaign_funnel_tallies';
import { FACT_SOURCES, OUTCOME_AT } from './campaign-fact-sources';

/**
 * How far a delivery got, in the domain's order (our own constant statuses, never input, written into the statement):
 * a person's furthest delivery is the one that counts.
 */
const PROGRESS_OF = `array_position(ARRAY[${PROGRESS.map((status) => `'${status}'`).join(', ')}], d.status)`;

/** A kept fact's columns that counting works out again. */
const FACT_VALUES = ['status', 'reason', 'due_at', 'display_name', 'opened', 'snoozed', 'minutes'];
const REPLACED = FACT_VALUES.map((column) => `${column} = EXCLUDED.${column}`).join(', ');
/** Only a fact that changed is written again: most noted people's facts did not (a lease renewed, a scan that found the same). */
const CHANGED = (table: string) =>
  `(${FACT_VALUES.map((column) => `${table}.${column}`).join(', ')}) IS DISTINCT FROM (${FACT_VALUES.map((column) => `EXCLUDED.${column}`).join(', ')})`;

/**
 * Counts a batch of noted changes (migration 029), in one statement: takes up to $1 notes (of the campaigns $2, or of
 * any when it is null), works out each noted
 * person's facts again from the sources the export reads (so the two never disagree), per delivery and per person
 * (their furthest delivery, the earliest of those that got as far; opened or snoozed in any; the first delivered
 * nudge and the first confirmation), replaces the kept facts with them, and adds the difference to the tallies.
 * Every sub-statement sees the tables as they were when it began, so the kept facts are read before they are replaced.
 */
const CATCH_UP = `
  WITH taken AS (
    DELETE FROM campaign_funnel_changes WHERE id IN (
      SELECT id FROM campaign_funnel_changes WHERE $2::uuid[] IS NULL OR campaign_id = ANY($2::uuid[]) ORDER BY id LIMIT $1)
    RETURNING campaign_id, user_id
  ), people AS (
    SELECT DISTINCT campaign_id, user_id FROM taken
  ), sources AS (
    SELECT d.id AS delivery_id, d.campaign_id, d.run_id, d.user_id, d.status, COALESCE(d.reason, '') AS reason,
      ${PROGRESS_OF} AS progress,
      CASE WHEN d.status IN ('pending', 'sending') THEN d.due_at END AS due_at, u.display_name,
      EXISTS (SELECT 1 FROM nudge_actions a WHERE a.nudge_id = d.nudge_id) AS opened,
      EXISTS (SELECT 1 FROM nudge_actions a WHERE a.nudge_id = d.nudge_id AND a.action = 'snooze' AND a.result = 'snoozed') AS snoozed,
      COALESCE(n.sent_at, o.sent_at) AS sent_at, ${OUTCOME_AT} AS enrolled_at
    FROM ${FACT_SOURCES}
    WHERE (d.campaign_id, d.user_id) IN (SELECT campaign_id, user_id FROM people)
  ), fresh AS (
    SELECT delivery_id, campaign_id, run_id, user_id, status, reason, due_at, display_name, opened, snoozed,
      (extract(epoch FROM enrolled_at - sent_at) / 60)::float8 AS minutes
    FROM sources
  ), fresh_people AS (
    SELECT f.campaign_id, f.user_id, f.status, f.reason, f.due_at, f.display_name, w.opened, w.snoozed,
      (extract(epoch FROM w.enrolled_at - w.sent_at) / 60)::float8 AS minutes
    FROM (SELECT DISTINCT ON (campaign_id, user_id) * FROM sources ORDER BY campaign_id, user_id, progress DESC, delivery_id) f
    JOIN (SELECT campaign_id, user_id, bool_or(opened) AS opened, bool_or(snoozed) AS snoozed,
            min(sent_at) AS sent_at, min(enrolled_at) AS enrolled_at
          FROM sources GROUP BY campaign_id, user_id) w USING (campaign_id, user_id)
  ), kept AS (
    SELECT f.* FROM campaign_delivery_facts f JOIN people p USING (campaign_id, user_id)
  ), kept_people AS (
    SELECT f.* FROM campaign_person_facts f JOIN people p USING (campaign_id, user_id)
  ), put AS (
    INSERT INTO campaign_delivery_facts (delivery_id, campaign_id, run_id, user_id, status, reason, due_at, display_name, opened, snoozed, minutes)
    SELECT * FROM fresh
    ON CONFLICT (delivery_id) DO UPDATE SET ${REPLACED} WHERE ${CHANGED('campaign_delivery_facts')}
  ), dropped AS (
    DELETE FROM campaign_delivery_facts f USING kept k
    WHERE f.delivery_id = k.delivery_id AND NOT EXISTS (SELECT 1 FROM fresh WHERE fresh.delivery_id = k.delivery_id)
  ), put_people AS (
    INSERT INTO campaign_person_facts (campaign_id, user_id, status, reason, due_at, display_name, opened, snoozed, minutes)
    SELECT * FROM fresh_people
    ON CONFLICT (campaign_id, user_id) DO UPDATE SET ${REPLACED} WHERE ${CHANGED('campaign_person_facts')}
  ), dropped_people AS (
    DELETE FROM campaign_person_facts f USING kept_people o
    WHERE f.campaign_id = o.campaign_id AND f.user_id = o.user_id
      AND NOT EXISTS (SELECT 1 FROM fresh_people x WHERE x.campaign_id = o.campaign_id AND x.user_id = o.user_id)
  ), changes AS (
    SELECT campaign_id, run_id, status, reason, -1 AS n, -opened::int AS opened, -snoozed::int AS snoozed,
      -(minutes IS NOT NULL)::int AS enrolled FROM kept
    UNION ALL SELECT campaign_id, run_id, status, reason, 1, opened::int, snoozed::int, (minutes IS NOT NULL)::int FROM fresh
    UNION ALL SELECT campaign_id, ${WHOLE}, status, reason, -1, -opened::int, -snoozed::int, -(minutes IS NOT NULL)::int FROM kept_people
    UNION ALL SELECT campaign_id, ${WHOLE}, status, reason, 1, opened::int, snoozed::int, (minutes IS NOT NULL)::int FROM fresh_people
  ), put_groups AS (
    INSERT INTO campaign_funnel_groups (campaign_id, run_id, status, reason, people)
    SELECT campaign_id, run_id, status, reason, sum(n) FROM changes
    GROUP BY campaign_id, run_id, status, reason HAVING sum(n) <> 0 ORDER BY campaign_id, run_id, status, reason
    ON CONFLICT (campaign_id, run_id, status, reason) DO UPDATE SET people = campaign_funnel_groups.people + EXCLUDED.people
  ), put_figures AS (
    INSERT INTO campaign_funnel_figures (campaign_id, run_id, targeted, opened, snoozed, enrolled)
    SELECT campaign_id, run_id, sum(n), sum(opened), sum(snoozed), sum(enrolled) FROM changes
    GROUP BY campaign_id, run_id ORDER BY campaign_id, run_id
    ON CONFLICT (campaign_id, run_id) DO UPDATE SET
      targeted = campaign_funnel_figures.targeted + EXCLUDED.targeted, opened = campaign_funnel_figures.opened + EXCLUDED.opened,
      snoozed = campaign_funnel_figures.snoozed + EXCLUDED.snoozed, enrolled = campaign_funnel_figures.enrolled + EXCLUDED.enrolled
  ), medians AS (
    SELECT k.campaign_id, k.run_id FROM kept k LEFT JOIN fresh f USING (delivery_id) WHERE k.minutes IS DISTINCT FROM f.minutes
    UNION SELECT f.campaign_id, f.run_id FROM fresh f LEFT JOIN kept k USING (delivery_id) WHERE f.minutes IS DISTINCT FROM k.minutes
    UNION SELECT k.campaign_id, ${WHOLE} FROM kept_people k LEFT JOIN fresh_people f USING (campaign_id, user_id)
      WHERE k.minutes IS DISTINCT FROM f.minutes
    UNION SELECT f.campaign_id, ${WHOLE} FROM fresh_people f LEFT JOIN kept_people k USING (campaign_id, user_id)
      WHERE f.minutes IS DISTINCT FROM k.minutes
  )
  SELECT (SELECT count(*) FROM taken)::int AS taken, (SELECT COALESCE(json_agg(medians), '[]') FROM medians) AS medians`;

/**
 * The median time to enrol of each (campaign, run) whose people's times changed in the batch just counted ($1, as
 * CATCH_UP answered them), worked out again at the middle of its index: the median of an even count is
 * the mean of the two middle values, as percentile_cont's and the domain's.
 */
const MEDIANS = `
  UPDATE campaign_funnel_figures t SET median_minutes = CASE
    WHEN t.enrolled = 0 THEN NULL
    WHEN t.run_id = ${WHOLE} THEN (SELECT avg(m.minutes) FROM (
      SELECT minutes FROM campaign_person_facts WHERE campaign_id = t.campaign_id AND minutes IS NOT NULL
      ORDER BY minutes OFFSET (t.enrolled - 1) / 2 LIMIT 2 - t.enrolled % 2) m)
    ELSE (SELECT avg(m.minutes) FROM (
      SELECT minutes FROM campaign_delivery_facts WHERE run_id = t.run_id AND minutes IS NOT NULL
      ORDER BY minutes OFFSET (t.enrolled - 1) / 2 LIMIT 2 - t.enrolled % 2) m) END
  FROM json_to_recordset($1::json) AS m (campaign_id uuid, run_id uuid)
  WHERE t.campaign_id = m.campaign_id AND t.run_id = m.run_id`;

/** One counter at a time (any instance): two would each add the same person's difference. */
const ONE_COUNTER = `SELECT pg_advisory_xact_lock(hashtext('mfa-coach campaign funnel tallies'))`;

/** The most notes one statement counts: a few thousand people, tens of milliseconds. */
export const FUNNEL_BATCH = 2000;

/**
 * The most a reader counts before it reads: its campaign's changes since the upkeep last looked, in a few batches.
 * More is left to the upkeep (a scan just completed notes everyone again): the reader answers at once with the
 * tallies as they stand, and the figures settle within seconds.
 */
export const READER_CATCH_UP = 10 * FUNNEL_BATCH;

/**
 * Counts noted changes (of `campaignIds` only, when given), a batch at a time, until none are left or `most` have
 * been counted; returns how many were. A reader calls it for the campaigns it reads, so that their tallies hold
 * everything committed before it; the upkeep loop calls it for all, in the background, so that readers find little
 * or nothing left.
 */
export async function catchUpFunnels(db: Database, most = FUNNEL_BATCH, campaignIds?: readonly string[]): Promise<number> {
  let counted = 0;
  while (counted < most) {
    const batch = Math.min(FUNNEL_BATCH, most - counted);
    const taken = await db.transaction(async (tx) => {
      await tx.query(ONE_COUNTER);
      const [row] = await tx.query<{ taken: number; medians: unknown[] }>(CATCH_UP, [batch, campaignIds ? [...campaignIds] : null]);
      if (row!.medians.length > 0) await tx.query(MEDIANS, [JSON.stringify(row!.medians)]);
      return row!.taken;
    });
    counted += taken;
    if (taken < batch) break;
  }
  return counted;
}

/**
 * Reclaims what counting left behind (deleted notes, replaced facts) and refreshes the planner's statistics. Not left
 * to autovacuum: the embedded database has none, and a server's waits for a fifth of a table to be dead, while each
 * index entry of a replaced fact stays in the way of the reads that walk that index. Measured at 200,000 deliveries
 * with none of it reclaimed: 181 ms for the status card, 271 ms for the list, against 12 and 6 ms after a VACUUM.
 */
export async function tidyFunnels(db: Database): Promise<void> {
  await db.exec(
    'VACUUM (ANALYZE) campaign_funnel_changes, campaign_delivery_facts, campaign_person_facts, campaign_funnel_groups, campaign_funnel_figures',
  );
}

import { PHISHING_RESISTANT_METHODS } from '../../domain/mfa/mfa-strength';
import { NOT_A_SECOND_FACTOR, PHONE_METHODS } from '../../domain/mfa/sms-voice-retirement';

/**
 * The statements a scan runs, from start to completion. Each page goes straight into the scan's own
 * partition of mfa_users in one statement (a JSON array expanded by json_to_recordset), never one statement
 * per user; a person's directory entry and registration meet there by upsert, in whichever order they come.
 * Completion counts in the database and records the rate policy; a tenant never has to fit in memory and
 * nothing is copied.
 */

/** A running scan that has not touched alive_at for $2 seconds died with its process. */
export const FAIL_STALE_SCANS = `
  UPDATE scan_runs SET status = 'failed', finished_at = $1, error = $3
  WHERE status = 'running' AND alive_at < now() - make_interval(secs => $2)
  RETURNING id::text AS id`;

/** The unique index on running scans decides: a second start does nothing and the caller reads the winner. */
export const INSERT_RUNNING_SCAN = `
  INSERT INTO scan_runs (trigger, requested_by, status, started_at)
  VALUES ($1, $2, 'running', $3)
  ON CONFLICT (status) WHERE status = 'running' DO NOTHING
  RETURNING id, trigger, requested_by, status, started_at, finished_at, users, report_updated_at, error`;

/**
 * Each page is also a sign of life. A scan that is no longer running (declared stale meanwhile) saves
 * nothing, and the caller learns it from `live` = 0. `insert` reads the scan from `live` and the page from
 * $2, a JSON array.
 */
function savePage(insert: string): string {
  return `
  WITH live AS (
    UPDATE scan_runs SET alive_at = now() WHERE id = $1::bigint AND status = 'running' RETURNING id
  ), saved AS (${insert}
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM live) AS live`;
}

export const SAVE_PEOPLE = savePage(`
    INSERT INTO mfa_users
      (scan_id, id, user_principal_name, display_name, given_name, user_type, account_enabled, department, job_title, manager_id)
    SELECT live.id, p.id, p.user_principal_name, p.display_name, p.given_name, p.user_type, p.account_enabled,
           p.department, p.job_title, p.manager_id
    FROM live, json_to_recordset($2::json) AS p(
      id text, user_principal_name text, display_name text, given_name text, user_type text, account_enabled boolean,
      department text, job_title text, manager_id text)
    ON CONFLICT (scan_id, id) DO UPDATE SET
      user_principal_name = EXCLUDED.user_principal_name, display_name = EXCLUDED.display_name, given_name = EXCLUDED.given_name,
      user_type = EXCLUDED.user_type, account_enabled = EXCLUDED.account_enabled, department = EXCLUDED.department,
      job_title = EXCLUDED.job_title, manager_id = EXCLUDED.manager_id`);

export const SAVE_REGISTRATIONS = savePage(`
    INSERT INTO mfa_users
      (scan_id, id, is_admin, is_mfa_capable, is_mfa_registered, methods, phone_types, strength, in_report, report_updated_at)
    SELECT live.id, r.user_id, r.is_admin, r.is_mfa_capable, r.is_mfa_registered, r.methods, r.phone_types, r.strength, true,
           r.report_updated_at
    FROM live, json_to_recordset($2::json) AS r(
      user_id text, is_admin boolean, is_mfa_capable boolean, is_mfa_registered boolean, methods text[], phone_types text[],
      strength text, report_updated_at timestamptz)
    ON CONFLICT (scan_id, id) DO UPDATE SET
      is_admin = EXCLUDED.is_admin, is_mfa_capable = EXCLUDED.is_mfa_capable,
      is_mfa_registered = EXCLUDED.is_mfa_registered, methods = EXCLUDED.methods, phone_types = EXCLUDED.phone_types,
      strength = EXCLUDED.strength,
      in_report = true, report_updated_at = EXCLUDED.report_updated_at`);

export const LOCK_RUNNING_SCAN = `SELECT id FROM scan_runs WHERE id = $1::bigint AND status = 'running' FOR UPDATE`;

/**
 * The scan's people as readers will see them (the view current_mfa_users): those the directory walk listed
 * (a registration alone is someone who has left), counted in rates as the policy says: $2 = include guests,
 * $3 = include disabled accounts.
 */
const SCANNED_PEOPLE = `
  SELECT department, strength, methods, is_critical_admin, is_admin AND account_enabled IS NOT FALSE AS is_enabled_admin,
    (user_type <> 'guest' OR $2::boolean) AND (account_enabled OR $3::boolean) AS counts_in_rates
  FROM mfa_users
  WHERE scan_id = $1::bigint AND user_principal_name IS NOT NULL`;

/**
 * isPhoneOnly in SQL, over the parameters holding the domain's phone methods and non-factors (phoneOnlyParameters):
 * at least one phone method and nothing else but methods that are not a second factor. One predicate for the
 * counts and the phone-only list, so the two cannot disagree.
 */
export function phoneOnlySql(phone: string, notAFactor: string): string {
  return `(methods && ${phone}::text[] AND methods <@ (${phone}::text[] || ${notAFactor}::text[]))`;
}

/** The domain's lists behind phoneOnlySql's two parameters, in that order. */
export function phoneOnlyParameters(): [readonly string[], readonly string[]] {
  return [PHONE_METHODS, NOT_A_SECOND_FACTOR];
}

/**
 * The counts of each department, as countPosture counts them in memory. The method lists come from the domain
 * (see countParameters): $4 = the phone methods, $5 = the methods that are not a second factor, $6 = the
 * phishing-resistant ones. Phone-only: at least one phone method and nothing else but non-factors.
 */
export const COUNT_BY_DEPARTMENT = `
  SELECT COALESCE(department, '') AS department,
    count(*) FILTER (WHERE counts_in_rates AND strength = 'strong')::int AS strong,
    count(*) FILTER (WHERE counts_in_rates AND strength = 'acceptable')::int AS acceptable,
    count(*) FILTER (WHERE counts_in_rates AND strength = 'weak')::int AS weak,
    count(*) FILTER (WHERE counts_in_rates AND strength = 'none')::int AS none,
    count(*) FILTER (WHERE is_critical_admin)::int AS "criticalAdmins",
    count(*) FILTER (WHERE NOT counts_in_rates)::int AS excluded,
    count(*) FILTER (WHERE counts_in_rates AND ${phoneOnlySql('$4', '$5')})::int AS "phoneOnly",
    count(*) FILTER (WHERE counts_in_rates AND methods && $6::text[])::int AS "phishingResistant",
    count(*) FILTER (WHERE is_enabled_admin)::int AS admins,
    count(*) FILTER (WHERE is_enabled_admin AND methods && $6::text[])::int AS "adminsPhishingResistant"
  FROM (${SCANNED_PEOPLE}) AS people
  GROUP BY 1`;

/** $4–$6 of COUNT_BY_DEPARTMENT: the domain's own lists, so the database and countPosture cannot drift apart. */
export function countParameters(): [readonly string[], readonly string[], readonly string[]] {
  return [...phoneOnlyParameters(), PHISHING_RESISTANT_METHODS];
}

export const COUNT_BY_METHOD = `
  SELECT method, count(*)::int AS people
  FROM (${SCANNED_PEOPLE}) AS people, unnest(methods) AS method
  WHERE counts_in_rates
  GROUP BY method`;

export const INSERT_SNAPSHOT = `
  INSERT INTO posture_snapshots (scan_id, taken_at, report_updated_at, overall, by_department, by_method, directory_totals)
  VALUES ($1::bigint, $2, $3, $4::jsonb, $5::jsonb, $6::jsonb, $7::jsonb)`;

/** $4 = the number of people, summed from the department counts; $5, $6 = the rate policy counted under. */
export const MARK_SUCCEEDED = `
  UPDATE scan_runs SET status = 'succeeded', finished_at = $2, report_updated_at = $3, alive_at = now(), users = $4,
    include_guests = $5, include_disabled = $6
  WHERE id = $1::bigint
  RETURNING id, trigger, requested_by, status, started_at, finished_at, users, report_updated_at, error`;

export const MARK_FAILED = `
  UPDATE scan_runs SET status = 'failed', finished_at = $2, error = $3
  WHERE id = $1::bigint AND status = 'running'
  RETURNING id`;

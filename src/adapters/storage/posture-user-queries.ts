import { USER_COLUMNS } from './posture-rows';
import { phoneOnlySql } from './posture-scan-sql';

/**
 * The statements that read people of the latest completed scan: lists, look-ups and the export's walk. They read
 * the current_mfa_users view (the latest scan that succeeded), or mfa_users itself where the view's join would hide
 * an index's order; list order is the display name in any case in code point order ("C", the same on every server),
 * then the id.
 */

/**
 * Who a list holds, among the people of the latest completed scan, read from mfa_users itself rather than the
 * current_mfa_users view: the view joins scan_runs, after which the planner no longer sees the list index's order and
 * sorts every match (about 35 ms for a department's unenrolled at a million people; 0.2 ms read in order). So the
 * view's two rules are written here again over parameters of the scan: the contract suite holds both to the domain.
 * `strength` is the strength clause: one strength ($1 text) lets the index give the list's order; several ($1 text[]).
 * $2 department (null: any), $3 include excluded, $6 phone-only, $7/$8 its method lists, $9 admins only.
 */
function listMatches(strength: string): string {
  return `u.scan_id = (SELECT max(id) FROM scan_runs WHERE status = 'succeeded') AND u.user_principal_name IS NOT NULL
    AND ${strength}
    AND ($2::text IS NULL OR lower(COALESCE(u.department, '')) = lower($2::text))
    AND ($3::boolean OR ((u.user_type <> 'guest' OR (SELECT include_guests FROM scan_runs WHERE id = u.scan_id))
                         AND (u.account_enabled OR (SELECT include_disabled FROM scan_runs WHERE id = u.scan_id))))
    AND (NOT $6::boolean OR ${phoneOnlySql('$7', '$8')})
    AND (NOT $9::boolean OR u.is_admin)`;
}

/**
 * A list's page: the people at $4 offset, $5 limit. Its ids come from the list indexes alone (see
 * indexScanPartition); only the page's own people are then read.
 */
function listPage(strength: string): string {
  return `WITH page_ids AS (
      SELECT u.id FROM mfa_users u WHERE ${listMatches(strength)}
      ORDER BY lower(u.display_name) COLLATE "C", u.id OFFSET $4 LIMIT $5
    )
    SELECT ${USER_COLUMNS} FROM page_ids JOIN current_mfa_users USING (id)
    ORDER BY lower(display_name) COLLATE "C", id`;
}

/**
 * How many a list holds, from the list indexes alone. It takes its page's parameters, so $4 and $5 are named (and so
 * typed, which PostgreSQL requires of every parameter) without changing what is counted.
 */
function listCount(strength: string): string {
  return `SELECT count(*)::int AS total FROM mfa_users u WHERE ${listMatches(strength)} AND $4::int >= 0 AND $5::int >= 0`;
}

/**
 * A list of one strength ($1 text), e.g. the unenrolled: the index gives its order. Its page and its count are two
 * statements a server runs side by side (on two connections): at a million people each takes 15–25 ms. A scan that
 * completes between the two can leave the count one scan behind the page, as the next page asked for would be.
 */
export const LIST_OF_ONE_STRENGTH = { page: listPage('u.strength = $1::text'), count: listCount('u.strength = $1::text') };
/** A list of several strengths ($1 text[]), e.g. the phone-only of any strength. */
export const LIST = { page: listPage('u.strength = ANY($1::text[])'), count: listCount('u.strength = ANY($1::text[])') };

/** By UPN (exact, any case) or the start of the display name (any case; LIKE's wildcards taken literally). $1 text, $2 limit. */
export const FIND_USERS = String.raw`SELECT ${USER_COLUMNS} FROM current_mfa_users
  WHERE lower(user_principal_name) = lower($1)
     OR lower(display_name) COLLATE "C" LIKE replace(replace(replace(lower($1), '\', '\\'), '%', '\%'), '_', '\_') || '%'
  ORDER BY lower(user_principal_name) = lower($1) DESC, lower(display_name) COLLATE "C", id
  LIMIT $2`;

/**
 * The export's walk: everyone of scan $1 while it is the current one, $4 people after ($2 display name, $3 id) in
 * list order. Keyed, not OFFSET, and the ids read from mfa_users itself in the name index's order (through the view's
 * join the planner sorted everyone left for each page: 50 s for a million on the embedded database), so the
 * millionth person costs what the first does. The first page passes '' and '': every person sorts after that key.
 */
export const USERS_OF_SCAN = `WITH page_ids AS (
    SELECT u.id FROM mfa_users u
    WHERE u.scan_id = $1::bigint AND u.scan_id = (SELECT max(id) FROM scan_runs WHERE status = 'succeeded')
      AND u.user_principal_name IS NOT NULL
      AND (lower(u.display_name) COLLATE "C", u.id) > (lower($2::text) COLLATE "C", $3::text)
    ORDER BY lower(u.display_name) COLLATE "C", u.id
    LIMIT $4
  )
  SELECT ${USER_COLUMNS} FROM page_ids JOIN current_mfa_users USING (id)
  ORDER BY lower(display_name) COLLATE "C", id`;

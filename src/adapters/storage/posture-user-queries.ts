import { USER_COLUMNS } from './posture-rows';
import { phoneOnlySql } from './posture-scan-sql';

/**
 * The statements that read people of the latest completed scan: lists, look-ups and the export's walk. They read
 * the current_mfa_users view (the latest scan that succeeded); list order is the display name in any case in code
 * point order ("C", the same on every server), then the id, which the name index serves.
 */

/**
 * A page of a list and how many match, in one round trip: the count comes back even when the page is past the end
 * (then its columns are null). $1 strengths, $2 department (null: any), $3 include excluded, $4 offset, $5 limit,
 * $6 phone-only, $7/$8 its method lists, $9 admins only.
 */
export const LIST_USERS = `WITH matches AS (
    SELECT ${USER_COLUMNS} FROM current_mfa_users
    WHERE strength = ANY($1::text[])
      AND ($2::text IS NULL OR lower(COALESCE(department, '')) = lower($2::text))
      AND ($3::boolean OR counts_in_rates)
      AND (NOT $6::boolean OR ${phoneOnlySql('$7', '$8')})
      AND (NOT $9::boolean OR is_admin)
  )
  SELECT counted.total, page.*
  FROM (SELECT count(*) AS total FROM matches) AS counted
  LEFT JOIN LATERAL (
    SELECT * FROM matches ORDER BY lower(display_name) COLLATE "C", id OFFSET $4 LIMIT $5
  ) AS page ON true`;

/** By UPN (exact, any case) or the start of the display name (any case; LIKE's wildcards taken literally). $1 text, $2 limit. */
export const FIND_USERS = String.raw`SELECT ${USER_COLUMNS} FROM current_mfa_users
  WHERE lower(user_principal_name) = lower($1)
     OR lower(display_name) COLLATE "C" LIKE replace(replace(replace(lower($1), '\', '\\'), '%', '\%'), '_', '\_') || '%'
  ORDER BY lower(user_principal_name) = lower($1) DESC, lower(display_name) COLLATE "C", id
  LIMIT $2`;

/**
 * The export's walk: everyone of scan $1 while it is the current one, $4 people after ($2 display name, $3 id) in
 * list order. Keyed, not OFFSET: the millionth row costs what the first does. The first page passes '' and ''
 * (no display name sorts before the empty one... except an empty name with an empty id, which no person has).
 */
export const USERS_OF_SCAN = `SELECT ${USER_COLUMNS} FROM current_mfa_users
  WHERE scan_id = $1::bigint
    AND (lower(display_name) COLLATE "C", id) > (lower($2::text) COLLATE "C", $3::text)
  ORDER BY lower(display_name) COLLATE "C", id
  LIMIT $4`;

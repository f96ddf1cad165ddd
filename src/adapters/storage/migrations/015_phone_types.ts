import type { Migration } from './migration';

/**
 * The phone types Entra keeps for each person (mobile, alternate mobile, office): after 1 February 2027 what a
 * phone can do decides who must move, and the phone-only list says which phone each person has. NULL for a scan
 * from before, and for people without phones. The view is made again so that it shows the new column.
 */
export const phoneTypes: Migration = {
  id: 15,
  name: 'phone_types',
  up: `
    ALTER TABLE mfa_users ADD COLUMN phone_types text[] NULL;
    DROP VIEW current_mfa_users;
    CREATE VIEW current_mfa_users AS
      SELECT u.*,
        (u.user_type <> 'guest' OR s.include_guests) AND (u.account_enabled OR s.include_disabled) AS counts_in_rates
      FROM mfa_users u JOIN scan_runs s ON s.id = u.scan_id
      WHERE u.scan_id = (SELECT max(id) FROM scan_runs WHERE status = 'succeeded')
        AND u.user_principal_name IS NOT NULL;
  `,
};

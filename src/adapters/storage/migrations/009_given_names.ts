import type { Migration } from './migration';

/**
 * People's given names, from the scan's directory walk: a campaign nudge greets "Ruth, please protect your work
 * account" as a nudge with a live check does, instead of the full display name. The view is made again so that
 * it shows the new column (a view's `u.*` is fixed when it is created).
 */
export const givenNames: Migration = {
  id: 9,
  name: 'given_names',
  up: `
    ALTER TABLE mfa_users ADD COLUMN given_name text NULL;
    DROP VIEW current_mfa_users;
    CREATE VIEW current_mfa_users AS
      SELECT u.*,
        (u.user_type <> 'guest' OR s.include_guests) AND (u.account_enabled OR s.include_disabled) AS counts_in_rates
      FROM mfa_users u JOIN scan_runs s ON s.id = u.scan_id
      WHERE u.scan_id = (SELECT max(id) FROM scan_runs WHERE status = 'succeeded')
        AND u.user_principal_name IS NOT NULL;
  `,
};

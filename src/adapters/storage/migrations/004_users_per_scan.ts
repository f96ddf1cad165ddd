import type { Migration } from './migration';

/**
 * Each scan writes its people into a partition of its own, which becomes the current state the moment the
 * scan succeeds; the previous scan's partition is then dropped whole.
 *
 * Before, pages went to two staging tables and completing a scan copied them over the current table: at
 * 100,000 people that copy, the join behind it and the vacuum after it took seconds after the last page and
 * grew the embedded database's memory for good. Now each page lands where it stays (the two halves of a
 * person, directory entry and registration, meet by upsert as they arrive) and completing is a few small
 * fix-ups and the counts. A failed scan drops its partition and leaves the current one untouched.
 *
 * Registration columns have defaults: a person the registration report left out (e.g. a disabled account)
 * is kept as 'none'. Directory columns are null until the directory walk reaches the person; rows still
 * null when the scan completes are people who are no longer in the directory, and no reader sees them.
 * Whether a person counts in the rates follows from their type, their account state and the rate policy
 * the scan completed under, which scan_runs now records, so it is worked out when read, never written.
 */
export const usersPerScan: Migration = {
  id: 4,
  name: 'users_per_scan',
  up: `
    ALTER TABLE scan_runs ADD COLUMN include_guests boolean NULL, ADD COLUMN include_disabled boolean NULL;
    -- The directory's own registration totals, read at the end of a scan when it offers them.
    ALTER TABLE posture_snapshots ADD COLUMN directory_totals jsonb NULL;

    ALTER TABLE mfa_users RENAME TO mfa_users_before_partitions;
    DROP INDEX mfa_users_name_idx, mfa_users_strength_name_idx, mfa_users_upn_idx, mfa_users_department_idx;

    CREATE TABLE mfa_users (
      scan_id bigint NOT NULL,
      id text NOT NULL,
      user_principal_name text NULL,
      display_name text NULL,
      user_type text NULL CHECK (user_type IN ('member', 'guest')),
      account_enabled boolean NULL,
      department text NULL,
      job_title text NULL,
      manager_id text NULL,
      is_admin boolean NOT NULL DEFAULT false,
      is_mfa_capable boolean NOT NULL DEFAULT false,
      is_mfa_registered boolean NOT NULL DEFAULT false,
      methods text[] NOT NULL DEFAULT '{}',
      strength text NOT NULL DEFAULT 'none' CHECK (strength IN ('strong', 'acceptable', 'weak', 'none')),
      in_report boolean NOT NULL DEFAULT false,
      report_updated_at timestamptz NULL,
      -- Mirrors the domain's isCriticalAdmin (the contract suite checks they agree).
      is_critical_admin boolean GENERATED ALWAYS AS (is_admin AND strength <> 'strong' AND COALESCE(account_enabled, false)) STORED,
      PRIMARY KEY (scan_id, id)
    ) PARTITION BY LIST (scan_id);

    -- "C" collation: the same order on every server whatever its locale, and usable for LIKE 'prefix%'.
    -- Only directory columns are indexed: a registration arriving for a person already written then changes
    -- no indexed column, and the update can stay on its page (see the partitions' fillfactor). Lists by
    -- strength read the scan's people once and sort the matches (about 0.2 s for a page at 100,000 people
    -- on the embedded database).
    CREATE INDEX mfa_users_name_idx ON mfa_users ((lower(display_name)) COLLATE "C", id);
    CREATE INDEX mfa_users_upn_idx ON mfa_users ((lower(user_principal_name)));
    CREATE INDEX mfa_users_department_idx ON mfa_users ((lower(department)));

    -- What every reader sees: the people of the latest scan that succeeded, as the directory listed them.
    -- counts_in_rates mirrors the domain's countsInRates (the contract suite checks they agree).
    CREATE VIEW current_mfa_users AS
      SELECT u.*,
        (u.user_type <> 'guest' OR s.include_guests) AND (u.account_enabled OR s.include_disabled) AS counts_in_rates
      FROM mfa_users u JOIN scan_runs s ON s.id = u.scan_id
      WHERE u.scan_id = (SELECT max(id) FROM scan_runs WHERE status = 'succeeded')
        AND u.user_principal_name IS NOT NULL;

    -- The current state moves over as the partition of the scan that wrote it.
    DO $$
    DECLARE scan bigint;
    BEGIN
      FOR scan IN SELECT DISTINCT last_seen_scan_id FROM mfa_users_before_partitions LOOP
        EXECUTE format('CREATE TABLE mfa_users_scan_%s PARTITION OF mfa_users FOR VALUES IN (%s)', scan, scan);
      END LOOP;
    END $$;
    INSERT INTO mfa_users (scan_id, id, user_principal_name, display_name, user_type, account_enabled, department,
      job_title, manager_id, is_admin, is_mfa_capable, is_mfa_registered, methods, strength, in_report,
      report_updated_at)
    SELECT last_seen_scan_id, id, user_principal_name, display_name, user_type, account_enabled, department,
      job_title, manager_id, is_admin, is_mfa_capable, is_mfa_registered, methods, strength, in_report,
      report_updated_at
    FROM mfa_users_before_partitions;
    -- The policy those people were counted under, as their rows show it.
    UPDATE scan_runs s SET
      include_guests = EXISTS (SELECT 1 FROM mfa_users_before_partitions o WHERE o.user_type = 'guest' AND o.counts_in_rates),
      include_disabled = EXISTS (SELECT 1 FROM mfa_users_before_partitions o WHERE NOT o.account_enabled AND o.counts_in_rates)
    WHERE s.status = 'succeeded';
    DROP TABLE mfa_users_before_partitions;

    -- A scan running across the upgrade loses its staged pages with the staging tables.
    UPDATE scan_runs SET status = 'failed', finished_at = now(), error = 'Stopped by an upgrade of MFA Coach; the next scan starts afresh.'
    WHERE status = 'running';
    DROP TABLE scan_people, scan_registrations;
  `,
};

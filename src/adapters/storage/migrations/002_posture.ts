import type { Migration } from './migration';

/**
 * MFA posture: scan runs, what each scan has read so far (staging, one row per person and scan), the current
 * per-user state (replaced from staging when a scan completes, so a failed scan leaves it intact), the dated
 * snapshots of aggregates kept for trends, and the audit log of admin commands.
 */
export const posture: Migration = {
  id: 2,
  name: 'posture',
  up: `
    CREATE TABLE scan_runs (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      trigger text NOT NULL CHECK (trigger IN ('schedule', 'admin')),
      requested_by text NULL,
      status text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
      started_at timestamptz NOT NULL,
      finished_at timestamptz NULL,
      -- The database's clock, shared by every bot instance: a running scan that stops touching this has died.
      alive_at timestamptz NOT NULL DEFAULT now(),
      users integer NULL,
      report_updated_at timestamptz NULL,
      error text NULL
    );

    -- One running scan at a time, whichever bot instance asks: the database refuses a second one.
    CREATE UNIQUE INDEX scan_runs_one_running ON scan_runs (status) WHERE status = 'running';

    CREATE TABLE scan_people (
      scan_id bigint NOT NULL REFERENCES scan_runs (id) ON DELETE CASCADE,
      id text NOT NULL,
      user_principal_name text NOT NULL,
      display_name text NOT NULL,
      user_type text NOT NULL CHECK (user_type IN ('member', 'guest')),
      account_enabled boolean NOT NULL,
      department text NULL,
      job_title text NULL,
      manager_id text NULL,
      PRIMARY KEY (scan_id, id)
    );

    CREATE TABLE scan_registrations (
      scan_id bigint NOT NULL REFERENCES scan_runs (id) ON DELETE CASCADE,
      user_id text NOT NULL,
      is_admin boolean NOT NULL,
      is_mfa_capable boolean NOT NULL,
      is_mfa_registered boolean NOT NULL,
      methods text[] NOT NULL,
      strength text NOT NULL CHECK (strength IN ('strong', 'acceptable', 'weak', 'none')),
      report_updated_at timestamptz NULL,
      PRIMARY KEY (scan_id, user_id)
    );

    CREATE TABLE mfa_users (
      id text PRIMARY KEY,
      user_principal_name text NOT NULL,
      display_name text NOT NULL,
      user_type text NOT NULL CHECK (user_type IN ('member', 'guest')),
      account_enabled boolean NOT NULL,
      department text NULL,
      job_title text NULL,
      manager_id text NULL,
      is_admin boolean NOT NULL,
      is_mfa_capable boolean NOT NULL,
      is_mfa_registered boolean NOT NULL,
      methods text[] NOT NULL,
      strength text NOT NULL CHECK (strength IN ('strong', 'acceptable', 'weak', 'none')),
      is_critical_admin boolean NOT NULL,
      counts_in_rates boolean NOT NULL,
      -- False for people the registration report left out (e.g. disabled accounts): kept as 'none'.
      in_report boolean NOT NULL,
      report_updated_at timestamptz NULL,
      last_seen_scan_id bigint NOT NULL
    );

    -- "C" collation: the same order on every server whatever its locale, and usable for LIKE 'prefix%'.
    CREATE INDEX mfa_users_name_idx ON mfa_users ((lower(display_name)) COLLATE "C", id);
    CREATE INDEX mfa_users_strength_name_idx ON mfa_users (strength, (lower(display_name)) COLLATE "C", id);
    CREATE INDEX mfa_users_upn_idx ON mfa_users ((lower(user_principal_name)));
    CREATE INDEX mfa_users_department_idx ON mfa_users ((lower(department)));

    CREATE TABLE posture_snapshots (
      scan_id bigint PRIMARY KEY REFERENCES scan_runs (id),
      taken_at timestamptz NOT NULL,
      report_updated_at timestamptz NULL,
      overall jsonb NOT NULL,
      by_department jsonb NOT NULL,
      by_method jsonb NOT NULL
    );

    CREATE INDEX posture_snapshots_taken_at_idx ON posture_snapshots (taken_at, scan_id);

    CREATE TABLE audit_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at timestamptz NOT NULL,
      actor_id text NOT NULL,
      actor_name text NULL,
      action text NOT NULL,
      place text NOT NULL CHECK (place IN ('personal', 'channel', 'groupChat')),
      conversation_id text NOT NULL,
      outcome text NOT NULL CHECK (outcome IN ('allowed', 'refused', 'failed'))
    );

    CREATE INDEX audit_log_newest_idx ON audit_log (at DESC, id DESC);
  `,
};

import type { Migration } from './migration';

/**
 * Reads of the sign-in log for SMTP AUTH, and the accounts the last completed read found sending. Only the last
 * completed read's senders are kept: `smtp` speaks of "as of the last read", and a new read sees the whole window
 * again, so older senders would only be stale copies. A read that could not happen is still recorded, with why, so
 * that an admin sees "the latest read failed because…" beside the senders of the one before. The scan rows are a
 * short history (the store keeps the latest few and the last completed one), not an audit trail.
 */
export const smtpSenders: Migration = {
  id: 17,
  name: 'smtp_senders',
  up: `
    CREATE TABLE smtp_scans (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      status text NOT NULL CHECK (status IN ('completed', 'unavailable')),
      finished_at timestamptz NOT NULL,
      window_since timestamptz NULL,
      window_until timestamptz NULL,
      sign_ins bigint NULL,
      failure_reason text NULL CHECK (failure_reason IN ('notPermitted', 'notLicensed', 'failed')),
      missing_permissions text[] NULL,
      failure_detail text NULL,
      CHECK (CASE status
        WHEN 'completed' THEN window_since IS NOT NULL AND window_until IS NOT NULL AND sign_ins IS NOT NULL AND failure_reason IS NULL
        ELSE failure_reason IS NOT NULL AND failure_detail IS NOT NULL AND window_since IS NULL AND sign_ins IS NULL
      END)
    );
    CREATE INDEX smtp_scans_completed_idx ON smtp_scans (id) WHERE status = 'completed';

    CREATE TABLE smtp_senders (
      account_id text NOT NULL,
      user_principal_name text NOT NULL,
      display_name text NULL,
      first_seen timestamptz NOT NULL,
      last_seen timestamptz NOT NULL,
      sign_ins bigint NOT NULL,
      -- Most recent first, as the read found them.
      addresses text[] NOT NULL,
      clients text[] NOT NULL,
      succeeded boolean NOT NULL,
      used_password boolean NOT NULL,
      only_oauth boolean NOT NULL
    );
    -- An account is one sender whatever the case of its id (the read groups them so); lookups go through lower().
    CREATE UNIQUE INDEX smtp_senders_account_idx ON smtp_senders ((lower(account_id)));
    -- The list's order, and "last seen since": "C" collation gives the same order on every server whatever its locale.
    CREATE INDEX smtp_senders_last_seen_idx ON smtp_senders (last_seen DESC, (lower(user_principal_name)) COLLATE "C");
  `,
};

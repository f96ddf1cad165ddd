import type { Migration } from './migration';

/**
 * Reminder campaigns: the plan, each run (one per scheduled time, never two), and one delivery row per (run,
 * person), unique, which the delivery engine claims with a lease, so that several bot instances share the work
 * and a crashed instance's claims return to the others when the lease runs out; and the tenant's send budget,
 * one per-second window shared by all instances, so that together they stay within Teams' rate.
 */
export const campaigns: Migration = {
  id: 6,
  name: 'campaigns',
  up: `
    CREATE TABLE campaigns (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      owner_id text NOT NULL,
      owner_name text NOT NULL,
      plan jsonb NOT NULL,
      status text NOT NULL CHECK (status IN ('active', 'paused', 'cancelled', 'finished')),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );

    CREATE TABLE campaign_runs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      campaign_id uuid NOT NULL REFERENCES campaigns (id),
      scheduled_for timestamptz NOT NULL,
      started_at timestamptz NOT NULL,
      finished_at timestamptz NULL,
      status text NOT NULL CHECK (status IN ('delivering', 'finished', 'cancelled')),
      targeted integer NOT NULL DEFAULT 0,
      UNIQUE (campaign_id, scheduled_for)
    );

    CREATE TABLE campaign_deliveries (
      id bigserial PRIMARY KEY,
      run_id uuid NOT NULL REFERENCES campaign_runs (id),
      campaign_id uuid NOT NULL REFERENCES campaigns (id),
      user_id text NOT NULL,
      due_at timestamptz NOT NULL,
      status text NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'skipped', 'cancelled', 'uncertain')),
      attempts integer NOT NULL DEFAULT 0,
      -- Set just before the message goes to Teams: from then on a send may have happened, so it is never repeated.
      send_started_at timestamptz NULL,
      claimed_by text NULL,
      lease_until timestamptz NULL,
      reason text NULL,
      nudge_id uuid NULL REFERENCES nudges (id),
      finished_at timestamptz NULL,
      UNIQUE (run_id, user_id)
    );
    CREATE INDEX campaign_deliveries_due ON campaign_deliveries (due_at) WHERE status = 'pending';
    CREATE INDEX campaign_deliveries_leased ON campaign_deliveries (lease_until) WHERE status = 'sending';
    CREATE INDEX campaign_deliveries_user ON campaign_deliveries (campaign_id, user_id);

    -- The tenant's send budget, shared by every bot instance: how many sends the current second has granted.
    CREATE TABLE send_rate_windows (
      name text PRIMARY KEY,
      window_start timestamptz NOT NULL,
      used integer NOT NULL
    );
  `,
};

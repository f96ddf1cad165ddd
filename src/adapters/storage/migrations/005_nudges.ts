import type { Migration } from './migration';

/**
 * Nudges: the series per person (at most one open at a time, enforced here, so two senders cannot open two),
 * each card sent, and every action taken on a card, which campaigns count (opens, snoozes, enrolments).
 */
export const nudges: Migration = {
  id: 5,
  name: 'nudges',
  up: `
    CREATE TABLE nudge_series (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id text NOT NULL,
      started_at timestamptz NOT NULL,
      ended_at timestamptz NULL,
      end_reason text NULL CHECK (end_reason IN ('enrolled')),
      snoozes_used integer NOT NULL DEFAULT 0,
      snoozed_until timestamptz NULL
    );
    CREATE UNIQUE INDEX nudge_series_one_open_per_user ON nudge_series (user_id) WHERE ended_at IS NULL;

    CREATE TABLE nudges (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      series_id uuid NOT NULL REFERENCES nudge_series (id),
      user_id text NOT NULL,
      source text NOT NULL CHECK (source IN ('admin', 'reminder', 'campaign')),
      requested_by text NULL,
      -- What the card showed, so that Teams' refresh (every time the card is seen) needs no Graph call.
      recipient_name text NOT NULL,
      greeting_name text NOT NULL,
      strength text NOT NULL,
      methods jsonb NOT NULL,
      deadline timestamptz NULL,
      created_at timestamptz NOT NULL,
      status text NOT NULL CHECK (status IN ('sending', 'sent', 'throttled', 'blocked', 'notInstallable', 'failed')),
      status_detail text NULL,
      retry_at timestamptz NULL,
      sent_at timestamptz NULL,
      conversation_id text NULL,
      activity_id text NULL
    );
    CREATE INDEX nudges_user_sent_at ON nudges (user_id, sent_at) WHERE sent_at IS NOT NULL;
    CREATE INDEX nudges_series ON nudges (series_id);

    CREATE TABLE nudge_actions (
      id bigserial PRIMARY KEY,
      nudge_id uuid NOT NULL REFERENCES nudges (id),
      actor_id text NOT NULL,
      action text NOT NULL,
      result text NOT NULL,
      detail jsonb NULL,
      at timestamptz NOT NULL
    );
    CREATE INDEX nudge_actions_nudge ON nudge_actions (nudge_id, at);
  `,
};

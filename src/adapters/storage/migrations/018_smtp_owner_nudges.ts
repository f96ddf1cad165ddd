import type { Migration } from './migration';

/**
 * The cards sent to owners of accounts that send mail with a password: one row per card, so that the frequency cap
 * holds for them as for MFA nudges, a retried job never sends a second card, and an admin can see who was told what
 * and when. A card sent from a job carries the job's key, and is marked just before it leaves (send_started_at), so
 * that a retry finds the earlier attempt instead of sending again, and can tell one that never left.
 */
export const smtpOwnerNudges: Migration = {
  id: 18,
  name: 'smtp_owner_nudges',
  up: `
    CREATE TABLE smtp_owner_nudges (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      -- The order the cards were reserved in: two reserved at the same instant still list newest first.
      reserved_order bigint GENERATED ALWAYS AS IDENTITY,
      owner_id text NOT NULL,
      -- The sending accounts the card was about, in the order the card listed them (latest seen first).
      account_ids text[] NOT NULL,
      source text NOT NULL CHECK (source IN ('admin', 'campaign')),
      requested_by text NULL,
      created_at timestamptz NOT NULL,
      status text NOT NULL CHECK (status IN ('sending', 'sent', 'uncertain', 'throttled', 'blocked', 'notInstallable', 'failed')),
      status_detail text NULL,
      request_key text NULL,
      send_started_at timestamptz NULL,
      -- Only a card that reached the owner, or may have, has one; it counts towards the cap from then on.
      sent_at timestamptz NULL,
      conversation_id text NULL,
      activity_id text NULL
    );
    CREATE INDEX smtp_owner_nudges_owner_idx ON smtp_owner_nudges (owner_id, created_at, reserved_order);
    CREATE UNIQUE INDEX smtp_owner_nudges_request_key_idx ON smtp_owner_nudges (request_key) WHERE request_key IS NOT NULL;
  `,
};

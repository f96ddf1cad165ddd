import type { Migration } from './migration';

/**
 * The foundation: bot turn state (the botbuilder `Storage`), the conversation references captured on
 * install (needed to message someone proactively), and the job heartbeat that shows the job engine runs.
 */
export const initial: Migration = {
  id: 1,
  name: 'initial',
  up: `
    CREATE TABLE bot_state (
      key text PRIMARY KEY,
      value jsonb NOT NULL,
      etag text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE conversation_references (
      conversation_id text PRIMARY KEY,
      user_aad_object_id text NULL,
      tenant_id text NOT NULL,
      scope text NOT NULL CHECK (scope IN ('personal', 'team', 'groupChat')),
      reference jsonb NOT NULL,
      installed_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      uninstalled_at timestamptz NULL
    );

    CREATE INDEX conversation_references_user_aad_object_id_idx
      ON conversation_references (user_aad_object_id);

    CREATE TABLE job_heartbeats (
      name text PRIMARY KEY,
      last_run_at timestamptz NOT NULL,
      runs integer NOT NULL DEFAULT 0
    );
  `,
};

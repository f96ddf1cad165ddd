import type { Migration } from './migration';

/**
 * Exports waiting to be downloaded. Each is reached by a one-time link; only a hash of the link's token
 * is stored, so the table alone opens nothing. Rows go when downloaded or expired.
 */
export const pendingExports: Migration = {
  id: 3,
  name: 'exports',
  up: `
    CREATE TABLE pending_exports (
      token_hash text PRIMARY KEY,
      actor_id text NOT NULL,
      file_name text NOT NULL,
      content text NOT NULL,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL
    );
    CREATE INDEX pending_exports_expires_at ON pending_exports (expires_at);
  `,
};

import type { Migration } from './migration';

/**
 * The events admins were alerted about (and the failed scans of an outage, and when alerts started watching), one
 * row each: the first INSERT of a key wins, so each event is told once whichever instance sees it.
 */
export const postureAlerts: Migration = {
  id: 23,
  name: 'posture_alerts',
  up: `
    CREATE TABLE posture_alerts (
      key text PRIMARY KEY,
      kind text NOT NULL,
      raised_at timestamptz NOT NULL
    );
    CREATE INDEX posture_alerts_kind_idx ON posture_alerts (kind);
  `,
};

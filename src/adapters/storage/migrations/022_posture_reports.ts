import type { Migration } from './migration';

/**
 * Weekly posture reports, one per conversation. `last_period` is the week last posted (the local date it was due):
 * an instance takes a week by moving it there in one UPDATE, so two instances never both post the same week.
 */
export const postureReports: Migration = {
  id: 22,
  name: 'posture_reports',
  up: `
    CREATE TABLE posture_reports (
      conversation_id text PRIMARY KEY,
      reference jsonb NOT NULL,
      weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
      at_time text NOT NULL,
      time_zone text NOT NULL,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL,
      last_period text
    );
  `,
};

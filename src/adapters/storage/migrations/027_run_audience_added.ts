import type { Migration } from './migration';

/**
 * A run's audience is added a page at a time (two hundred thousand people are not held at once), and the engine
 * sends the first pages while the rest are added. Until the last page is in, a run whose deliveries so far are all
 * settled is not over: `audience_added_at` says when its audience was complete. Runs started before are complete.
 */
export const runAudienceAdded: Migration = {
  id: 27,
  name: 'run_audience_added',
  up: `
    ALTER TABLE campaign_runs ADD COLUMN audience_added_at timestamptz NULL;
    UPDATE campaign_runs SET audience_added_at = started_at;
  `,
};

import type { Migration } from './migration';

/**
 * Never the same card twice (issue 15). A nudge whose request left for Teams without a definite answer is
 * "uncertain": it still counts towards the cap and is never sent again. A nudge sent from a job carries the job's
 * key, and is marked just before its request leaves, so that a job retried after a failure (a database blip once
 * Teams had the card, say) finds the earlier attempt instead of sending a second card.
 */
export const nudgeSendMarks: Migration = {
  id: 12,
  name: 'nudge_send_marks',
  up: `
    ALTER TABLE nudges DROP CONSTRAINT nudges_status_check;
    ALTER TABLE nudges ADD CONSTRAINT nudges_status_check
      CHECK (status IN ('sending', 'sent', 'uncertain', 'throttled', 'blocked', 'notInstallable', 'failed'));
    ALTER TABLE nudges ADD COLUMN request_key text NULL;
    ALTER TABLE nudges ADD COLUMN send_started_at timestamptz NULL;
    CREATE UNIQUE INDEX nudges_request_key ON nudges (request_key) WHERE request_key IS NOT NULL;
  `,
};

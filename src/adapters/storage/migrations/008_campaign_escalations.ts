import type { Migration } from './migration';

/**
 * Which people of a campaign their manager has been told about: one row per (campaign, person), claimed before
 * the manager's card goes, so a person is escalated once per campaign however many instances look at once.
 */
export const campaignEscalations: Migration = {
  id: 8,
  name: 'campaign_escalations',
  up: `
    CREATE TABLE campaign_escalations (
      campaign_id uuid NOT NULL REFERENCES campaigns (id),
      user_id text NOT NULL,
      manager_id text NOT NULL,
      claimed_at timestamptz NOT NULL,
      status text NOT NULL DEFAULT 'sending' CHECK (status IN ('sending', 'sent', 'failed')),
      reason text NULL,
      PRIMARY KEY (campaign_id, user_id)
    );
  `,
};

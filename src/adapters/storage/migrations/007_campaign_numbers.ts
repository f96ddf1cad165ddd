import type { Migration } from './migration';

/**
 * Campaigns get a short number (1, 2, 3, …) that people can type in chat ("campaign 3"); the uuid stays the
 * key that cards and rows carry. Existing campaigns are numbered in the order they were created.
 */
export const campaignNumbers: Migration = {
  id: 7,
  name: 'campaign_numbers',
  up: `
    ALTER TABLE campaigns ADD COLUMN number integer NULL;
    UPDATE campaigns c SET number = o.n FROM (SELECT id, row_number() OVER (ORDER BY created_at, id) AS n FROM campaigns) o WHERE o.id = c.id;
    CREATE SEQUENCE campaigns_number_seq OWNED BY campaigns.number;
    SELECT setval('campaigns_number_seq', COALESCE((SELECT max(number) FROM campaigns), 0) + 1, false);
    ALTER TABLE campaigns ALTER COLUMN number SET DEFAULT nextval('campaigns_number_seq'), ALTER COLUMN number SET NOT NULL;
    CREATE UNIQUE INDEX campaigns_number ON campaigns (number);
    CREATE INDEX campaign_deliveries_nudge ON campaign_deliveries (nudge_id) WHERE nudge_id IS NOT NULL;
  `,
};

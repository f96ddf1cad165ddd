import type { Migration } from './migration';

/**
 * A campaign's export is no longer kept as a file either: at 200,000 deliveries it was made by reading every
 * delivery's facts into memory at once. Its link now records the campaign, and the file is written from the
 * deliveries as it downloads, a page at a time in delivery order, which the index on (campaign_id, id) reads without
 * sorting (or walking past other campaigns' deliveries).
 */
export const streamedCampaignExports: Migration = {
  id: 30,
  name: 'streamed_campaign_exports',
  up: `
    ALTER TABLE pending_exports ADD COLUMN deliveries_of_campaign uuid NULL;
    ALTER TABLE pending_exports DROP CONSTRAINT pending_exports_one_content;
    ALTER TABLE pending_exports ADD CONSTRAINT pending_exports_one_content
      CHECK (num_nonnulls(content, status_of_scan, deliveries_of_campaign) = 1);
    CREATE INDEX campaign_deliveries_in_order ON campaign_deliveries (campaign_id, id);
  `,
};

import type { Migration } from './migration';

/**
 * Finding a campaign delivery's nudge whatever its status. When a worker dies after its card left, the claim's
 * expiry looks for the nudge the worker recorded as sent, to count the delivery as sent rather than uncertain.
 * (The index of migration 10 covers only nudges still being sent.)
 */
export const nudgeByCampaignDelivery: Migration = {
  id: 14,
  name: 'nudge_by_campaign_delivery',
  up: `
    CREATE INDEX nudges_campaign_delivery ON nudges (campaign_delivery_id) WHERE campaign_delivery_id IS NOT NULL;
  `,
};

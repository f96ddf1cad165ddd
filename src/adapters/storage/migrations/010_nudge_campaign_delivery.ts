import type { Migration } from './migration';

/**
 * Which campaign delivery a nudge was reserved for. A campaign's sender reserves the nudge (it counts towards the
 * cap from then on) and only then marks the delivery as on its way; if it stops in between, the delivery goes
 * back to pending and the reservation is left behind. The next attempt of the same delivery gives that
 * reservation up first, instead of being held two days by a card that never left.
 */
export const nudgeCampaignDelivery: Migration = {
  id: 10,
  name: 'nudge_campaign_delivery',
  up: `
    ALTER TABLE nudges ADD COLUMN campaign_delivery_id bigint NULL;
    CREATE INDEX nudges_campaign_delivery_sending ON nudges (campaign_delivery_id) WHERE status = 'sending';
  `,
};

import type { Migration } from './migration';

/**
 * The delivery engine claims the deliveries due first, in (due_at, id) order. A run's deliveries are all due at its
 * scheduled time, so an index on due_at alone left every claim sorting all of them by id: 230 ms a claim at 200,000
 * people, once a second. With id in the index, a claim reads its hundred rows in order (under a millisecond).
 */
export const deliveriesDueInOrder: Migration = {
  id: 28,
  name: 'deliveries_due_in_order',
  up: `
    CREATE INDEX campaign_deliveries_due_in_order ON campaign_deliveries (due_at, id) WHERE status = 'pending';
    DROP INDEX campaign_deliveries_due;
  `,
};

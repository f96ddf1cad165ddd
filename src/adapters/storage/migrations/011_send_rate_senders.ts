import type { Migration } from './migration';

/**
 * Which instances have been sending from a send budget lately. Each instance keeps its share of the rate in its
 * own window (the rate divided by the instances sending): the shared budget spaces the sends, but a send held up
 * on its way in one instance can meet another instance's on-time sends, and only shares that add up to the rate
 * keep every second within it.
 */
export const sendRateSenders: Migration = {
  id: 11,
  name: 'send_rate_senders',
  up: `
    CREATE TABLE send_rate_senders (
      name text NOT NULL,
      sender text NOT NULL,
      last_at timestamptz NOT NULL,
      PRIMARY KEY (name, sender)
    );
  `,
};

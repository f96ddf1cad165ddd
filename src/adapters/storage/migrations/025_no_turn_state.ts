import type { Migration } from './migration';

/**
 * botbuilder's turn state is no longer kept (no route used it: the table only ever held nothing, and each turn
 * read it for nothing). The table goes with it.
 */
export const noTurnState: Migration = {
  id: 25,
  name: 'no_turn_state',
  up: `DROP TABLE IF EXISTS bot_state;`,
};

import type { Migration } from './migration';

/**
 * What each nudge asked people to set up (Microsoft Authenticator, a passkey, or either), so that its "I've done it"
 * checks for the same thing its card asked for, a campaign's choice included. NULL for nudges sent before: the
 * NUDGE_TARGET setting applies to them.
 */
export const nudgeTargets: Migration = {
  id: 16,
  name: 'nudge_targets',
  up: `
    ALTER TABLE nudges ADD COLUMN target text NULL CHECK (target IN ('authenticator', 'passkey', 'either'));
  `,
};

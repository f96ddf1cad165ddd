import type { Migration } from './migration';

/**
 * Why a campaign cannot go on (its Entra group is gone, no scan completed in time for a run), shown on its
 * status card until a run starts again. Recurring campaigns used to stop without a word.
 */
export const campaignProblems: Migration = {
  id: 13,
  name: 'campaign_problems',
  up: `
    ALTER TABLE campaigns ADD COLUMN problem text NULL;
    ALTER TABLE campaigns ADD COLUMN problem_at timestamptz NULL;
  `,
};

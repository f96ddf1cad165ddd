import type { Migration } from './migration';

/** The tenant's target for strong MFA (`target 95% by 2027-03-31`): one row at most. */
export const strongTarget: Migration = {
  id: 24,
  name: 'strong_target',
  up: `
    CREATE TABLE strong_target (
      id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
      percent numeric(4, 1) NOT NULL CHECK (percent > 0 AND percent <= 100),
      by_day text NOT NULL,
      set_by text NOT NULL,
      set_at timestamptz NOT NULL
    );
  `,
};

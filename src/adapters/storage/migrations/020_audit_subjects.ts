import type { Migration } from './migration';

/**
 * Whom or what an audited command was about: the person looked up or nudged (as typed: a name, a UPN), the department,
 * the mailbox. A security lead reading the log needs it ("whose MFA was looked up?"); the action keeps the command's
 * shape ("user <query>"). Entries from before have none.
 */
export const auditSubjects: Migration = {
  id: 20,
  name: 'audit_subjects',
  up: `
    ALTER TABLE audit_log ADD COLUMN subject text NULL CHECK (length(subject) <= 200);
  `,
};

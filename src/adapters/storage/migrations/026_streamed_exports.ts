import type { Migration } from './migration';

/**
 * The MFA status export is no longer kept as a file: at a million people it is over a hundred megabytes, made
 * by reading everyone at once. Its link now records which scan it is of, and the file is written from that scan
 * as it downloads. Other exports (the audit log, a campaign's deliveries) still keep their file.
 */
export const streamedExports: Migration = {
  id: 26,
  name: 'streamed_exports',
  up: `
    ALTER TABLE pending_exports ALTER COLUMN content DROP NOT NULL, ADD COLUMN status_of_scan bigint NULL;
    ALTER TABLE pending_exports ADD CONSTRAINT pending_exports_one_content CHECK ((content IS NULL) <> (status_of_scan IS NULL));
  `,
};

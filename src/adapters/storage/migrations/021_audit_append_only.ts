import type { Migration } from './migration';

/**
 * The audit log is evidence: an entry, once written, is never changed. A trigger refuses every UPDATE, whoever
 * sends it, so that neither a bug nor someone with the bot's database login can rewrite who did what. DELETE stays
 * allowed for the purge of entries past their retention (AUDIT_RETENTION_DAYS), the only delete the bot makes.
 */
export const auditAppendOnly: Migration = {
  id: 21,
  name: 'audit_append_only',
  up: `
    CREATE FUNCTION audit_log_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_log is append-only: its entries are never changed';
    END;
    $$;

    CREATE TRIGGER audit_log_append_only BEFORE UPDATE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_update();
  `,
};

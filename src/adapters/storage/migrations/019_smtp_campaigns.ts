import type { Migration } from './migration';

/**
 * Campaigns for the owners of accounts that send mail with a password. A delivery of such a campaign sends a card to
 * the owner, kept in smtp_owner_nudges, not an MFA nudge: it gets its own reference beside nudge_id. Whether the
 * owner moved off the password is read from the senders: each keeps when it last signed in with a password, so a
 * later sign-in (OAuth) or a quiet week after the card shows the move. Senders read before this migration only know
 * their last sign-in, which is taken as their last with a password when they used one (the cautious reading).
 */
export const smtpCampaigns: Migration = {
  id: 19,
  name: 'smtp_campaigns',
  up: `
    ALTER TABLE smtp_senders ADD COLUMN last_password_seen timestamptz NULL;
    UPDATE smtp_senders SET last_password_seen = last_seen WHERE used_password;
    ALTER TABLE campaign_deliveries ADD COLUMN smtp_nudge_id uuid NULL REFERENCES smtp_owner_nudges (id);
    CREATE INDEX campaign_deliveries_smtp_nudge ON campaign_deliveries (smtp_nudge_id) WHERE smtp_nudge_id IS NOT NULL;
  `,
};

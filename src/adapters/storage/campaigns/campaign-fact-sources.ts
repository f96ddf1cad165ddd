import { PHISHING_RESISTANT_METHODS } from '../../../domain/mfa/mfa-strength';

// What followed a campaign's deliveries, as SQL: shared by the facts read one by one (the export, escalations) and
// the funnel's kept facts (campaign-funnel-upkeep.ts: the status card, a run's summary, the list), so that both
// count the same way.

/** Our own constant method names (never input), written into the statement as a text array. */
const PHISHING_RESISTANT = `ARRAY[${PHISHING_RESISTANT_METHODS.map((kind) => `'${kind}'`).join(', ')}]::text[]`;

/**
 * When what the nudge asked for was confirmed after it was sent: by a live check (the series ended as enrolled) or
 * else by the latest scan, if it ran after the send and found it (strong MFA; a phishing-resistant method when the
 * nudge asked for a passkey, as its "I've done it" does). Over FACT_SOURCES.
 */
const ENROLLED_AT = `
  CASE WHEN s.end_reason = 'enrolled' AND s.ended_at >= n.sent_at THEN s.ended_at
       WHEN (CASE WHEN n.target = 'passkey' THEN u.methods && ${PHISHING_RESISTANT} ELSE u.strength = 'strong' END)
         AND r.finished_at >= n.sent_at THEN r.finished_at END`;

/**
 * For a card to an owner of password senders: when the owner moved off the password, read from the last completed
 * read of the sign-in log (its end: the latest it can have been). Each account on the card must have signed in with
 * no password since the card, and either signed in since (with OAuth: the move shows) or stayed quiet for a week
 * after the card in a read that covers that week (a device retired, or moved to a relay that signs in as no one).
 */
const MOVED_AT = `
  CASE WHEN o.sent_at IS NOT NULL AND lc.finished_at >= o.sent_at AND NOT EXISTS (
    SELECT 1 FROM unnest(o.account_ids) AS card (account_id)
    WHERE EXISTS (SELECT 1 FROM smtp_senders x
                  WHERE lower(x.account_id) = lower(card.account_id) AND x.last_password_seen >= o.sent_at)
       OR (lc.window_until < o.sent_at + interval '7 days'
           AND NOT EXISTS (SELECT 1 FROM smtp_senders x WHERE lower(x.account_id) = lower(card.account_id) AND x.last_seen > o.sent_at))
  ) THEN lc.finished_at END`;

export const FACT_SOURCES = `
  campaign_deliveries d
    LEFT JOIN nudges n ON n.id = d.nudge_id
    LEFT JOIN nudge_series s ON s.id = n.series_id
    LEFT JOIN smtp_owner_nudges o ON o.id = d.smtp_nudge_id
    LEFT JOIN (SELECT finished_at, window_until FROM smtp_scans WHERE status = 'completed' ORDER BY id DESC LIMIT 1) lc
      ON o.id IS NOT NULL
    LEFT JOIN current_mfa_users u ON u.id = d.user_id
    LEFT JOIN scan_runs r ON r.id = u.scan_id`;

/** What a delivery led to: strong MFA after an MFA nudge, or off the password after a card to an owner. */
export const OUTCOME_AT = `COALESCE(${ENROLLED_AT}, ${MOVED_AT})`;

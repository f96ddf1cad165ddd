import type { RetryPolicy } from '../../adapters/graph/retry-policy';
import { FUNNEL_BATCH } from '../../adapters/storage/campaigns/campaign-funnel-upkeep';

/**
 * The numbers that tune the running bot, each named once with its reason. Operators set the tenant's own
 * figures (send rate, admin groups, scan schedule) through the configuration; these follow from Teams' and
 * Graph's limits and from what a person in a chat will wait for, so they are not settings.
 */

/**
 * Graph calls made inside a turn (status, "I've done it", admin look-ups) give up fast: Teams cuts an invoke
 * off at 5 s, so a busy or failing Graph becomes "try again later" rather than a stuck turn. Scans keep the
 * patient defaults.
 */
export const TURN_GRAPH_RETRY: RetryPolicy = {
  maxThrottleRetries: 1,
  maxTransientRetries: 1,
  baseDelayMs: 500,
  maxDelayMs: 1000,
  maxRetryAfterMs: 2000,
  attemptTimeoutMs: 4000,
};

/** The longest a turn waits for a place in the tenant's reports budget, which scans share. */
export const TURN_REPORTS_WAIT_MS = 2000;

/** "I've done it" rechecks within this, leaving the card and the network the rest of Teams' 5 s. */
export const RECHECK_TIMEOUT_MS = 4000;

/** How long a message turn waits for a model-written answer before it shows the article's own card. */
export const ANSWER_WRITER_TIMEOUT_MS = 8000;

/** How long an admin or campaign-manager check is remembered: group changes take effect within this. */
export const ROLE_CHECK_CACHE_SECONDS = 300;

/** How long a campaign nudge is given to be answered before it counts towards escalation to managers. */
export const ESCALATION_GRACE_MS = 24 * 3600_000;

/**
 * Campaign deliveries: a claimed delivery returns to the queue if its instance has not finished it within the
 * lease; an idle loop looks again after a second, backing off to eight while nothing falls due.
 */
export const DELIVERY = { leaseMs: 60_000, idleMs: 1000, maxIdleMs: 8000 };

/**
 * Campaign funnels are counted from their noted changes each second while they come (a campaign sending at 100 a
 * second notes a few hundred), every 8 s at most when none do; a batch (2,000) at a time; the tables tidied after every 20,000
 * (about a minute of a large campaign's changes; a tidy takes a few hundred milliseconds at 200,000 deliveries).
 */
export const FUNNEL_UPKEEP = { batch: FUNNEL_BATCH, idleMs: 1000, maxIdleMs: 8000, tidyAfter: 20_000 };

/** Exports nobody fetched hold personal data: they are deleted this often once their link has expired. */
export const EXPIRED_EXPORTS_CRON = '*/5 * * * *';

/**
 * Audit entries past their retention are deleted once a day, at a quiet hour away from the 03:00 scan: the
 * retention is counted in days, so a day's delay costs nothing.
 */
export const AUDIT_PURGE_CRON = '30 2 * * *';

/**
 * Weekly posture reports due are looked for this often: a report comes at most this late after its time, and a
 * tick finds nothing to do in one small query the rest of the week.
 */
export const POSTURE_REPORTS_CRON = '*/5 * * * *';

/** A graceful stop waits this long for running turns and jobs before it closes the database anyway. */
export const STOP_TIMEOUT_MS = 10_000;

import type { DeliveryResult } from '../domain/campaigns/campaign-run';
import type { DeliveryOutcome } from '../domain/ports/nudge-delivery';
import type { NudgeResult } from './send-nudge';
import type { SmtpOwnerNudgeResult } from './send-smtp-owner-nudge';

/** A send that failed in passing is tried again this many times in all, then recorded as failed for good. */
export const MAX_ATTEMPTS = 5;
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_MAX_MS = 30 * 60_000;

/** What a nudge's result means for the delivery: sent, wait and try again, or done with it (failed or not needed). */
export function deliveryResultOf(result: NudgeResult, attempts: number, now: Date, random: () => number): DeliveryResult {
  switch (result.kind) {
    case 'sent':
      return { kind: 'sent', nudgeId: result.nudgeId };
    case 'alreadyStrong':
      return { kind: 'skipped', reason: 'enrolled' };
    case 'unknownPerson':
      return { kind: 'skipped', reason: 'not in the directory' };
    case 'deferred':
      // Outside their window, snoozed, or nudged recently by another source: due again when that ends.
      return { kind: 'later', at: result.notBefore, reason: result.reason };
    case 'checkUnavailable':
      return retryLater('the directory did not answer', attempts, now, random);
    default:
      return outcomeResultOf(result, attempts, now, random);
  }
}

/**
 * What a card to an owner of password senders means for the delivery. An owner with no password sender left (it
 * moved, or went quiet for 30 days) is skipped as not needed, as someone who enrolled is for MFA.
 */
export function smtpCardResultOf(result: SmtpOwnerNudgeResult, attempts: number, now: Date, random: () => number): DeliveryResult {
  switch (result.kind) {
    case 'sent':
      return { kind: 'sent', nudgeId: result.nudgeId, card: 'smtpOwner' };
    case 'nothingToMove':
      return { kind: 'skipped', reason: 'no longer sends with a password' };
    case 'noOwner':
      return { kind: 'skipped', reason: 'no longer owns a password sender' };
    case 'unknownPerson':
      return { kind: 'skipped', reason: 'not in the directory' };
    case 'deferred':
      return { kind: 'later', at: result.notBefore, reason: result.reason };
    default:
      return outcomeResultOf(result, attempts, now, random);
  }
}

/** What Teams' answer to a card means for the delivery, whichever card it was. */
function outcomeResultOf(
  outcome: Exclude<DeliveryOutcome, { kind: 'sent' }>,
  attempts: number,
  now: Date,
  random: () => number,
): DeliveryResult {
  switch (outcome.kind) {
    case 'throttled':
      // Teams documents 429 as not delivered.
      return { kind: 'later', at: new Date(now.getTime() + outcome.retryAfterMs), reason: 'throttled', notDelivered: true };
    case 'blocked':
      return { kind: 'failed', reason: 'blocked' };
    case 'notInstallable':
      return { kind: 'failed', reason: 'notInstallable' };
    case 'failed': {
      // A failed send is one that did not reach Teams (a refusal, or stopped before it left).
      if (!outcome.transient) return { kind: 'failed', reason: outcome.reason };
      const next = retryLater(outcome.reason, attempts, now, random);
      return next.kind === 'later' ? { ...next, notDelivered: true } : next;
    }
    case 'uncertain':
      return { kind: 'uncertain', reason: outcome.reason };
  }
}

/** A passing failure: due again after a growing, jittered wait, until the last attempt, then failed for good. */
export function retryLater(reason: string, attempts: number, now: Date, random: () => number): DeliveryResult {
  if (attempts >= MAX_ATTEMPTS) return { kind: 'failed', reason };
  // Half fixed, half jitter: many deliveries failing together do not all come back at the same moment.
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (attempts - 1));
  return { kind: 'later', at: new Date(now.getTime() + ceiling / 2 + random() * (ceiling / 2)), reason };
}

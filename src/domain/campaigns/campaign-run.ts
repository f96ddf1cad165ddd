/** One run of a campaign: the wave sent at one scheduled time to whoever was in the audience then. */
export interface CampaignRun {
  id: string;
  campaignId: string;
  scheduledFor: Date;
  startedAt: Date;
  finishedAt?: Date;
  /**
   * When everyone in its audience had their delivery: the audience is added a page at a time, and until then a run
   * whose deliveries so far are all settled is not over. Absent while the run is starting.
   */
  audienceAddedAt?: Date;
  status: 'delivering' | 'finished' | 'cancelled';
  /** People in the audience when the run started. */
  targeted: number;
}

/**
 * One person's nudge in one run. pending → sending (claimed, with a lease) → sent, failed (for good, with the
 * reason), skipped (no longer needed: set up meanwhile, or the campaign's cap reached) or cancelled; a throttled
 * send goes back to pending, due again when Teams allows.
 *
 * uncertain: the instance sending it stopped after the message had started on its way to Teams and before
 * Teams' answer was recorded. Teams cannot be asked whether it arrived, and sending it again could nudge the
 * person twice, so it is not repeated; it is counted apart, never silently.
 */
export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped' | 'cancelled' | 'uncertain';

export interface CampaignDelivery {
  id: string;
  runId: string;
  campaignId: string;
  userId: string;
  dueAt: Date;
  status: DeliveryStatus;
  attempts: number;
  reason?: string;
  nudgeId?: string;
}

/** How a claimed delivery ended, as the engine reports it. */
export type DeliveryResult =
  /** `card`: which ledger nudgeId is in: an MFA nudge's (the default) or a card to an owner of password senders. */
  | { kind: 'sent'; nudgeId: string; card?: 'smtpOwner' }
  | { kind: 'failed'; reason: string }
  | { kind: 'skipped'; reason: string }
  /** Its card left and no definite answer came (or its answer could not be recorded): never sent again. */
  | { kind: 'uncertain'; reason: string }
  /**
   * Not now (throttled, outside the person's window, Teams busy): pending again, due at `at`. Only a result that
   * proves nothing reached Teams may follow the delivery's send mark: `notDelivered` says so, and clears the mark.
   */
  | { kind: 'later'; at: Date; reason: string; notDelivered?: true };

/**
 * The request key a campaign delivery's card to an owner of password senders is kept under (smtp_owner_nudges): the
 * same on every try of the delivery, so a retry finds the card an earlier try reserved. The delivery queue's SQL
 * builds the same text to find that card when the delivery's claim ran out.
 */
export function smtpCardRequestKey(deliveryId: string): string {
  return `campaign-delivery:${deliveryId}`;
}

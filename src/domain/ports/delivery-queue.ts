import type { CampaignDelivery, DeliveryResult } from '../campaigns/campaign-run';

/**
 * The campaigns' delivery queue. Claims are the delivery engine's lock: a claimed delivery belongs to one worker
 * until it reports a result or its lease runs out (the worker died), so several bot instances can share one
 * database and still send each delivery once.
 */
export interface DeliveryQueue {
  /**
   * Claims up to `limit` pending deliveries due by `now`, of active campaigns, for `worker` until `leaseUntil`:
   * each is claimed by one worker only, however many ask at once. Their attempts go up by one.
   */
  claimDue(now: Date, limit: number, worker: string, leaseUntil: Date): Promise<CampaignDelivery[]>;
  /** Records the result of a claimed delivery; false when the claim was no longer this worker's (lease lost, cancelled). */
  complete(deliveryId: string, worker: string, result: DeliveryResult, at: Date): Promise<boolean>;
  /**
   * Marks the point of no return of a claimed delivery: its message is about to go to Teams. False when the claim
   * is no longer this worker's, and then it must not be sent.
   */
  markSendStarted(deliveryId: string, worker: string, at: Date): Promise<boolean>;
  /**
   * Deliveries whose worker's lease ran out (the worker died): those not yet on their way to Teams go back to
   * pending, due now, to be sent by another; those already on their way are sent if the worker had recorded their
   * nudge as sent before it stopped, and otherwise uncertain, never sent twice.
   */
  reclaimExpired(now: Date): Promise<{ pending: number; uncertain: number; sent: number }>;
  /** How many times each person was sent a nudge by this campaign (for its per-person cap). */
  sentCounts(campaignId: string, userIds: readonly string[]): Promise<Map<string, number>>;
}

import type { Campaign, CampaignPlan, CampaignStatus } from '../campaigns/campaign';
import type { CampaignHeadline, DeliveryFact } from '../campaigns/campaign-funnel';
import type { CampaignDelivery, CampaignRun, DeliveryResult, DeliveryStatus } from '../campaigns/campaign-run';

export interface DeliveryCounts extends Record<DeliveryStatus, number> {
  /** Failures by reason (e.g. blocked, notInstallable). */
  failedBy: Record<string, number>;
}

/**
 * Where campaigns, their runs and their deliveries are kept. Claims are the delivery engine's lock: a claimed
 * delivery belongs to one worker until it reports a result or its lease runs out (the worker died), so several
 * bot instances can share one database and still send each delivery once.
 */
export interface CampaignStore {
  create(plan: CampaignPlan, owner: { id: string; name: string }, at: Date): Promise<Campaign>;
  /** A malformed id (card data is untrusted) is simply not found. */
  get(id: string): Promise<Campaign | undefined>;
  /** By its number or its id, as typed or as a card carries it; anything else is not found. */
  find(ref: string): Promise<Campaign | undefined>;
  /** Newest first. */
  list(limit: number): Promise<Campaign[]>;
  /** Every active campaign (the reconciler makes sure each has its next run queued). */
  listActive(): Promise<Campaign[]>;
  /**
   * Records why the campaign cannot go on, or clears it (undefined). True when this changed what was recorded: the
   * owner is told of a problem once, not at every try.
   */
  setProblem(id: string, problem: string | undefined, at: Date): Promise<boolean>;
  /**
   * Changes the status only from one of `from` (pause only what is active, resume only what is paused, …);
   * returns the campaign as it is after, and whether it changed. Cancelling also cancels every pending delivery.
   */
  setStatus(
    id: string,
    to: CampaignStatus,
    from: readonly CampaignStatus[],
    at: Date,
  ): Promise<{ campaign: Campaign; changed: boolean } | undefined>;

  /** Starts the run for one scheduled time, or finds the one already started (at most one per time). */
  startRun(campaignId: string, scheduledFor: Date, at: Date): Promise<{ run: CampaignRun; created: boolean }>;
  /** One delivery per person; a person already in the run is left as they are. Returns how many were added. */
  addDeliveries(runId: string, deliveries: readonly { userId: string; dueAt: Date }[]): Promise<number>;
  /** Marks the run finished when none of its deliveries is pending or sending; returns the run when it did so now. */
  finishRunIfDone(runId: string, at: Date): Promise<CampaignRun | undefined>;
  /**
   * Marks finished every run still delivering whose deliveries are all settled, and returns them: the runs whose
   * last deliveries were settled by `reclaimExpired` (their worker died), or whose finish could not be written.
   * A run with no delivery yet is left alone (it may be starting).
   */
  finishSettledRuns(at: Date): Promise<CampaignRun[]>;
  runs(campaignId: string): Promise<CampaignRun[]>;
  deliveryCounts(runId: string): Promise<DeliveryCounts>;

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
  /** Every delivery of the campaign with what followed it (opened, snoozed, enrolled), for its funnel and export. */
  deliveryFacts(campaignId: string): Promise<DeliveryFact[]>;
  /**
   * The list's figures of each campaign (unknown ids count nothing), equal to campaignFunnel's over its
   * deliveryFacts, without reading them all.
   */
  headlines(campaignIds: readonly string[]): Promise<Map<string, CampaignHeadline>>;
  /** How many managers were told, about how many people, and how many of those cards failed. */
  escalationCounts(campaignId: string): Promise<{ managers: number; people: number; failedManagers: number }>;
  /** The people of the campaign whose manager was told about them already (or is being told). */
  escalated(campaignId: string): Promise<Set<string>>;
  /**
   * Claims the escalation of these people to this manager; answers those it claimed now (a person already
   * escalated, by this instance or another, is left out), so each person is escalated once.
   */
  claimEscalations(campaignId: string, managerId: string, userIds: readonly string[], at: Date): Promise<string[]>;
  /** Gives claims back (Teams said "later"): these people may be claimed again by a later try. */
  releaseEscalations(campaignId: string, userIds: readonly string[]): Promise<void>;
  /** How the manager's card went. */
  settleEscalations(
    campaignId: string,
    userIds: readonly string[],
    outcome: { status: 'sent' } | { status: 'failed'; reason: string },
  ): Promise<void>;
  /** How many times each person was sent a nudge by this campaign (for its per-person cap). */
  sentCounts(campaignId: string, userIds: readonly string[]): Promise<Map<string, number>>;
}

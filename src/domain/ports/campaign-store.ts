import type { Campaign, CampaignPlan, CampaignStatus } from '../campaigns/campaign';
import type { CampaignReports } from './campaign-reports';
import type { CampaignRuns } from './campaign-runs';
import type { DeliveryQueue } from './delivery-queue';
import type { EscalationLedger } from './escalation-ledger';

/** The campaigns themselves: what each plans, who owns it, its status, and any problem holding it up. */
export interface CampaignRecords {
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
}

/**
 * Everything kept about campaigns, by concern: the campaigns, their runs, the delivery queue, the reports on what
 * followed, and the ledger of escalations to managers. One database holds them all; each use case asks only for
 * the concerns it needs.
 */
export interface CampaignStore extends CampaignRecords, CampaignRuns, DeliveryQueue, CampaignReports, EscalationLedger {}

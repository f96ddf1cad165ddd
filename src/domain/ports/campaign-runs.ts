import type { CampaignRun, DeliveryStatus } from '../campaigns/campaign-run';

export interface DeliveryCounts extends Record<DeliveryStatus, number> {
  /** Failures by reason (e.g. blocked, notInstallable). */
  failedBy: Record<string, number>;
}

/** A delivery held back: it goes at `dueAt`, for the reason its last try gave. */
export interface WaitingDelivery {
  userId: string;
  dueAt: Date;
  reason?: string;
}

/** A campaign's runs (one per scheduled time) and the people each is for. */
export interface CampaignRuns {
  /** Starts the run for one scheduled time, or finds the one already started (at most one per time). */
  startRun(campaignId: string, scheduledFor: Date, at: Date): Promise<{ run: CampaignRun; created: boolean }>;
  /**
   * One delivery per person; a person already in the run is left as they are. Returns how many were added, which
   * the run's `targeted` grows by. Called a page at a time while the run starts.
   */
  addDeliveries(runId: string, deliveries: readonly { userId: string; dueAt: Date }[]): Promise<number>;
  /** Records that the run's whole audience has its deliveries (the first time only); returns the run. */
  audienceAdded(runId: string, at: Date): Promise<CampaignRun | undefined>;
  /**
   * Marks the run finished when its audience is all added and none of its deliveries is pending or sending;
   * returns the run when it did so now.
   */
  finishRunIfDone(runId: string, at: Date): Promise<CampaignRun | undefined>;
  /**
   * Marks finished every run still delivering whose audience is all added and whose deliveries are all settled,
   * and returns them: the runs whose last deliveries were settled by `reclaimExpired` (their worker died), or whose
   * finish could not be written. A run still adding its audience is left alone.
   */
  finishSettledRuns(at: Date): Promise<CampaignRun[]>;
  runs(campaignId: string): Promise<CampaignRun[]>;
  deliveryCounts(runId: string): Promise<DeliveryCounts>;
  /**
   * The run's deliveries waiting to be sent again: to whom, when they are due, and why they wait (their delivery
   * window, the cap, a snooze, Teams' rate), soonest first.
   */
  waiting(runId: string): Promise<WaitingDelivery[]>;
}

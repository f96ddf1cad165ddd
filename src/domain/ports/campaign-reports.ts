import type { CampaignHeadline, DeliveryFact, FunnelCounts } from '../campaigns/campaign-funnel';

/** A campaign's people counted: the campaign as a whole (each person once), and each run that has deliveries. */
export interface CampaignFunnelCounts {
  total: FunnelCounts;
  byRun: Map<string, FunnelCounts>;
}

/** A page of a campaign's delivery facts, and where the next page starts (absent: there is none). */
export interface DeliveryFactsPage {
  facts: DeliveryFact[];
  next?: string;
}

/** What followed a campaign's deliveries, for its funnel, its export and the campaign list. */
export interface CampaignReports {
  /** Every delivery of the campaign with what followed it (opened, snoozed, enrolled), all at once (small campaigns, checks). */
  deliveryFacts(campaignId: string): Promise<DeliveryFact[]>;
  /**
   * deliveryFacts a page at a time, in the same order: at most `size`, from where `after` says (undefined: the
   * first). Each page is read when asked, so deliveries added meanwhile come in their place. For the export, which
   * writes a campaign of any size with one page in memory. Unknown ids have none.
   */
  deliveryFactsPage(campaignId: string, after: string | undefined, size: number): Promise<DeliveryFactsPage>;
  /**
   * deliveryFacts of at most `people` people, each with all their deliveries in delivery order, people in the order
   * of their ids after `afterUserId` (undefined: the first), and where the next page starts. For the escalation to
   * managers, which looks at each person's deliveries together, a page of people in memory at a time.
   */
  deliveryFactsOfPeople(campaignId: string, afterUserId: string | undefined, people: number): Promise<DeliveryFactsPage>;
  /** How many deliveries the campaign has now (deliveryFacts' length), counted without reading them. */
  deliveryCount(campaignId: string): Promise<number>;
  /**
   * The campaign's funnel counted, as a whole and per run, equal to funnelCountsOf over its deliveryFacts (and over
   * each run's), without bringing every delivery into memory: the status card and a run's summary. Unknown ids
   * count nothing.
   */
  funnelCounts(campaignId: string): Promise<CampaignFunnelCounts>;
  /**
   * The list's figures of each campaign (unknown ids count nothing), equal to campaignFunnel's over its
   * deliveryFacts, without reading them all.
   */
  headlines(campaignIds: readonly string[]): Promise<Map<string, CampaignHeadline>>;
}

import type { CampaignHeadline, DeliveryFact } from '../campaigns/campaign-funnel';

/** What followed a campaign's deliveries, for its funnel, its export and the campaign list. */
export interface CampaignReports {
  /** Every delivery of the campaign with what followed it (opened, snoozed, enrolled), for its funnel and export. */
  deliveryFacts(campaignId: string): Promise<DeliveryFact[]>;
  /**
   * The list's figures of each campaign (unknown ids count nothing), equal to campaignFunnel's over its
   * deliveryFacts, without reading them all.
   */
  headlines(campaignIds: readonly string[]): Promise<Map<string, CampaignHeadline>>;
}

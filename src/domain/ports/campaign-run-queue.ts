/**
 * Where a campaign's next run waits for its time: durable across restarts and shared by every instance. Queuing
 * the same campaign's run at the same time twice queues it once.
 */
export interface CampaignRunQueue {
  queue(campaignId: string, at: Date): Promise<void>;
}

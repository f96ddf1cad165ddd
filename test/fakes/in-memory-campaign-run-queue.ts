import type { CampaignRunQueue } from '../../src/domain/ports/campaign-run-queue';

/** `CampaignRunQueue` in memory: each campaign's queued run times, a time queued twice kept once, as the port promises. */
export class InMemoryCampaignRunQueue implements CampaignRunQueue {
  private readonly queued = new Map<string, Date[]>();
  /** When set, queuing this campaign's run fails (the queue's database is down for it). */
  failFor?: (campaignId: string) => Error | undefined;

  async queue(campaignId: string, at: Date): Promise<void> {
    const error = this.failFor?.(campaignId);
    if (error) throw error;
    const times = this.queued.get(campaignId) ?? [];
    if (!times.some((time) => time.getTime() === at.getTime())) times.push(new Date(at));
    this.queued.set(campaignId, times);
  }

  /** The campaign's queued run times, in the order they were queued. */
  timesOf(campaignId: string): Date[] {
    return (this.queued.get(campaignId) ?? []).map((time) => new Date(time));
  }
}

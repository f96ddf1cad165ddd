import { randomUUID } from 'node:crypto';
import type { Campaign, CampaignPlan, CampaignStatus } from '../../src/domain/campaigns/campaign';
import { campaignNumberOf } from '../../src/domain/campaigns/campaign-command';
import { isGuid } from '../../src/domain/guid';
import type { CampaignRecords } from '../../src/domain/ports/campaign-store';

/** Told when a campaign is cancelled, so that whoever keeps its runs cancels what waits, as the SQL store does at once. */
export type CancelListener = (campaignId: string, at: Date) => void;

/**
 * `CampaignRecords` in memory, held to the same contract as the SQL store. The plan is kept as JSON, as the
 * database keeps it. Each call runs to its end without waiting in between, so two changes at once are one after
 * the other, as the database's row lock makes them.
 */
export class InMemoryCampaignRecords implements CampaignRecords {
  private readonly campaigns = new Map<string, Campaign>();
  private readonly cancelListeners: CancelListener[] = [];
  private lastNumber = 0;

  async create(plan: CampaignPlan, owner: { id: string; name: string }, at: Date): Promise<Campaign> {
    const campaign: Campaign = {
      ...(JSON.parse(JSON.stringify(plan)) as CampaignPlan),
      id: randomUUID(),
      number: ++this.lastNumber,
      name: plan.name,
      ownerId: owner.id,
      ownerName: owner.name,
      status: 'active',
      createdAt: new Date(at),
    };
    this.campaigns.set(campaign.id, campaign);
    return copy(campaign);
  }

  async get(id: string): Promise<Campaign | undefined> {
    const campaign = this.kept(id);
    return campaign && copy(campaign);
  }

  async find(ref: string): Promise<Campaign | undefined> {
    const number = campaignNumberOf(ref);
    if (number === undefined) return this.get(ref.trim().replace(/^#/, ''));
    const campaign = [...this.campaigns.values()].find((kept) => kept.number === number);
    return campaign && copy(campaign);
  }

  async list(limit: number): Promise<Campaign[]> {
    const newestFirst = [...this.campaigns.values()].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || byId(a, b));
    return newestFirst.slice(0, limit).map(copy);
  }

  async listActive(): Promise<Campaign[]> {
    const oldestFirst = [...this.campaigns.values()].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || byId(a, b));
    return oldestFirst.filter((campaign) => campaign.status === 'active').map(copy);
  }

  async setProblem(id: string, problem: string | undefined, at: Date): Promise<boolean> {
    const campaign = this.kept(id);
    if (!campaign || campaign.problem?.text === problem) return false;
    if (problem === undefined) delete campaign.problem;
    else campaign.problem = { text: problem, at: new Date(at) };
    return true;
  }

  async setStatus(
    id: string,
    to: CampaignStatus,
    from: readonly CampaignStatus[],
    at: Date,
  ): Promise<{ campaign: Campaign; changed: boolean } | undefined> {
    const campaign = this.kept(id);
    if (!campaign) return undefined;
    if (!from.includes(campaign.status)) return { campaign: copy(campaign), changed: false };
    campaign.status = to;
    if (to === 'cancelled') for (const listener of this.cancelListeners) listener(campaign.id, at);
    return { campaign: copy(campaign), changed: true };
  }

  /** The campaign's status as kept (undefined when there is no such campaign), for the fakes that share it. */
  statusOf(id: string): CampaignStatus | undefined {
    return this.kept(id)?.status;
  }

  onCancel(listener: CancelListener): void {
    this.cancelListeners.push(listener);
  }

  /** Like the database's uuid column: a malformed id is not found, and case does not matter. */
  private kept(id: string): Campaign | undefined {
    return isGuid(id) ? this.campaigns.get(id.toLowerCase()) : undefined;
  }
}

const byId = (a: Campaign, b: Campaign) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function copy(campaign: Campaign): Campaign {
  return {
    ...(JSON.parse(JSON.stringify(campaign)) as Campaign),
    createdAt: new Date(campaign.createdAt),
    ...(campaign.problem ? { problem: { text: campaign.problem.text, at: new Date(campaign.problem.at) } } : {}),
  };
}

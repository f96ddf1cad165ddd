import {
  campaignFunnel,
  funnelCountsOf,
  groupFacts,
  type CampaignHeadline,
  type DeliveryFact,
} from '../../src/domain/campaigns/campaign-funnel';
import { isGuid } from '../../src/domain/guid';
import type { CampaignFunnelCounts, CampaignReports, DeliveryFactsPage } from '../../src/domain/ports/campaign-reports';

/**
 * `CampaignReports` over facts a test states: what followed each delivery (opened, snoozed, enrolled, the names
 * of the latest scan). The SQL reports read them from the deliveries, nudges, their actions and the scans; a fake
 * that worked them out would be a second database, so this one is not held to a contract: the test says what
 * followed, and the list's figures are the funnel's over those facts, as the port promises.
 */
export class InMemoryCampaignReports implements CampaignReports {
  private readonly facts = new Map<string, DeliveryFact[]>();
  /** The size of each page read, in order: deliveries (deliveryFactsPage) or people (deliveryFactsOfPeople). */
  readonly pagesRead: number[] = [];

  /** What followed the campaign's deliveries from now on, in the order the store answers them (oldest first). */
  setFacts(campaignId: string, facts: readonly DeliveryFact[]): void {
    this.facts.set(campaignId.toLowerCase(), facts.map(copy));
  }

  async deliveryFacts(campaignId: string): Promise<DeliveryFact[]> {
    if (!isGuid(campaignId)) return [];
    return (this.facts.get(campaignId.toLowerCase()) ?? []).map(copy);
  }

  /** Pages by place in the stated facts, as the SQL reports page by delivery id: facts set meanwhile come in their place. */
  async deliveryFactsPage(campaignId: string, after: string | undefined, size: number): Promise<DeliveryFactsPage> {
    const from = after === undefined ? 0 : Number(after);
    const facts = (await this.deliveryFacts(campaignId)).slice(from, from + size);
    this.pagesRead.push(facts.length);
    return { facts, ...(facts.length === size ? { next: String(from + size) } : {}) };
  }

  async deliveryFactsOfPeople(campaignId: string, afterUserId: string | undefined, people: number): Promise<DeliveryFactsPage> {
    const facts = await this.deliveryFacts(campaignId);
    const ids = [...new Set(facts.map((fact) => fact.userId))].sort().filter((id) => afterUserId === undefined || id > afterUserId);
    const page = new Set(ids.slice(0, people));
    this.pagesRead.push(page.size);
    const ofPage = [
      ...groupFacts(
        facts.filter((fact) => page.has(fact.userId)),
        (fact) => fact.userId,
      ),
    ]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .flatMap(([, ofPerson]) => ofPerson);
    return { facts: ofPage, ...(page.size === people ? { next: ids[people - 1] } : {}) };
  }

  async deliveryCount(campaignId: string): Promise<number> {
    return (await this.deliveryFacts(campaignId)).length;
  }

  async funnelCounts(campaignId: string): Promise<CampaignFunnelCounts> {
    const facts = await this.deliveryFacts(campaignId);
    const byRun = new Map([...groupFacts(facts, (fact) => fact.runId)].map(([runId, ofRun]) => [runId, funnelCountsOf(ofRun)]));
    return { total: funnelCountsOf(facts), byRun };
  }

  async headlines(campaignIds: readonly string[]): Promise<Map<string, CampaignHeadline>> {
    const headlines = new Map<string, CampaignHeadline>();
    for (const id of campaignIds.filter(isGuid)) {
      const { targeted, delivered, enrolled } = campaignFunnel(await this.deliveryFacts(id));
      headlines.set(id, { targeted, delivered, enrolled });
    }
    return headlines;
  }
}

function copy(fact: DeliveryFact): DeliveryFact {
  return {
    ...fact,
    ...(fact.sentAt ? { sentAt: new Date(fact.sentAt) } : {}),
    ...(fact.enrolledAt ? { enrolledAt: new Date(fact.enrolledAt) } : {}),
  };
}

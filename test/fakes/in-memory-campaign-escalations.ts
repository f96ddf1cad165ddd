import { isGuid } from '../../src/domain/guid';
import type { EscalationLedger } from '../../src/domain/ports/escalation-ledger';
import type { InMemoryCampaignRecords } from './in-memory-campaign-records';

interface Escalation {
  campaignId: string;
  userId: string;
  managerId: string;
  status: 'sending' | 'sent' | 'failed';
  reason?: string;
}

/**
 * `EscalationLedger` in memory, held to the same contract as the SQL store: one entry per person of a campaign,
 * claimed before the manager's card. Each call runs to its end without waiting in between, so two instances
 * claiming at once are one after the other, as the database's unique key makes them.
 */
export class InMemoryEscalationLedger implements EscalationLedger {
  private readonly escalations = new Map<string, Escalation>();

  /** `records`, when given, are the campaigns escalated about: like the database, the ledger refuses any other. */
  constructor(private readonly records?: Pick<InMemoryCampaignRecords, 'statusOf'>) {}

  async escalationCounts(campaignId: string): Promise<{ managers: number; people: number; failedManagers: number }> {
    const sent = this.escalationsOf(campaignId).filter((escalation) => escalation.status === 'sent');
    const failed = this.escalationsOf(campaignId).filter((escalation) => escalation.status === 'failed');
    return { managers: managersOf(sent), people: sent.length, failedManagers: managersOf(failed) };
  }

  async escalated(campaignId: string): Promise<Set<string>> {
    return new Set(this.escalationsOf(campaignId).map((escalation) => escalation.userId));
  }

  async claimEscalations(campaignId: string, managerId: string, userIds: readonly string[], _at: Date): Promise<string[]> {
    if (userIds.length === 0 || !isGuid(campaignId)) return [];
    if (this.records && !this.records.statusOf(campaignId)) throw new Error(`No campaign ${campaignId} to escalate about`);
    const claimed: string[] = [];
    for (const userId of userIds) {
      if (this.escalations.has(keyOf(campaignId, userId))) continue;
      this.escalations.set(keyOf(campaignId, userId), { campaignId: campaignId.toLowerCase(), userId, managerId, status: 'sending' });
      claimed.push(userId);
    }
    return claimed;
  }

  async releaseEscalations(campaignId: string, userIds: readonly string[]): Promise<void> {
    for (const userId of userIds) {
      if (this.escalations.get(keyOf(campaignId, userId))?.status === 'sending') this.escalations.delete(keyOf(campaignId, userId));
    }
  }

  async settleEscalations(
    campaignId: string,
    userIds: readonly string[],
    outcome: { status: 'sent' } | { status: 'failed'; reason: string },
  ): Promise<void> {
    for (const userId of userIds) {
      const escalation = this.escalations.get(keyOf(campaignId, userId));
      if (!escalation) continue;
      escalation.status = outcome.status;
      if (outcome.status === 'failed') escalation.reason = outcome.reason;
      else delete escalation.reason;
    }
  }

  /** How one person's escalation stands (undefined when they were never claimed), for tests to look at. */
  escalationOf(campaignId: string, userId: string): Readonly<Escalation> | undefined {
    const escalation = this.escalations.get(keyOf(campaignId, userId));
    return escalation && { ...escalation };
  }

  private escalationsOf(campaignId: string): Escalation[] {
    if (!isGuid(campaignId)) return [];
    return [...this.escalations.values()].filter((escalation) => escalation.campaignId === campaignId.toLowerCase());
  }
}

const keyOf = (campaignId: string, userId: string) => `${campaignId.toLowerCase()} ${userId}`;
const managersOf = (escalations: readonly Escalation[]) => new Set(escalations.map((escalation) => escalation.managerId)).size;

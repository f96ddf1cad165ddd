/** Which people of a campaign were escalated to their manager: claimed before the card, so each is told once. */
export interface EscalationLedger {
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
}

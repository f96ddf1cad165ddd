import { groupFacts, type DeliveryFact } from './campaign-funnel';

/** One direct report a manager is told about. */
export interface EscalatedReport {
  userId: string;
  displayName: string;
  userPrincipalName: string;
  unansweredNudges: number;
}

/** What one manager is sent: their own direct reports only, from one campaign, in one card. */
export interface ManagerSummary {
  managerId: string;
  campaignName: string;
  deadline?: string;
  reports: EscalatedReport[];
}

/**
 * Who is due to be escalated, grouped by manager: people with at least `escalateAfter` nudges of this campaign
 * delivered by `answerableBy` (each had time to be answered) and left unanswered, still not enrolled, with a
 * manager in the directory other than themselves, and not told about before (`already`).
 */
export function dueEscalations(
  facts: readonly DeliveryFact[],
  escalateAfter: number,
  answerableBy: Date,
  already: ReadonlySet<string>,
): Map<string, EscalatedReport[]> {
  const byPerson = groupFacts(facts, (fact) => fact.userId);
  const byManager = new Map<string, EscalatedReport[]>();
  for (const [userId, personFacts] of byPerson) {
    if (already.has(userId) || personFacts.some((fact) => fact.enrolledAt)) continue;
    const latest = personFacts[personFacts.length - 1]!;
    const managerId = latest.managerId;
    if (!managerId || managerId === userId || !latest.userPrincipalName) continue;
    const unanswered = personFacts.filter(
      (fact) => fact.status === 'sent' && fact.sentAt && fact.sentAt.getTime() <= answerableBy.getTime() && !fact.answered,
    ).length;
    if (unanswered < escalateAfter) continue;
    const report = {
      userId,
      displayName: latest.displayName ?? latest.userPrincipalName,
      userPrincipalName: latest.userPrincipalName,
      unansweredNudges: unanswered,
    };
    const list = byManager.get(managerId);
    if (list) list.push(report);
    else byManager.set(managerId, [report]);
  }
  return byManager;
}

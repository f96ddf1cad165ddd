import { dueEscalations, type EscalatedReport, type ManagerSummary } from '../domain/campaigns/campaign-escalation';
import type { CampaignRecords } from '../domain/ports/campaign-store';
import type { CampaignReports } from '../domain/ports/campaign-reports';
import type { EscalationLedger } from '../domain/ports/escalation-ledger';
import type { DeliveryOutcome, NudgeMessenger } from '../domain/ports/nudge-delivery';
import { budgetGate } from '../domain/nudges/send-gates';
import type { SendPace } from '../domain/ports/send-gate';
import { reachPersonalChat, type PersonalChatDeps } from './reach-personal-chat';
import { messageOf } from '../domain/errors';

/** People whose deliveries are read at a time. */
const PEOPLE_PER_PAGE = 1000;

export interface EscalationDeps extends PersonalChatDeps {
  campaigns: Pick<CampaignRecords, 'get'> & Pick<CampaignReports, 'deliveryFactsOfPeople'> & EscalationLedger;
  messenger: Pick<NudgeMessenger, 'openPersonalChat' | 'sendManagerSummary'>;
  /** Waits for a place in the send budget: a manager's card is a send like any other. */
  pace: SendPace;
  now: () => Date;
  /** How long a nudge is given to be answered before it counts as unanswered. */
  graceMs: number;
  /** People whose deliveries are read at a time (default 1,000). */
  peoplePerPage?: number;
}

export interface EscalationReport {
  managersTold: number;
  peopleEscalated: number;
  /** Managers whose card failed for good (blocked the bot, app not installable): recorded, not retried. */
  managersFailed: number;
  /** Teams asked to slow down or did not answer: those people were released, to be escalated on a later try. */
  retryLater: boolean;
}

/**
 * Tells managers about their direct reports who left a campaign's nudges unanswered: after `escalateAfter`
 * unanswered nudges (each given `graceMs` to be answered) and still not set up, a person is listed on one card
 * to their manager, with any other of their reports due at the same time; never one card per nudge, and each
 * person once per campaign (claimed in the store first, so two instances cannot both send).
 */
export async function escalateUnanswered(deps: EscalationDeps, campaignId: string): Promise<EscalationReport> {
  const report: EscalationReport = { managersTold: 0, peopleEscalated: 0, managersFailed: 0, retryLater: false };
  const campaign = await deps.campaigns.get(campaignId);
  if (!campaign?.escalateAfter || campaign.status === 'cancelled') return report;
  const due = await dueOfCampaign(deps, campaign.id, campaign.escalateAfter);

  for (const [managerId, candidates] of due) {
    const claimed = new Set(
      await deps.campaigns.claimEscalations(
        campaign.id,
        managerId,
        candidates.map((c) => c.userId),
        deps.now(),
      ),
    );
    const reports = candidates.filter((c) => claimed.has(c.userId));
    if (reports.length === 0) continue;
    const ids = reports.map((r) => r.userId);
    const outcome = await tellManager(deps, managerId, {
      managerId,
      campaignName: campaign.name,
      ...(campaign.deadline ? { deadline: campaign.deadline } : {}),
      reports,
    });
    if (outcome.kind === 'sent') {
      await deps.campaigns.settleEscalations(campaign.id, ids, { status: 'sent' });
      report.managersTold += 1;
      report.peopleEscalated += reports.length;
    } else if (outcome.kind === 'throttled' || (outcome.kind === 'failed' && outcome.transient)) {
      await deps.campaigns.releaseEscalations(campaign.id, ids);
      report.retryLater = true;
    } else {
      // Refused for good, or uncertain (the card may be with the manager): settled either way, never sent again.
      const reason =
        outcome.kind === 'blocked'
          ? 'blocked'
          : outcome.kind === 'notInstallable'
            ? 'notInstallable'
            : outcome.kind === 'uncertain'
              ? `uncertain: ${outcome.reason}`
              : outcome.reason;
      await deps.campaigns.settleEscalations(campaign.id, ids, { status: 'failed', reason });
      report.managersFailed += 1;
    }
  }
  return report;
}

/**
 * Who is due, by manager, from the campaign's deliveries read a page of people at a time: a large campaign's facts
 * never all in memory, only those due (each manager's reports gathered across pages, so each manager gets one card).
 */
async function dueOfCampaign(deps: EscalationDeps, campaignId: string, escalateAfter: number): Promise<Map<string, EscalatedReport[]>> {
  const already = await deps.campaigns.escalated(campaignId);
  const answerableBy = new Date(deps.now().getTime() - deps.graceMs);
  const due = new Map<string, EscalatedReport[]>();
  let after: string | undefined;
  do {
    const page = await deps.campaigns.deliveryFactsOfPeople(campaignId, after, deps.peoplePerPage ?? PEOPLE_PER_PAGE);
    for (const [managerId, reports] of dueEscalations(page.facts, escalateAfter, answerableBy, already)) {
      const gathered = due.get(managerId);
      if (gathered) gathered.push(...reports);
      else due.set(managerId, reports);
    }
    after = page.next;
  } while (after !== undefined);
  return due;
}

/**
 * The manager's card, each request to Teams (a new chat, the card) in its place in the send budget, one at a time.
 * A failure other than Teams' answer (the database, a bug) becomes an outcome too, so the people claimed for this
 * card are never left claimed for good: before the card's request, nothing reached the manager and they are given
 * back for a later try; after it, the card may be with the manager, and they are settled as uncertain.
 */
async function tellManager(deps: EscalationDeps, managerId: string, summary: ManagerSummary): Promise<DeliveryOutcome> {
  let cardOnItsWay = false;
  try {
    const gate = budgetGate(deps.pace);
    const chat = await reachPersonalChat(deps, managerId, gate);
    if (chat.kind !== 'reached') return chat;
    const release = await gate.place('card');
    try {
      cardOnItsWay = true;
      return await deps.messenger.sendManagerSummary(chat.reference, summary);
    } finally {
      release();
    }
  } catch (error) {
    const reason = messageOf(error);
    return cardOnItsWay ? { kind: 'uncertain', reason } : { kind: 'failed', reason, transient: true };
  }
}

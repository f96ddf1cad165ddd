import type { DeliveryStatus } from './campaign-run';
import { waitingSummary, type WaitingSummary } from './campaign-waiting';

/** What happened to one person's delivery in one run, and what they did after it, as the store reads it. */
export interface DeliveryFact {
  runId: string;
  userId: string;
  status: DeliveryStatus;
  /** Why it failed or was skipped. */
  reason?: string;
  sentAt?: Date;
  /** Any action on the card: shown (Teams refreshes it when it is seen), "I've done it", snooze, help. */
  opened: boolean;
  /** The person did something with the card: "I've done it", a snooze, or "I need help" (being shown is not an answer). */
  answered: boolean;
  snoozed: boolean;
  /**
   * When strong MFA was confirmed after this nudge: by a live check (their "I've done it", or a later nudge's
   * check), or else by the latest scan, if it ran after the nudge and found them strong (then the scan's time:
   * the latest it can have been). For a card to an owner of accounts that send mail with a password: when the owner
   * moved every account on it off the password, as the latest read of the sign-in log shows.
   */
  enrolledAt?: Date;
  /** As the latest scan names them (absent when they have left the directory since). */
  userPrincipalName?: string;
  displayName?: string;
  /** Their manager's object id, as the latest scan read it, for escalation. */
  managerId?: string;
  /** When a delivery still waiting (pending, or on its way) is due. */
  dueAt?: Date;
}

export interface CampaignFunnel {
  /** People in the audience. */
  targeted: number;
  /** People whose nudge reached Teams. */
  delivered: number;
  /** Not sent yet: waiting for their window, their cap, Teams' rate, or a retry. */
  waiting: number;
  /** Why they wait and when each is due, when anyone waits. */
  waitingDetail?: WaitingSummary;
  /** Failed for good, by reason (blocked the bot, app not installable, …). */
  failed: number;
  failedBy: Record<string, number>;
  /** The sending instance stopped mid-send: it may or may not have arrived, and is never sent twice. */
  uncertain: number;
  /** Not needed any more (enrolled before it went, left the directory, cap reached) or cancelled. */
  skipped: number;
  cancelled: number;
  opened: number;
  snoozed: number;
  /** People who got to strong MFA after a nudge of this campaign reached them (or, owners of password senders, moved off it). */
  enrolled: number;
  /** From their first delivered nudge to strong MFA, over those enrolled; absent when nobody has. */
  medianMinutesToEnrol?: number;
}

/** A campaign's figures for the list: the funnel's people targeted, delivered and enrolled, nothing else. */
export type CampaignHeadline = Pick<CampaignFunnel, 'targeted' | 'delivered' | 'enrolled'>;

/** Facts grouped by a key (the person, the run), each group in the order given. */
export function groupFacts(facts: readonly DeliveryFact[], key: (fact: DeliveryFact) => string): Map<string, DeliveryFact[]> {
  const groups = new Map<string, DeliveryFact[]>();
  for (const fact of facts) {
    const group = groups.get(key(fact));
    if (group) group.push(fact);
    else groups.set(key(fact), [fact]);
  }
  return groups;
}

/** When one person has several deliveries (recurring runs), the furthest they got is what counts. */
const PROGRESS: readonly DeliveryStatus[] = ['cancelled', 'skipped', 'failed', 'pending', 'sending', 'uncertain', 'sent'];

/**
 * The funnel of a set of deliveries, counted per person: a campaign's as a whole (a person nudged in three runs
 * counts once), or one run's (each person appears once in a run anyway).
 */
export function campaignFunnel(facts: readonly DeliveryFact[]): CampaignFunnel {
  const byPerson = groupFacts(facts, (fact) => fact.userId);
  const funnel: CampaignFunnel = {
    targeted: byPerson.size,
    delivered: 0,
    waiting: 0,
    failed: 0,
    failedBy: {},
    uncertain: 0,
    skipped: 0,
    cancelled: 0,
    opened: 0,
    snoozed: 0,
    enrolled: 0,
  };
  const minutesToEnrol: number[] = [];
  const waiting: DeliveryFact[] = [];
  for (const personFacts of byPerson.values()) {
    const furthest = personFacts.reduce((best, fact) => (PROGRESS.indexOf(fact.status) > PROGRESS.indexOf(best.status) ? fact : best));
    switch (furthest.status) {
      case 'sent':
        funnel.delivered += 1;
        break;
      case 'pending':
      case 'sending':
        funnel.waiting += 1;
        waiting.push(furthest);
        break;
      case 'uncertain':
        funnel.uncertain += 1;
        break;
      case 'failed': {
        funnel.failed += 1;
        const reason = furthest.reason ?? 'unknown';
        funnel.failedBy[reason] = (funnel.failedBy[reason] ?? 0) + 1;
        break;
      }
      case 'skipped':
        funnel.skipped += 1;
        break;
      case 'cancelled':
        funnel.cancelled += 1;
        break;
    }
    if (personFacts.some((fact) => fact.opened)) funnel.opened += 1;
    if (personFacts.some((fact) => fact.snoozed)) funnel.snoozed += 1;
    const sent = personFacts.filter((fact) => fact.sentAt).map((fact) => fact.sentAt!.getTime());
    const enrolled = personFacts.filter((fact) => fact.enrolledAt).map((fact) => fact.enrolledAt!.getTime());
    if (sent.length > 0 && enrolled.length > 0) {
      funnel.enrolled += 1;
      minutesToEnrol.push((Math.min(...enrolled) - Math.min(...sent)) / 60_000);
    }
  }
  if (waiting.length > 0) funnel.waitingDetail = waitingSummary(waiting);
  const median = medianOf(minutesToEnrol);
  return median === undefined ? funnel : { ...funnel, medianMinutesToEnrol: median };
}

function medianOf(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

import type { DeliveryStatus } from './campaign-run';
import { waitingSummaryOf, WAITING_PEOPLE_SHOWN, type StatusGroup, type WaitingFact, type WaitingSummary } from './campaign-waiting';

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
export const PROGRESS: readonly DeliveryStatus[] = ['cancelled', 'skipped', 'failed', 'pending', 'sending', 'uncertain', 'sent'];

/** How far a delivery got, for choosing each person's furthest (a store ranks them the same way). */
export const progressOf = (status: DeliveryStatus): number => PROGRESS.indexOf(status);

/**
 * A funnel's people counted, each person once: what a store can count where the deliveries are (campaignFunnel
 * counts the same from every fact). `byStatus`: people by their furthest delivery's status and reason, with the
 * soonest due among those waiting; `nextWaiting`: the first few waiting, soonest first (then by id).
 */
export interface FunnelCounts {
  targeted: number;
  byStatus: StatusGroup[];
  opened: number;
  snoozed: number;
  enrolled: number;
  medianMinutesToEnrol?: number;
  nextWaiting: WaitingFact[];
}

/** Nobody counted: a run with no delivery (its audience was empty). */
export const noPeopleCounted = (): FunnelCounts => ({ targeted: 0, byStatus: [], opened: 0, snoozed: 0, enrolled: 0, nextWaiting: [] });

const isWaiting = (status: DeliveryStatus) => status === 'pending' || status === 'sending';

/** The funnel of counted people. */
export function funnelOfCounts(counts: FunnelCounts): CampaignFunnel {
  const funnel: CampaignFunnel = {
    targeted: counts.targeted,
    delivered: 0,
    waiting: 0,
    failed: 0,
    failedBy: {},
    uncertain: 0,
    skipped: 0,
    cancelled: 0,
    opened: counts.opened,
    snoozed: counts.snoozed,
    enrolled: counts.enrolled,
  };
  for (const group of counts.byStatus) {
    if (group.status === 'sent') funnel.delivered += group.people;
    else if (isWaiting(group.status)) funnel.waiting += group.people;
    else funnel[group.status] += group.people;
    if (group.status === 'failed') {
      const reason = group.reason ?? 'unknown';
      funnel.failedBy[reason] = (funnel.failedBy[reason] ?? 0) + group.people;
    }
  }
  const waiting = counts.byStatus.filter((group) => isWaiting(group.status));
  if (funnel.waiting > 0) funnel.waitingDetail = waitingSummaryOf(waiting, counts.nextWaiting);
  return counts.medianMinutesToEnrol === undefined ? funnel : { ...funnel, medianMinutesToEnrol: counts.medianMinutesToEnrol };
}

/**
 * The funnel of a set of deliveries, counted per person: a campaign's as a whole (a person nudged in three runs
 * counts once), or one run's (each person appears once in a run anyway).
 */
export function campaignFunnel(facts: readonly DeliveryFact[]): CampaignFunnel {
  return funnelOfCounts(funnelCountsOf(facts));
}

/** What a store counts, counted from every fact. */
export function funnelCountsOf(facts: readonly DeliveryFact[]): FunnelCounts {
  const byPerson = groupFacts(facts, (fact) => fact.userId);
  const counts: FunnelCounts = { ...noPeopleCounted(), targeted: byPerson.size };
  const groups = new Map<string, StatusGroup>();
  const minutesToEnrol: number[] = [];
  const waiting: DeliveryFact[] = [];
  for (const personFacts of byPerson.values()) {
    const furthest = personFacts.reduce((best, fact) => (progressOf(fact.status) > progressOf(best.status) ? fact : best));
    const key = `${furthest.status}\u0000${furthest.reason ?? ''}`;
    const group = groups.get(key) ?? { status: furthest.status, ...(furthest.reason ? { reason: furthest.reason } : {}), people: 0 };
    group.people += 1;
    if (isWaiting(furthest.status) && furthest.dueAt && !(group.soonest && group.soonest <= furthest.dueAt)) group.soonest = furthest.dueAt;
    groups.set(key, group);
    if (isWaiting(furthest.status)) waiting.push(furthest);
    if (personFacts.some((fact) => fact.opened)) counts.opened += 1;
    if (personFacts.some((fact) => fact.snoozed)) counts.snoozed += 1;
    const sent = personFacts.filter((fact) => fact.sentAt).map((fact) => fact.sentAt!.getTime());
    const enrolled = personFacts.filter((fact) => fact.enrolledAt).map((fact) => fact.enrolledAt!.getTime());
    if (sent.length > 0 && enrolled.length > 0) {
      counts.enrolled += 1;
      minutesToEnrol.push((Math.min(...enrolled) - Math.min(...sent)) / 60_000);
    }
  }
  counts.byStatus = [...groups.values()];
  counts.nextWaiting = firstWaiting(waiting);
  const median = medianOf(minutesToEnrol);
  return median === undefined ? counts : { ...counts, medianMinutesToEnrol: median };
}

/** The first few waiting, soonest first, then by id: the order a store answers them in. */
function firstWaiting(waiting: readonly DeliveryFact[]): DeliveryFact[] {
  return [...waiting]
    .sort((a, b) => (a.dueAt?.getTime() ?? 0) - (b.dueAt?.getTime() ?? 0) || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0))
    .slice(0, WAITING_PEOPLE_SHOWN);
}

function medianOf(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

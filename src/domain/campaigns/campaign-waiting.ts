import type { DeliveryFact } from './campaign-funnel';
import type { DeliveryStatus } from './campaign-run';

/**
 * Why a campaign's delivery has not gone yet, in terms a campaign manager can act on: the person's delivery window is
 * closed, the frequency cap holds them (they had a nudge lately), they snoozed, Teams asked to slow down, a passing
 * failure is to be tried again, it is due now and not yet picked up, or it is on its way.
 */
export type WaitingReason = 'window' | 'cap' | 'snoozed' | 'teamsRate' | 'retry' | 'due' | 'sending';

/** The order the status card lists them in: what the manager can change first. */
export const WAITING_REASONS: readonly WaitingReason[] = ['window', 'cap', 'snoozed', 'teamsRate', 'retry', 'due', 'sending'];

/** A waiting delivery's reason, from what its last try recorded (none: not tried yet). */
export function waitingReasonOf(fact: Pick<DeliveryFact, 'status' | 'reason'>): WaitingReason {
  if (fact.status === 'sending') return 'sending';
  switch (fact.reason) {
    case undefined:
      return 'due';
    case 'sendingHours':
      return 'window';
    case 'frequencyCap':
      return 'cap';
    case 'snoozed':
      return 'snoozed';
    case 'throttled':
      return 'teamsRate';
    default:
      return 'retry';
  }
}

export interface WaitingPerson {
  userId: string;
  displayName?: string;
  reason: WaitingReason;
  /** When it is due again. */
  at?: Date;
}

/** Who waits, counted by reason (with the soonest time for each), and the first few people to be reached. */
export interface WaitingSummary {
  byReason: { reason: WaitingReason; people: number; soonest?: Date }[];
  next: WaitingPerson[];
}

export const WAITING_PEOPLE_SHOWN = 5;

/** What the summary shows of one waiting person: their furthest delivery. */
export type WaitingFact = Pick<DeliveryFact, 'userId' | 'displayName' | 'status' | 'reason' | 'dueAt'>;

/** People counted together by their delivery's status and what its last try recorded; `soonest`: the earliest due among those waiting. */
export interface StatusGroup {
  status: DeliveryStatus;
  reason?: string;
  people: number;
  soonest?: Date;
}

/**
 * Who waits, from the waiting people counted by status and reason (each group's people and soonest time) and the
 * first few to be reached, soonest first: nobody is held in memory but those few, whatever the campaign's size.
 */
export function waitingSummaryOf(groups: readonly StatusGroup[], next: readonly WaitingFact[]): WaitingSummary {
  const byReason = WAITING_REASONS.flatMap((reason) => {
    const these = groups.filter((group) => waitingReasonOf(group) === reason);
    const people = these.reduce((sum, group) => sum + group.people, 0);
    if (people === 0) return [];
    const times = these.flatMap((group) => (group.soonest ? [group.soonest.getTime()] : []));
    const soonest = times.length > 0 ? times.reduce((a, b) => Math.min(a, b)) : undefined;
    return [{ reason, people, ...(soonest !== undefined ? { soonest: new Date(soonest) } : {}) }];
  });
  return {
    byReason,
    next: next.map((fact) => ({
      userId: fact.userId,
      ...(fact.displayName ? { displayName: fact.displayName } : {}),
      reason: waitingReasonOf(fact),
      ...(fact.dueAt ? { at: fact.dueAt } : {}),
    })),
  };
}

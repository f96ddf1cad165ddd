import type { DeliveryFact } from './campaign-funnel';

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

/** One fact per waiting person (the furthest of their deliveries). */
export function waitingSummary(facts: readonly DeliveryFact[], shown = WAITING_PEOPLE_SHOWN): WaitingSummary {
  const people: WaitingPerson[] = facts.map((fact) => ({
    userId: fact.userId,
    ...(fact.displayName ? { displayName: fact.displayName } : {}),
    reason: waitingReasonOf(fact),
    ...(fact.dueAt ? { at: fact.dueAt } : {}),
  }));
  const byReason = WAITING_REASONS.flatMap((reason) => {
    const these = people.filter((person) => person.reason === reason);
    if (these.length === 0) return [];
    const times = these.flatMap((person) => (person.at ? [person.at.getTime()] : []));
    return [{ reason, people: these.length, ...(times.length > 0 ? { soonest: new Date(Math.min(...times)) } : {}) }];
  });
  const next = [...people]
    .sort((a, b) => (a.at?.getTime() ?? 0) - (b.at?.getTime() ?? 0) || a.userId.localeCompare(b.userId))
    .slice(0, shown);
  return { byReason, next };
}

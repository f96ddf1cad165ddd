/**
 * How people may put a nudge off: for one of `choicesDays`, at most `maxPerSeries` times before the nudges
 * for the same gap (one series) stop offering it.
 */
export interface SnoozePolicy {
  choicesDays: number[];
  maxPerSeries: number;
}

/** Three snoozes of up to a week leave room for holidays without letting a gap be put off for ever. */
export const DEFAULT_SNOOZE_POLICY: SnoozePolicy = { choicesDays: [1, 3, 7], maxPerSeries: 3 };

export type SnoozeDecision =
  | { kind: 'snoozed'; until: Date; used: number; remaining: number; wasLast: boolean }
  | { kind: 'refused'; reason: 'not-a-choice' | 'no-snoozes-left' };

/** A longer snooze than a month is a refusal in disguise; the admin should turn nudges off instead. */
const MAX_SNOOZE_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * `days` comes from the card's submitted data, which the client can forge: only a number, or a string of
 * digits, that is exactly one of the offered choices is taken.
 */
export function decideSnooze(now: Date, days: unknown, snoozesUsed: number, policy: SnoozePolicy): SnoozeDecision {
  checkUsed(snoozesUsed);
  if (snoozesUsed >= policy.maxPerSeries) return { kind: 'refused', reason: 'no-snoozes-left' };
  const chosen = typeof days === 'number' ? days : typeof days === 'string' && /^\s*\d+\s*$/.test(days) ? Number(days) : NaN;
  if (!policy.choicesDays.includes(chosen)) return { kind: 'refused', reason: 'not-a-choice' };
  const used = snoozesUsed + 1;
  const remaining = policy.maxPerSeries - used;
  return { kind: 'snoozed', until: new Date(now.getTime() + chosen * DAY_MS), used, remaining, wasLast: remaining === 0 };
}

/** What the next nudge's card may offer, so it can say "last snooze"; null when no snooze is left. */
export function snoozeOffer(
  snoozesUsed: number,
  policy: SnoozePolicy,
): { choicesDays: number[]; remaining: number; nextIsLast: boolean } | null {
  checkUsed(snoozesUsed);
  const remaining = policy.maxPerSeries - snoozesUsed;
  if (remaining <= 0 || policy.choicesDays.length === 0) return null;
  return { choicesDays: [...policy.choicesDays], remaining, nextIsLast: remaining === 1 };
}

/** Reads the settings: `choicesText` like "1,3,7" (sorted on the way in), `max` 0 to turn snoozing off. */
export function parseSnoozePolicy(choicesText: string, max: string | number): SnoozePolicy {
  const items = choicesText.split(',').map((item) => item.trim());
  if (items.every((item) => item === '')) {
    throw new Error('Snooze choices are empty: list days such as "1,3,7".');
  }
  const choicesDays: number[] = [];
  for (const item of items) {
    if (!/^\d+$/.test(item)) {
      throw new Error(`Snooze choices "${choicesText}": "${item}" is not a whole number of days.`);
    }
    const days = Number(item);
    if (days < 1 || days > MAX_SNOOZE_DAYS) {
      throw new Error(`Snooze choices "${choicesText}": ${days} is not between 1 and ${MAX_SNOOZE_DAYS} days.`);
    }
    if (choicesDays.includes(days)) throw new Error(`Snooze choices "${choicesText}" list ${days} more than once.`);
    choicesDays.push(days);
  }
  const maxText = String(max).trim();
  if (!/^\d+$/.test(maxText)) {
    throw new Error(`Maximum snoozes "${max}" is not a whole number (0 turns snoozing off).`);
  }
  return { choicesDays: choicesDays.sort((a, b) => a - b), maxPerSeries: Number(maxText) };
}

function checkUsed(snoozesUsed: number): void {
  if (!Number.isInteger(snoozesUsed) || snoozesUsed < 0) {
    throw new RangeError(`Snoozes used must be a whole number of at least 0, not ${snoozesUsed}.`);
  }
}

import { countedPeople, type PostureCounts } from './posture-counts';

/** What an admin reads on the posture card. Percentages are of the people counted in rates, to 0.1. */
export interface PostureFigures {
  /** People counted in rates (the denominator). */
  counted: number;
  /** Guests and disabled accounts left out by the rate policy. */
  excluded: number;
  strongPercent: number;
  /** Any MFA at all: strong, acceptable or weak. */
  anyMfaPercent: number;
  /** Only SMS, voice or email. */
  weakOnlyPercent: number;
  /** People with no MFA method (a count: these are the ones to chase first). */
  withNothing: number;
  criticalAdmins: number;
  /**
   * The readiness figures, present when the scan counted them (see PostureCounts): people relying on SMS and voice
   * alone, people with a phishing-resistant method (and its share), enabled admins and those of them with one.
   */
  phoneOnly?: number;
  phishingResistant?: number;
  phishingResistantPercent?: number;
  admins?: number;
  adminsPhishingResistant?: number;
}

/** Change since an earlier scan: percentage points for the rates, people for the counts. */
export interface PostureChange {
  strongPoints: number;
  anyMfaPoints: number;
  weakOnlyPoints: number;
  withNothing: number;
  criticalAdmins: number;
  counted: number;
  /** People; present only when both scans counted it. */
  phoneOnly?: number;
  /** Percentage points; present only when both scans counted it. */
  phishingResistantPoints?: number;
}

/**
 * `part` of `whole` as a percentage to one decimal, half up. Nobody counted gives 0 (the figures carry
 * `counted`, so a reader can tell "0 %" from "nobody to measure").
 */
export function percentOf(part: number, whole: number): number {
  if (whole <= 0) return 0;
  // 1000 * part is an exact integer, so the quotient is the correctly rounded double and a true .5 stays .5.
  return Math.round((1000 * part) / whole) / 10;
}

export function postureFigures(counts: PostureCounts): PostureFigures {
  const counted = countedPeople(counts);
  return {
    counted,
    excluded: counts.excluded,
    strongPercent: percentOf(counts.strong, counted),
    anyMfaPercent: percentOf(counts.strong + counts.acceptable + counts.weak, counted),
    weakOnlyPercent: percentOf(counts.weak, counted),
    withNothing: counts.none,
    criticalAdmins: counts.criticalAdmins,
    ...(counts.phoneOnly === undefined ? {} : { phoneOnly: counts.phoneOnly }),
    ...(counts.phishingResistant === undefined
      ? {}
      : { phishingResistant: counts.phishingResistant, phishingResistantPercent: percentOf(counts.phishingResistant, counted) }),
    ...(counts.admins === undefined || counts.adminsPhishingResistant === undefined
      ? {}
      : { admins: counts.admins, adminsPhishingResistant: counts.adminsPhishingResistant }),
  };
}

/**
 * Points are the difference of the rounded percentages, so the card's arithmetic adds up
 * (33.3 % → 36.7 % reads +3.4, not the +3.3 of the unrounded rates).
 */
export function postureChange(current: PostureCounts, previous: PostureCounts): PostureChange {
  const now = postureFigures(current);
  const before = postureFigures(previous);
  return {
    strongPoints: points(now.strongPercent, before.strongPercent),
    anyMfaPoints: points(now.anyMfaPercent, before.anyMfaPercent),
    weakOnlyPoints: points(now.weakOnlyPercent, before.weakOnlyPercent),
    withNothing: now.withNothing - before.withNothing,
    criticalAdmins: now.criticalAdmins - before.criticalAdmins,
    counted: now.counted - before.counted,
    ...(now.phoneOnly === undefined || before.phoneOnly === undefined ? {} : { phoneOnly: now.phoneOnly - before.phoneOnly }),
    ...(now.phishingResistantPercent === undefined || before.phishingResistantPercent === undefined
      ? {}
      : { phishingResistantPoints: points(now.phishingResistantPercent, before.phishingResistantPercent) }),
  };
}

function points(now: number, before: number): number {
  // Both have one decimal; rounding removes the binary noise of the subtraction (36.7 - 33.3 = 3.40…06).
  return Math.round((now - before) * 10) / 10;
}

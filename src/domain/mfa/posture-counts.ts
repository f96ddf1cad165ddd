import type { MethodKind } from './method-kind';

/** How many people sit at each strength; the unit every posture figure is computed from. */
export interface PostureCounts {
  strong: number;
  acceptable: number;
  weak: number;
  none: number;
  /**
   * Administrators who can sign in without strong MFA (see isCriticalAdmin), guests included: a count,
   * not a rate, so the rate policy does not hide them. Those who count in rates are also in their strength.
   */
  criticalAdmins: number;
  /** Guests and disabled accounts: known, but left out of the four counts above and of every rate. */
  excluded: number;
}

export const NO_COUNTS: PostureCounts = { strong: 0, acceptable: 0, weak: 0, none: 0, criticalAdmins: 0, excluded: 0 };

/** People counted in rates: the denominator of every percentage. */
export function countedPeople(counts: PostureCounts): number {
  return counts.strong + counts.acceptable + counts.weak + counts.none;
}

export function addCounts(a: PostureCounts, b: PostureCounts): PostureCounts {
  return {
    strong: a.strong + b.strong,
    acceptable: a.acceptable + b.acceptable,
    weak: a.weak + b.weak,
    none: a.none + b.none,
    criticalAdmins: a.criticalAdmins + b.criticalAdmins,
    excluded: a.excluded + b.excluded,
  };
}

/**
 * The directory's own registration totals (Graph's usersRegisteredByFeature), kept beside a scan's counts
 * as a cross-check: they count every user type and role the report covers, so they differ from the rates,
 * which leave guests out by default.
 */
export interface DirectoryTotals {
  /** Users the report covers (it leaves out disabled accounts). */
  totalUsers: number;
  mfaCapable: number;
  passwordlessCapable: number;
  ssprRegistered: number;
}

/** The aggregates kept from each completed scan, so trends survive the per-user state being overwritten. */
export interface PostureSnapshot {
  scanId: string;
  takenAt: Date;
  /** The report's own freshness: the newest lastUpdatedDateTime it returned. */
  reportUpdatedAt?: Date;
  overall: PostureCounts;
  /** Keyed by department name; people without one are under "". */
  byDepartment: Record<string, PostureCounts>;
  /** People (counted in rates) who have each method registered. */
  byMethod: Partial<Record<MethodKind, number>>;
  /** Read at the end of the scan when the directory offers them (report mode); absent if it could not. */
  directoryTotals?: DirectoryTotals;
}

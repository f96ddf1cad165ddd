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
  /*
   * The four below are absent in snapshots taken before MFA Coach counted them: a trend never compares a figure
   * with one that was not counted.
   */
  /** People counted in rates whose MFA is SMS and/or voice only (isPhoneOnly): what stops on the retirement date. */
  phoneOnly?: number;
  /** People counted in rates with at least one phishing-resistant method (isPhishingResistant). */
  phishingResistant?: number;
  /** Administrators whose account is enabled, guests included (as criticalAdmins): the denominator for the next. */
  admins?: number;
  /** Those administrators with a phishing-resistant method: CISA's SCuBA baseline asks for it of privileged roles first. */
  adminsPhishingResistant?: number;
}

export const NO_COUNTS: PostureCounts = {
  strong: 0,
  acceptable: 0,
  weak: 0,
  none: 0,
  criticalAdmins: 0,
  excluded: 0,
  phoneOnly: 0,
  phishingResistant: 0,
  admins: 0,
  adminsPhishingResistant: 0,
};

/** People counted in rates: the denominator of every percentage. */
export function countedPeople(counts: PostureCounts): number {
  return counts.strong + counts.acceptable + counts.weak + counts.none;
}

/** Everyone a scan kept, counted in rates or not (guests and disabled accounts): an export's rows. */
export function keptPeople(counts: PostureCounts): number {
  return countedPeople(counts) + counts.excluded;
}

export function addCounts(a: PostureCounts, b: PostureCounts): PostureCounts {
  return {
    strong: a.strong + b.strong,
    acceptable: a.acceptable + b.acceptable,
    weak: a.weak + b.weak,
    none: a.none + b.none,
    criticalAdmins: a.criticalAdmins + b.criticalAdmins,
    excluded: a.excluded + b.excluded,
    ...optionalSum('phoneOnly', a, b),
    ...optionalSum('phishingResistant', a, b),
    ...optionalSum('admins', a, b),
    ...optionalSum('adminsPhishingResistant', a, b),
  };
}

type OptionalCount = 'phoneOnly' | 'phishingResistant' | 'admins' | 'adminsPhishingResistant';

/** A figure one side did not count stays uncounted: a sum of known and unknown is unknown. */
function optionalSum(key: OptionalCount, a: PostureCounts, b: PostureCounts): Partial<PostureCounts> {
  const x = a[key];
  const y = b[key];
  return x === undefined || y === undefined ? {} : { [key]: x + y };
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

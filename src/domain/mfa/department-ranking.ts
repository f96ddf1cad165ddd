import { addCounts, countedPeople, NO_COUNTS, type PostureCounts } from './posture-counts';
import { percentOf, postureFigures, type PostureFigures } from './posture-figures';

/** Departments with fewer people counted than this are not shown on their own. */
export const DEFAULT_MINIMUM_DEPARTMENT_SIZE = 5;

export interface DepartmentRow {
  /** `unassigned`: people without a department; `other`: small departments merged. */
  kind: 'department' | 'unassigned' | 'other';
  /** The department's name; '' when unassigned, 'Other' for the merged bucket. */
  name: string;
  /** How many departments the row stands for (more than 1 only for `other`). */
  departments: number;
  counts: PostureCounts;
  figures: PostureFigures;
  /** Share of the counted people without strong MFA, in percent (to 0.1). */
  gapPercent: number;
}

export interface DepartmentRanking {
  /** Largest gap first (ties: the bigger department first, then by name); the merged bucket last. */
  rows: DepartmentRow[];
  /**
   * Small departments whose merged bucket would itself be under the minimum, so it is not shown either:
   * showing it would single out the few people in it. They still count in the tenant's figures.
   */
  withheld?: { departments: number; people: number };
}

/**
 * Ranks departments by gap. Size is the number of people counted in rates (the rates' denominator);
 * departments with nobody counted have no rate and are left out.
 */
export function rankDepartments(
  byDepartment: Readonly<Record<string, PostureCounts>> | ReadonlyMap<string, PostureCounts>,
  minimumSize: number = DEFAULT_MINIMUM_DEPARTMENT_SIZE,
): DepartmentRanking {
  const entries = byDepartment instanceof Map ? [...byDepartment.entries()] : Object.entries(byDepartment);
  const shown: DepartmentRow[] = [];
  let small = { departments: 0, counts: NO_COUNTS };
  for (const [name, counts] of entries) {
    const size = countedPeople(counts);
    if (size === 0) continue;
    if (size < minimumSize) {
      small = { departments: small.departments + 1, counts: addCounts(small.counts, counts) };
      continue;
    }
    shown.push(row(name === '' ? 'unassigned' : 'department', name, 1, counts));
  }
  shown.sort(byGapThenSize);
  if (small.departments === 0) return { rows: shown };
  const smallPeople = countedPeople(small.counts);
  if (smallPeople < minimumSize) return { rows: shown, withheld: { departments: small.departments, people: smallPeople } };
  return { rows: [...shown, row('other', 'Other', small.departments, small.counts)] };
}

function row(kind: DepartmentRow['kind'], name: string, departments: number, counts: PostureCounts): DepartmentRow {
  const size = countedPeople(counts);
  return { kind, name, departments, counts, figures: postureFigures(counts), gapPercent: percentOf(size - counts.strong, size) };
}

/** Compares the exact fractions (cross-multiplied), so rounding never invents or hides a tie. */
function byGapThenSize(a: DepartmentRow, b: DepartmentRow): number {
  const aSize = countedPeople(a.counts);
  const bSize = countedPeople(b.counts);
  const gap = (bSize - b.counts.strong) * aSize - (aSize - a.counts.strong) * bSize;
  if (gap !== 0) return gap;
  if (aSize !== bSize) return bSize - aSize;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

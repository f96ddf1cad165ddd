import { DEFAULT_MINIMUM_DEPARTMENT_SIZE } from '../domain/mfa/department-ranking';
import type { MethodKind } from '../domain/mfa/method-kind';
import { countedPeople, type DirectoryTotals, type PostureCounts } from '../domain/mfa/posture-counts';
import { postureChange, postureFigures, type PostureChange, type PostureFigures } from '../domain/mfa/posture-figures';
import type { PostureStore, ScanRun } from '../domain/ports/posture-store';

export interface PostureReadDeps {
  store: PostureStore;
  /** Departments with fewer people counted are not reported on their own (default 5). */
  minimumDepartmentSize?: number;
}

export interface Freshness {
  /** When the scan behind the figures finished. */
  takenAt: Date;
  /** The registration report's own lastUpdatedDateTime (it lags hours behind reality). */
  reportUpdatedAt?: Date;
  /** The latest scan, when it is not the one behind the figures (one running now, or one that failed). */
  latestScan?: ScanRun;
}

export type PostureSummary =
  /** No scan has completed yet; `latestScan` tells whether one is running or failed. */
  | { kind: 'noScanYet'; latestScan?: ScanRun }
  | { kind: 'unknownDepartment'; department: string; knownDepartments: string[] }
  /** Too few people to show without singling them out. */
  | { kind: 'departmentTooSmall'; department: string; minimumSize: number }
  | {
      kind: 'summary';
      /** The department as the directory spells it; absent for the whole tenant. */
      department?: string;
      figures: PostureFigures;
      /** The people behind the figures, by strength. */
      counts: PostureCounts;
      /** Since the previous completed scan; absent on the first scan (or a department new since). */
      change?: PostureChange & { previousTakenAt: Date };
      /** The tenant only: how many people counted in rates have each method registered (one person, several methods). */
      byMethod?: Partial<Record<MethodKind, number>>;
      /** The tenant only: the directory's own registration totals, when the scan could read them. */
      directoryTotals?: DirectoryTotals;
      freshness: Freshness;
    };

/** The tenant's posture (or one department's, matched in any case) from the latest completed scan. */
export async function readPosture(deps: PostureReadDeps, department?: string): Promise<PostureSummary> {
  const [[current, previous], latestScan] = await Promise.all([deps.store.latestSnapshots(2), deps.store.latestScan()]);
  if (!current) return { kind: 'noScanYet', ...(latestScan ? { latestScan } : {}) };
  const freshness: Freshness = {
    takenAt: current.takenAt,
    ...(current.reportUpdatedAt ? { reportUpdatedAt: current.reportUpdatedAt } : {}),
    ...(latestScan && latestScan.id !== current.scanId ? { latestScan } : {}),
  };
  const earlier = previous ? { counts: previous.overall, takenAt: previous.takenAt } : undefined;
  if (department === undefined) {
    const { byMethod, directoryTotals } = current;
    return summary(current.overall, earlier, freshness, undefined, { byMethod, ...(directoryTotals ? { directoryTotals } : {}) });
  }

  const name = findDepartment(current.byDepartment, department);
  if (name === undefined) {
    const knownDepartments = Object.keys(current.byDepartment)
      .filter((known) => known !== '')
      .sort();
    return { kind: 'unknownDepartment', department, knownDepartments };
  }
  const minimumSize = deps.minimumDepartmentSize ?? DEFAULT_MINIMUM_DEPARTMENT_SIZE;
  const counts = current.byDepartment[name]!;
  if (countedPeople(counts) < minimumSize) return { kind: 'departmentTooSmall', department: name, minimumSize };
  const earlierDepartment = previous?.byDepartment[name] ? { counts: previous.byDepartment[name]!, takenAt: previous.takenAt } : undefined;
  return summary(counts, earlierDepartment, freshness, name);
}

function summary(
  counts: PostureCounts,
  previous: { counts: PostureCounts; takenAt: Date } | undefined,
  freshness: Freshness,
  department?: string,
  tenantOnly: { byMethod?: Partial<Record<MethodKind, number>>; directoryTotals?: DirectoryTotals } = {},
): PostureSummary {
  return {
    kind: 'summary',
    ...(department === undefined ? {} : { department }),
    figures: postureFigures(counts),
    counts,
    ...(previous ? { change: { ...postureChange(counts, previous.counts), previousTakenAt: previous.takenAt } } : {}),
    ...tenantOnly,
    freshness,
  };
}

function findDepartment(byDepartment: Record<string, PostureCounts>, wanted: string): string | undefined {
  const key = wanted.trim().toLowerCase();
  if (key === '') return undefined;
  return Object.keys(byDepartment).find((name) => name.toLowerCase() === key);
}

import { DEFAULT_MINIMUM_DEPARTMENT_SIZE, rankDepartments, type DepartmentRanking } from '../domain/mfa/department-ranking';
import type { PostureStore } from '../domain/ports/posture-store';

export type DepartmentRankingAnswer =
  { kind: 'noScanYet' } | { kind: 'ranking'; ranking: DepartmentRanking; minimumSize: number; takenAt: Date; reportUpdatedAt?: Date };

/** Departments ranked by gap from the latest completed scan, small ones merged (see rankDepartments). */
export async function readDepartmentRanking(deps: {
  store: PostureStore;
  minimumDepartmentSize?: number;
}): Promise<DepartmentRankingAnswer> {
  const [latest] = await deps.store.latestSnapshots(1);
  if (!latest) return { kind: 'noScanYet' };
  const minimumSize = deps.minimumDepartmentSize ?? DEFAULT_MINIMUM_DEPARTMENT_SIZE;
  return {
    kind: 'ranking',
    ranking: rankDepartments(latest.byDepartment, minimumSize),
    minimumSize,
    takenAt: latest.takenAt,
    ...(latest.reportUpdatedAt ? { reportUpdatedAt: latest.reportUpdatedAt } : {}),
  };
}

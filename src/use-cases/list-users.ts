import { STRENGTHS_STRONGEST_FIRST, type MfaStrength } from '../domain/mfa/mfa-strength';
import type { UserMfaStatus } from '../domain/mfa/user-registration';
import type { PostureStore } from '../domain/ports/posture-store';

export type UserListKind = 'unenrolled' | 'weak' | 'phone-only';

/**
 * Who each list holds: no MFA at all, only weak methods (SMS, voice, email), or SMS and voice alone (whatever
 * strength the tenant's policy gives them: what stops on the retirement date does not depend on it).
 */
const QUERIES: Record<UserListKind, { strengths: readonly MfaStrength[]; phoneOnly?: true }> = {
  unenrolled: { strengths: ['none'] },
  weak: { strengths: ['weak'] },
  'phone-only': { strengths: STRENGTHS_STRONGEST_FIRST, phoneOnly: true },
};

export type UserListPage =
  { kind: 'noScanYet' } | { kind: 'page'; users: UserMfaStatus[]; total: number; offset: number; takenAt: Date; reportUpdatedAt?: Date };

/** An admin's "unenrolled" or "weak" list, a page at a time, from the last scan (a department's, when named). */
export async function listUsers(
  deps: { store: Pick<PostureStore, 'latestSnapshots' | 'listUsers'> },
  request: { list: UserListKind; department?: string; offset: number; pageSize: number },
): Promise<UserListPage> {
  const [latest] = await deps.store.latestSnapshots(1);
  if (!latest) return { kind: 'noScanYet' };
  const offset = Math.max(0, request.offset);
  const page = await deps.store.listUsers({
    ...QUERIES[request.list],
    strengths: [...QUERIES[request.list].strengths],
    ...(request.department ? { department: request.department } : {}),
    offset,
    limit: request.pageSize,
  });
  return {
    kind: 'page',
    users: page.users,
    total: page.total,
    offset,
    takenAt: latest.takenAt,
    ...(latest.reportUpdatedAt ? { reportUpdatedAt: latest.reportUpdatedAt } : {}),
  };
}

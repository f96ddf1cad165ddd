import type { MethodKind } from './method-kind';
import { isPhishingResistant } from './mfa-strength';
import { isPhoneOnly } from './sms-voice-retirement';
import { addCounts, NO_COUNTS, type PostureCounts } from './posture-counts';
import type { UserMfaStatus } from './user-registration';

export interface PostureTally {
  overall: PostureCounts;
  /** '' = no department. */
  byDepartment: Record<string, PostureCounts>;
  byMethod: Partial<Record<MethodKind, number>>;
}

/**
 * The posture of a set of judged users, counted in memory. The SQL store counts the same way in the
 * database (a whole tenant never comes into memory); this is the rule it is tested against.
 */
export function countPosture(statuses: Iterable<UserMfaStatus>): PostureTally {
  let overall = NO_COUNTS;
  const byDepartment: Record<string, PostureCounts> = {};
  const byMethod: Partial<Record<MethodKind, number>> = {};
  for (const status of statuses) {
    const one = countsOf(status);
    overall = addCounts(overall, one);
    const department = status.department ?? '';
    byDepartment[department] = addCounts(byDepartment[department] ?? NO_COUNTS, one);
    if (!status.countsInRates) continue;
    for (const method of new Set(status.methods)) byMethod[method] = (byMethod[method] ?? 0) + 1;
  }
  return { overall, byDepartment, byMethod };
}

function countsOf(status: UserMfaStatus): PostureCounts {
  const resistant = isPhishingResistant(status.methods);
  const admin = status.isAdmin && status.accountEnabled !== false;
  const counts = {
    ...NO_COUNTS,
    criticalAdmins: status.isCriticalAdmin ? 1 : 0,
    admins: admin ? 1 : 0,
    adminsPhishingResistant: admin && resistant ? 1 : 0,
  };
  if (!status.countsInRates) return { ...counts, excluded: 1 };
  return {
    ...counts,
    [status.strength]: 1,
    phoneOnly: isPhoneOnly(status.methods) ? 1 : 0,
    phishingResistant: resistant ? 1 : 0,
  };
}

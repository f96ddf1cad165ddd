import type { PostureSnapshot } from '../../src/domain/mfa/posture-counts';
import type { UserMfaStatus } from '../../src/domain/mfa/user-registration';
import type { PostureStore } from '../../src/domain/ports/posture-store';

/** Someone as the latest scan keeps them, as far as `policy` looks: who they are, their type and account state. */
export interface ScannedPerson {
  id: string;
  displayName?: string;
  userType?: 'member' | 'guest';
  accountEnabled?: boolean;
}

/**
 * The two reads `policy` makes of the posture store: everyone of the latest scan (paged as the SQL store pages,
 * by display name) and when that scan was taken. None when `takenAt` is undefined and nobody is given.
 */
export function scannedPeople(
  people: readonly ScannedPerson[],
  takenAt: Date | undefined = new Date('2025-06-02T03:00:00Z'),
): Pick<PostureStore, 'listUsers' | 'latestSnapshots'> & { pagesRead: number } {
  const rows: UserMfaStatus[] = people
    .map((p) => ({
      id: p.id,
      userPrincipalName: `${p.id}@contoso.example`,
      displayName: p.displayName ?? `User ${p.id}`,
      userType: p.userType ?? 'member',
      accountEnabled: p.accountEnabled ?? true,
      isAdmin: false,
      isMfaCapable: false,
      isMfaRegistered: false,
      methods: [],
      strength: 'none' as const,
      isCriticalAdmin: false,
      countsInRates: (p.userType ?? 'member') === 'member' && p.accountEnabled !== false,
    }))
    .sort((a, b) => a.displayName.toLowerCase().localeCompare(b.displayName.toLowerCase()) || a.id.localeCompare(b.id));
  const store = {
    pagesRead: 0,
    async listUsers(query: Parameters<PostureStore['listUsers']>[0]) {
      store.pagesRead++;
      const matching = rows.filter((r) => query.strengths.includes(r.strength) && (query.includeExcluded || r.countsInRates));
      return { users: matching.slice(query.offset, query.offset + query.limit), total: matching.length };
    },
    async latestSnapshots(count: number): Promise<PostureSnapshot[]> {
      if (takenAt === undefined || count < 1) return [];
      return [{ scanId: '1', takenAt, overall: {} as PostureSnapshot['overall'], byDepartment: {}, byMethod: {} }];
    },
  };
  return store;
}

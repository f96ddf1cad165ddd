import type { PostureSnapshot } from '../../src/domain/mfa/posture-counts';
import type { UserMfaStatus } from '../../src/domain/mfa/user-registration';
import type { PostureStore, UserCursor } from '../../src/domain/ports/posture-store';

/** Someone as the latest scan keeps them, as far as `policy` looks: who they are, their type and account state. */
export interface ScannedPerson {
  id: string;
  displayName?: string;
  userType?: 'member' | 'guest';
  accountEnabled?: boolean;
}

/**
 * The reads `policy` makes of the posture store: everyone of the latest scan (a page after a key, as the SQL store
 * walks them, by display name then id), one person by id, and when that scan was taken. No scan when nobody is given.
 */
export function scannedPeople(
  people: readonly ScannedPerson[],
  takenAt: Date | undefined = new Date('2025-06-02T03:00:00Z'),
): Pick<PostureStore, 'usersOfScan' | 'latestSnapshots' | 'findUser'> & { pagesRead: number } {
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
    .sort(byKey);
  const store = {
    pagesRead: 0,
    async usersOfScan(scanId: string, after: UserCursor | undefined, limit: number) {
      store.pagesRead++;
      if (takenAt === undefined || scanId !== '1') return [];
      return rows.filter((row) => !after || byKey(row, after) > 0).slice(0, limit);
    },
    async findUser(id: string) {
      return rows.find((row) => row.id === id);
    },
    async latestSnapshots(count: number): Promise<PostureSnapshot[]> {
      if (takenAt === undefined || rows.length === 0 || count < 1) return [];
      return [{ scanId: '1', takenAt, overall: {} as PostureSnapshot['overall'], byDepartment: {}, byMethod: {} }];
    },
  };
  return store;
}

function byKey(a: { displayName: string; id: string }, b: { displayName: string; id: string }): number {
  const name = a.displayName.toLowerCase();
  const other = b.displayName.toLowerCase();
  return name < other ? -1 : name > other ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

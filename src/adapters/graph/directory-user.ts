import type { DirectoryEntry } from '../../domain/ports/directory';

/** The user properties walkPeople selects (Graph's default set leaves out department, accountEnabled, userType). */
export const PEOPLE_FIELDS = [
  'id',
  'userPrincipalName',
  'displayName',
  'givenName',
  'userType',
  'accountEnabled',
  'department',
  'jobTitle',
] as const;

/** `$expand` for the manager's id only: one request per page instead of one per user. */
export const MANAGER_EXPAND = 'manager($select=id)';

export type DirectoryUser = Partial<{
  id: string;
  userPrincipalName: string | null;
  displayName: string | null;
  givenName: string | null;
  userType: string | null;
  accountEnabled: boolean | null;
  department: string | null;
  jobTitle: string | null;
  manager: { id?: string } | null;
}>;

export function directoryEntry(user: DirectoryUser): DirectoryEntry {
  return {
    id: user.id ?? '',
    userPrincipalName: user.userPrincipalName ?? '',
    displayName: user.displayName ?? '',
    ...(user.givenName ? { givenName: user.givenName } : {}),
    userType: user.userType?.toLowerCase() === 'guest' ? 'guest' : 'member',
    // Graph always sends accountEnabled when selected; an account it says nothing about is not known to be disabled.
    accountEnabled: user.accountEnabled !== false,
    department: user.department || undefined,
    jobTitle: user.jobTitle || undefined,
    managerId: user.manager?.id || undefined,
  };
}

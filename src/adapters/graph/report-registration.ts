import type { UserRegistration } from '../../domain/mfa/user-registration';
import type { UnknownMethodTally } from './unknown-method-tally';
import { reportMethodKinds } from './report-method-kinds';
import { phoneTypesOf, reportPhoneTypes } from './phone-types';

/** The userRegistrationDetails properties a scan needs; `$select` asks for exactly these. */
export const REPORT_FIELDS = [
  'id',
  'userPrincipalName',
  'userDisplayName',
  'userType',
  'isAdmin',
  'isMfaRegistered',
  'isMfaCapable',
  'methodsRegistered',
  'lastUpdatedDateTime',
] as const;

export type ReportRow = Partial<{
  id: string;
  userPrincipalName: string | null;
  userDisplayName: string | null;
  userType: string | null;
  isAdmin: boolean | null;
  isMfaRegistered: boolean | null;
  isMfaCapable: boolean | null;
  methodsRegistered: string[] | null;
  lastUpdatedDateTime: string | null;
}>;

/** One report row as a UserRegistration. The report knows nothing of departments or account state: walkPeople adds those. */
export function reportRegistration(row: ReportRow, unknown?: UnknownMethodTally): UserRegistration {
  const updated = row.lastUpdatedDateTime ? new Date(row.lastUpdatedDateTime) : undefined;
  return {
    id: row.id ?? '',
    userPrincipalName: row.userPrincipalName ?? '',
    displayName: row.userDisplayName ?? '',
    userType: row.userType?.toLowerCase() === 'guest' ? 'guest' : 'member',
    isAdmin: row.isAdmin === true,
    isMfaCapable: row.isMfaCapable === true,
    isMfaRegistered: row.isMfaRegistered === true,
    methods: reportMethodKinds(row.methodsRegistered, unknown),
    ...phoneTypesOf(reportPhoneTypes(row.methodsRegistered)),
    reportUpdatedAt: updated && !Number.isNaN(updated.getTime()) ? updated : undefined,
  };
}

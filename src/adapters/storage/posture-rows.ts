import type { PhoneType } from '../../domain/mfa/sms-voice-retirement';
import type { MethodKind } from '../../domain/mfa/method-kind';
import type { MfaStrength } from '../../domain/mfa/mfa-strength';
import type { DirectoryTotals, PostureCounts, PostureSnapshot } from '../../domain/mfa/posture-counts';
import type { UserMfaStatus } from '../../domain/mfa/user-registration';
import type { ScanRun, ScanTrigger } from '../../domain/ports/posture-store';

// Rows of the posture tables as the drivers return them, and how they become domain values.

export interface ScanRunRow {
  id: string | number;
  trigger: ScanTrigger;
  requested_by: string | null;
  status: ScanRun['status'];
  started_at: Date;
  finished_at: Date | null;
  users: number | null;
  report_updated_at: Date | null;
  error: string | null;
}

export const SCAN_RUN_COLUMNS = 'id, trigger, requested_by, status, started_at, finished_at, users, report_updated_at, error';

export function toScanRun(row: ScanRunRow): ScanRun {
  return {
    id: String(row.id),
    trigger: row.trigger,
    ...(row.requested_by === null ? {} : { requestedBy: row.requested_by }),
    startedAt: new Date(row.started_at),
    ...(row.finished_at === null ? {} : { finishedAt: new Date(row.finished_at) }),
    status: row.status,
    ...(row.users === null ? {} : { users: row.users }),
    ...(row.report_updated_at === null ? {} : { reportUpdatedAt: new Date(row.report_updated_at) }),
    ...(row.error === null ? {} : { error: row.error }),
  };
}

export interface UserRow {
  id: string;
  user_principal_name: string;
  display_name: string;
  given_name: string | null;
  user_type: 'member' | 'guest';
  account_enabled: boolean;
  department: string | null;
  job_title: string | null;
  manager_id: string | null;
  is_admin: boolean;
  is_mfa_capable: boolean;
  is_mfa_registered: boolean;
  methods: string[];
  phone_types: string[] | null;
  strength: MfaStrength;
  is_critical_admin: boolean;
  counts_in_rates: boolean;
  report_updated_at: Date | null;
  in_report: boolean;
}

export const USER_COLUMNS = `id, user_principal_name, display_name, given_name, user_type, account_enabled, department, job_title,
  manager_id, is_admin, is_mfa_capable, is_mfa_registered, methods, phone_types, strength, is_critical_admin, counts_in_rates,
  report_updated_at, in_report`;

export function toUserStatus(row: UserRow): UserMfaStatus {
  return {
    id: row.id,
    userPrincipalName: row.user_principal_name,
    displayName: row.display_name,
    ...(row.given_name ? { givenName: row.given_name } : {}),
    userType: row.user_type,
    accountEnabled: row.account_enabled,
    isAdmin: row.is_admin,
    isMfaCapable: row.is_mfa_capable,
    isMfaRegistered: row.is_mfa_registered,
    methods: [...row.methods] as MethodKind[],
    ...(row.phone_types?.length ? { phoneTypes: [...row.phone_types] as PhoneType[] } : {}),
    ...(row.in_report === false ? { inReport: false } : {}),
    ...(row.department === null ? {} : { department: row.department }),
    ...(row.job_title === null ? {} : { jobTitle: row.job_title }),
    ...(row.manager_id === null ? {} : { managerId: row.manager_id }),
    ...(row.report_updated_at === null ? {} : { reportUpdatedAt: new Date(row.report_updated_at) }),
    strength: row.strength,
    isCriticalAdmin: row.is_critical_admin,
    countsInRates: row.counts_in_rates,
  };
}

export interface SnapshotRow {
  scan_id: string | number;
  taken_at: Date;
  report_updated_at: Date | null;
  overall: PostureCounts;
  by_department: Record<string, PostureCounts>;
  by_method: Partial<Record<MethodKind, number>>;
  directory_totals: DirectoryTotals | null;
}

export const SNAPSHOT_COLUMNS = 'scan_id, taken_at, report_updated_at, overall, by_department, by_method, directory_totals';

export function toSnapshot(row: SnapshotRow): PostureSnapshot {
  return {
    scanId: String(row.scan_id),
    takenAt: new Date(row.taken_at),
    ...(row.report_updated_at === null ? {} : { reportUpdatedAt: new Date(row.report_updated_at) }),
    overall: row.overall,
    byDepartment: row.by_department,
    byMethod: row.by_method,
    ...(row.directory_totals === null ? {} : { directoryTotals: row.directory_totals }),
  };
}

export interface DepartmentCountsRow extends PostureCounts {
  department: string;
}

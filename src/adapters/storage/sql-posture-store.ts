import type { MfaStrength } from '../../domain/mfa/mfa-strength';
import {
  addCounts,
  keptPeople,
  NO_COUNTS,
  type DirectoryTotals,
  type PostureCounts,
  type PostureSnapshot,
} from '../../domain/mfa/posture-counts';
import type { UserMfaStatus } from '../../domain/mfa/user-registration';
import type { DirectoryEntry } from '../../domain/ports/directory';
import {
  ScanNotRunningError,
  type ClassifiedRegistration,
  type PostureStore,
  type RatePolicy,
  type ScanRun,
  type ScanTrigger,
  type SnapshotTotals,
  type UserCursor,
  type UserQuery,
} from '../../domain/ports/posture-store';
import type { Database } from './database';
import * as sql from './posture-scan-sql';
import { FIND_USERS, LIST, LIST_OF_ONE_STRENGTH, USERS_OF_SCAN } from './posture-user-queries';
import {
  createScanPartition,
  dropScanPartitions,
  dropScanPartitionsExcept,
  lockScanPages,
  indexScanPartition,
  tidyScanPartition,
} from './scan-partitions';
import {
  SCAN_RUN_COLUMNS,
  SNAPSHOT_COLUMNS,
  toScanRun,
  toSnapshot,
  toUserStatus,
  USER_COLUMNS,
  type DepartmentCountsRow,
  type ScanRunRow,
  type SnapshotRow,
  type UserRow,
} from './posture-rows';

export interface SqlPostureStoreOptions {
  /** A running scan silent for longer than this is taken for dead when the next one starts (default 2 h). */
  staleAfterMs?: number;
}

export const DEFAULT_STALE_SCAN_MS = 2 * 60 * 60 * 1000;

/** `PostureStore` on PostgreSQL (PGlite or a server); see posture-scan-sql for how a scan is written. */
export class SqlPostureStore implements PostureStore {
  private readonly staleAfterMs: number;

  constructor(
    private readonly db: Database,
    options: SqlPostureStoreOptions = {},
  ) {
    this.staleAfterMs = options.staleAfterMs ?? DEFAULT_STALE_SCAN_MS;
  }

  async startScan(trigger: ScanTrigger, requestedBy: string | undefined, at: Date): Promise<{ started: ScanRun } | { running: ScanRun }> {
    const staleError = `Stopped without finishing: no progress for over ${describeDuration(this.staleAfterMs)} (the bot was probably restarted during the scan).`;
    // The running scan may finish between our refused insert and our read; then simply try again.
    for (let attempt = 0; attempt < 3; attempt++) {
      // One transaction: a scan row never exists without the partition its pages go to.
      const started = await this.db.transaction(async (tx) => {
        await lockScanPages(tx);
        const stale = await tx.query<{ id: string }>(sql.FAIL_STALE_SCANS, [at, this.staleAfterMs / 1000, staleError]);
        await dropScanPartitions(
          tx,
          stale.map((row) => row.id),
        );
        const [row] = await tx.query<ScanRunRow>(sql.INSERT_RUNNING_SCAN, [trigger, requestedBy ?? null, at]);
        if (row) await createScanPartition(tx, String(row.id));
        return row;
      });
      if (started) return { started: toScanRun(started) };
      const [running] = await this.db.query<ScanRunRow>(`SELECT ${SCAN_RUN_COLUMNS} FROM scan_runs WHERE status = 'running'`);
      if (running) return { running: toScanRun(running) };
    }
    throw new Error('Could not start a scan: scans kept starting and ending while trying');
  }

  async savePeople(scanId: string, people: readonly DirectoryEntry[]): Promise<void> {
    const rows = lastById(people, (person) => person.id).map((person) => ({
      id: person.id,
      user_principal_name: person.userPrincipalName,
      display_name: person.displayName,
      given_name: person.givenName ?? null,
      user_type: person.userType,
      account_enabled: person.accountEnabled,
      department: person.department ?? null,
      job_title: person.jobTitle ?? null,
      manager_id: person.managerId ?? null,
    }));
    await this.saveStaging(sql.SAVE_PEOPLE, scanId, rows);
  }

  async saveRegistrations(scanId: string, registrations: readonly ClassifiedRegistration[]): Promise<void> {
    const rows = lastById(registrations, (registration) => registration.id).map((registration) => ({
      user_id: registration.id,
      is_admin: registration.isAdmin,
      is_mfa_capable: registration.isMfaCapable,
      is_mfa_registered: registration.isMfaRegistered,
      methods: [...new Set(registration.methods)],
      phone_types: registration.phoneTypes?.length ? registration.phoneTypes : null,
      strength: registration.strength,
      report_updated_at: registration.reportUpdatedAt?.toISOString() ?? null,
    }));
    await this.saveStaging(sql.SAVE_REGISTRATIONS, scanId, rows);
  }

  async completeScan(
    scanId: string,
    at: Date,
    options: { reportUpdatedAt?: Date; directoryTotals?: DirectoryTotals; rates: RatePolicy },
  ): Promise<{ run: ScanRun; snapshot: PostureSnapshot }> {
    const completed = await this.db.transaction(async (tx) => {
      const locked = await tx.query(sql.LOCK_RUNNING_SCAN, [scanId]);
      if (locked.length === 0) throw new ScanNotRunningError(scanId);
      const policy = [options.rates.includeGuests, options.rates.includeDisabled];
      const departments = await tx.query<DepartmentCountsRow>(sql.COUNT_BY_DEPARTMENT, [scanId, ...policy, ...sql.countParameters()]);
      const methods = await tx.query<{ method: string; people: number }>(sql.COUNT_BY_METHOD, [scanId, ...policy]);
      const reportUpdatedAt = options.reportUpdatedAt;
      const snapshot = snapshotOf(scanId, at, reportUpdatedAt, departments, methods, options.directoryTotals);
      await tx.query(sql.INSERT_SNAPSHOT, [
        scanId,
        at,
        reportUpdatedAt ?? null,
        JSON.stringify(snapshot.overall),
        JSON.stringify(snapshot.byDepartment),
        JSON.stringify(snapshot.byMethod),
        options.directoryTotals ? JSON.stringify(options.directoryTotals) : null,
      ]);
      // Before the scan is current, so that no list ever reads it without them.
      await indexScanPartition(tx, scanId);
      const [run] = await tx.query<ScanRunRow>(sql.MARK_SUCCEEDED, [
        scanId,
        at,
        reportUpdatedAt ?? null,
        keptPeople(snapshot.overall),
        ...policy,
      ]);
      // The scan is current from the commit on; the previous state goes whole, with no rows to delete or vacuum.
      await dropScanPartitionsExcept(tx, scanId);
      return { run: toScanRun(run!), snapshot };
    });
    // Housekeeping only: the scan has completed, so a failure here must not report it as failed.
    await tidyScanPartition(this.db, scanId).catch(() => undefined);
    return completed;
  }

  async failScan(scanId: string, at: Date, error: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await lockScanPages(tx);
      // Only a scan that was still running: a partition of a scan that succeeded is the current state.
      const failed = await tx.query(sql.MARK_FAILED, [scanId, at, error]);
      if (failed.length > 0) await dropScanPartitions(tx, [scanId]);
    });
  }

  async latestScan(): Promise<ScanRun | undefined> {
    const [row] = await this.db.query<ScanRunRow>(`SELECT ${SCAN_RUN_COLUMNS} FROM scan_runs ORDER BY id DESC LIMIT 1`);
    return row ? toScanRun(row) : undefined;
  }

  async latestSnapshots(count: number): Promise<PostureSnapshot[]> {
    const rows = await this.db.query<SnapshotRow>(
      `SELECT ${SNAPSHOT_COLUMNS} FROM posture_snapshots ORDER BY taken_at DESC, scan_id DESC LIMIT $1`,
      [count],
    );
    return rows.map(toSnapshot);
  }

  async snapshotTotals(since: Date): Promise<SnapshotTotals[]> {
    const rows = await this.db.query<Pick<SnapshotRow, 'scan_id' | 'taken_at' | 'report_updated_at' | 'overall'>>(
      'SELECT scan_id, taken_at, report_updated_at, overall FROM posture_snapshots WHERE taken_at >= $1 ORDER BY taken_at, scan_id',
      [since],
    );
    return rows.map((row) => {
      const { scanId, takenAt, reportUpdatedAt, overall } = toSnapshot({
        ...row,
        by_department: {},
        by_method: {},
        directory_totals: null,
      });
      return { scanId, takenAt, ...(reportUpdatedAt ? { reportUpdatedAt } : {}), overall };
    });
  }

  async listUsers(query: UserQuery): Promise<{ users: UserMfaStatus[]; total: number }> {
    // One strength (the unenrolled, the weak) reads the list index in the list's order; several cannot.
    const one = query.strengths.length === 1;
    const statements = one ? LIST_OF_ONE_STRENGTH : LIST;
    const parameters = [
      one ? query.strengths[0] : ([...query.strengths] satisfies MfaStrength[]),
      query.department ?? null,
      query.includeExcluded ?? false,
      query.offset,
      query.limit,
      query.phoneOnly ?? false,
      ...sql.phoneOnlyParameters(),
      query.adminsOnly ?? false,
    ];
    const [rows, [counted]] = await Promise.all([
      this.db.query<UserRow>(statements.page, parameters),
      this.db.query<{ total: number }>(statements.count, parameters),
    ]);
    return { users: rows.map(toUserStatus), total: counted?.total ?? 0 };
  }

  async usersOfScan(scanId: string, after: UserCursor | undefined, limit: number): Promise<UserMfaStatus[]> {
    const rows = await this.db.query<UserRow>(USERS_OF_SCAN, [scanId, after?.displayName ?? '', after?.id ?? '', limit]);
    return rows.map(toUserStatus);
  }

  async reportCoverage(scanId: string): Promise<{ enabledMembers: number; covered: number }> {
    const [row] = await this.db.query<{ enabled_members: number; covered: number }>(
      `SELECT count(*)::int AS enabled_members, count(*) FILTER (WHERE in_report)::int AS covered
       FROM mfa_users WHERE scan_id = $1::bigint AND user_principal_name IS NOT NULL AND user_type = 'member' AND account_enabled`,
      [scanId],
    );
    return { enabledMembers: row?.enabled_members ?? 0, covered: row?.covered ?? 0 };
  }

  async findUser(id: string): Promise<UserMfaStatus | undefined> {
    const [row] = await this.db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM current_mfa_users WHERE id = $1`, [id]);
    return row ? toUserStatus(row) : undefined;
  }

  async findUsers(nameOrUpn: string, limit: number): Promise<UserMfaStatus[]> {
    const wanted = nameOrUpn.trim();
    // An empty prefix would match everyone.
    if (wanted === '') return [];
    const rows = await this.db.query<UserRow>(FIND_USERS, [wanted, limit]);
    return rows.map(toUserStatus);
  }

  private async saveStaging(statement: string, scanId: string, rows: readonly object[]): Promise<void> {
    const [result] = await this.db.query<{ live: number }>(statement, [scanId, JSON.stringify(rows)]);
    if (!result || result.live === 0) throw new ScanNotRunningError(scanId);
  }
}

/** A page may repeat someone (paging over a changing directory); the last word wins, as it would across pages. */
function lastById<T>(items: readonly T[], id: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [id(item), item])).values()];
}

function snapshotOf(
  scanId: string,
  takenAt: Date,
  reportUpdatedAt: Date | undefined,
  departments: readonly DepartmentCountsRow[],
  methods: readonly { method: string; people: number }[],
  directoryTotals: DirectoryTotals | undefined,
): PostureSnapshot {
  let overall = NO_COUNTS;
  const byDepartment: Record<string, PostureCounts> = {};
  for (const { department, ...counts } of departments) {
    byDepartment[department] = counts;
    overall = addCounts(overall, counts);
  }
  return {
    scanId,
    takenAt,
    ...(reportUpdatedAt ? { reportUpdatedAt: new Date(reportUpdatedAt) } : {}),
    overall,
    byDepartment,
    byMethod: Object.fromEntries(methods.map(({ method, people }) => [method, people])),
    ...(directoryTotals ? { directoryTotals } : {}),
  };
}

function describeDuration(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms % 1000 === 0) return `${ms / 1000} s`;
  return `${ms} ms`;
}

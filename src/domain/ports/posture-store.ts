import type { MfaStrength } from '../mfa/mfa-strength';
import type { DirectoryTotals, PostureSnapshot } from '../mfa/posture-counts';
import type { RatePolicy } from '../mfa/rate-policy';
import type { UserMfaStatus, UserRegistration } from '../mfa/user-registration';
import type { DirectoryEntry } from './directory';

export type { RatePolicy } from '../mfa/rate-policy';

export type ClassifiedRegistration = UserRegistration & { strength: MfaStrength };

export type ScanTrigger = 'schedule' | 'admin';

export type SnapshotTotals = Pick<PostureSnapshot, 'scanId' | 'takenAt' | 'reportUpdatedAt' | 'overall'>;

export interface ScanRun {
  id: string;
  trigger: ScanTrigger;
  /** Entra object id of the admin who asked, for on-demand scans. */
  requestedBy?: string;
  startedAt: Date;
  finishedAt?: Date;
  status: 'running' | 'succeeded' | 'failed';
  /** People kept by the scan (counted in rates or not). */
  users?: number;
  reportUpdatedAt?: Date;
  /** Why it failed, in words fit for an admin (no secrets, no stack). */
  error?: string;
}

export interface UserQuery {
  strengths: readonly MfaStrength[];
  /** Any case; '' means people without a department. */
  department?: string;
  /** Also list guests and disabled accounts, which are left out by default (as they are from the rates). */
  includeExcluded?: boolean;
  /** Only people whose MFA is SMS and/or voice alone (isPhoneOnly), whatever their strength. */
  phoneOnly?: boolean;
  /** Only people who hold an admin role (isAdmin). */
  adminsOnly?: boolean;
  offset: number;
  limit: number;
}

/** Where a walk over a scan's people stands: the last person it was given (list order is display name, then id). */
export interface UserCursor {
  displayName: string;
  id: string;
}

/** A scan that was declared dead (it stalled) or already ended was asked to save or complete. */
export class ScanNotRunningError extends Error {
  constructor(readonly scanId: string) {
    super(`Scan ${scanId} is no longer running (it ended, or it stalled and was declared failed)`);
    this.name = 'ScanNotRunningError';
  }
}

/**
 * Where scans keep the current per-user state and the dated snapshots of aggregates.
 * Only one scan runs at a time, across every bot instance on the database; the current state changes
 * only when a scan completes, so a failed scan leaves the previous one's state intact.
 */
export interface PostureStore {
  /**
   * Starts a scan, or says which one is already running. A running scan that has shown no sign of life
   * for longer than the store's stale limit (its process died) is marked failed first, so it cannot block forever.
   */
  startScan(trigger: ScanTrigger, requestedBy: string | undefined, at: Date): Promise<{ started: ScanRun } | { running: ScanRun }>;
  /** One page of the directory walk. Throws ScanNotRunningError when the scan is not running. */
  savePeople(scanId: string, people: readonly DirectoryEntry[]): Promise<void>;
  /** Registrations already judged by the policy (the use case classifies; the store only keeps). */
  saveRegistrations(scanId: string, registrations: readonly ClassifiedRegistration[]): Promise<void>;
  /**
   * Joins what this scan saw (people and registrations), forgets people it did not see, decides who counts
   * in rates and who is a critical admin, writes the snapshot, and marks the scan succeeded, all at once.
   * People the report left out (e.g. disabled accounts) are kept with strength 'none' and counted by `rates`.
   * Registrations of people the directory walk did not return are ignored (the walk is the roster).
   */
  completeScan(
    scanId: string,
    at: Date,
    options: { reportUpdatedAt?: Date; directoryTotals?: DirectoryTotals; rates: RatePolicy },
  ): Promise<{ run: ScanRun; snapshot: PostureSnapshot }>;
  /** Marks a running scan failed and drops what it saved; a scan that already ended is left as it is. */
  failScan(scanId: string, at: Date, error: string): Promise<void>;
  latestScan(): Promise<ScanRun | undefined>;
  /** The most recent snapshots, newest first (e.g. 2 for "change since the previous scan"). */
  latestSnapshots(count: number): Promise<PostureSnapshot[]>;
  /** Snapshots taken at or after `since`, oldest first, overall counts only (a year of them stays small). */
  snapshotTotals(since: Date): Promise<SnapshotTotals[]>;
  /** Ordered by display name (case-insensitive, code point order), then id. */
  listUsers(query: UserQuery): Promise<{ users: UserMfaStatus[]; total: number }>;
  /**
   * Up to `limit` people of a completed scan, everyone (guests and disabled accounts too), in listUsers' order,
   * those after `after`: a walk that costs the same on its last page as on its first. Empty once a newer scan has
   * replaced this one (its people are forgotten with it).
   */
  usersOfScan(scanId: string, after: UserCursor | undefined, limit: number): Promise<UserMfaStatus[]>;
  /** How many enabled members a running scan's directory listed, and how many of them the registration report covered. */
  reportCoverage(scanId: string): Promise<{ enabledMembers: number; covered: number }>;
  /** By UPN (exact, any case) or display name (starts with, any case); UPN matches first. */
  findUsers(nameOrUpn: string, limit: number): Promise<UserMfaStatus[]>;
  /** One person of the latest completed scan by Entra object id. */
  findUser(id: string): Promise<UserMfaStatus | undefined>;
}

import { isPhoneOnly, type PhoneType } from '../../src/domain/mfa/sms-voice-retirement';
import { DEFAULT_STALE_SCAN_MS } from '../../src/adapters/storage/sql-posture-store';
import { isCriticalAdmin } from '../../src/domain/mfa/classify-registration';
import { countPosture } from '../../src/domain/mfa/count-posture';
import type { MethodKind } from '../../src/domain/mfa/method-kind';
import type { MfaStrength } from '../../src/domain/mfa/mfa-strength';
import type { DirectoryTotals, PostureSnapshot } from '../../src/domain/mfa/posture-counts';
import { countsInRates, type RatePolicy } from '../../src/domain/mfa/rate-policy';
import type { UserMfaStatus } from '../../src/domain/mfa/user-registration';
import type { DirectoryEntry } from '../../src/domain/ports/directory';
import {
  ScanNotRunningError,
  type ClassifiedRegistration,
  type PostureStore,
  type ScanRun,
  type ScanTrigger,
  type SnapshotTotals,
  type UserCursor,
  type UserQuery,
} from '../../src/domain/ports/posture-store';

/** One person of one scan: the directory entry once the walk listed them, and the report's row (or its defaults). */
interface ScannedPerson {
  entry?: DirectoryEntry;
  isAdmin: boolean;
  isMfaCapable: boolean;
  isMfaRegistered: boolean;
  methods: MethodKind[];
  phoneTypes?: PhoneType[];
  strength: MfaStrength;
  inReport: boolean;
  reportUpdatedAt?: Date;
}

interface KeptScan {
  run: ScanRun;
  /** When it last showed a sign of life, by the process's clock (the SQL store goes by the database's). */
  aliveAt: number;
  /** The rate policy it completed under. */
  rates?: RatePolicy;
  /** Its people, until a later scan succeeds or it fails (the SQL store drops its partition then). */
  people?: Map<string, ScannedPerson>;
}

/** What every store instance shares, as bot instances share the database. */
export class InMemoryPostureData {
  readonly scans: KeptScan[] = [];
  readonly snapshots: PostureSnapshot[] = [];
}

export interface InMemoryPostureStoreOptions {
  /** A running scan silent for longer than this is taken for dead when the next one starts (default as the SQL store). */
  staleAfterMs?: number;
}

/** `PostureStore` in memory, held to the same contract as the SQL store. */
export class InMemoryPostureStore implements PostureStore {
  private readonly staleAfterMs: number;

  constructor(
    options: InMemoryPostureStoreOptions = {},
    private readonly data = new InMemoryPostureData(),
  ) {
    this.staleAfterMs = options.staleAfterMs ?? DEFAULT_STALE_SCAN_MS;
  }

  async startScan(trigger: ScanTrigger, requestedBy: string | undefined, at: Date): Promise<{ started: ScanRun } | { running: ScanRun }> {
    for (const scan of this.data.scans) {
      if (scan.run.status !== 'running' || scan.aliveAt >= Date.now() - this.staleAfterMs) continue;
      const error = `Stopped without finishing: no progress for over ${this.staleAfterMs} ms (the bot was probably restarted during the scan).`;
      scan.run = { ...scan.run, status: 'failed', finishedAt: new Date(at), error };
      delete scan.people;
    }
    const running = this.data.scans.find((scan) => scan.run.status === 'running');
    if (running) return { running: structuredClone(running.run) };
    const run: ScanRun = {
      id: String(this.data.scans.length + 1),
      trigger,
      ...(requestedBy === undefined ? {} : { requestedBy }),
      startedAt: new Date(at),
      status: 'running',
    };
    this.data.scans.push({ run, aliveAt: Date.now(), people: new Map() });
    return { started: structuredClone(run) };
  }

  async savePeople(scanId: string, people: readonly DirectoryEntry[]): Promise<void> {
    const scanned = this.running(scanId);
    for (const entry of people) {
      const { givenName, department, jobTitle, managerId } = entry;
      const person = scanned.get(entry.id) ?? notInReport();
      person.entry = {
        id: entry.id,
        userPrincipalName: entry.userPrincipalName,
        displayName: entry.displayName,
        userType: entry.userType,
        accountEnabled: entry.accountEnabled,
        ...(givenName === undefined ? {} : { givenName }),
        ...(department === undefined ? {} : { department }),
        ...(jobTitle === undefined ? {} : { jobTitle }),
        ...(managerId === undefined ? {} : { managerId }),
      };
      scanned.set(entry.id, person);
    }
  }

  async saveRegistrations(scanId: string, registrations: readonly ClassifiedRegistration[]): Promise<void> {
    const scanned = this.running(scanId);
    for (const registration of registrations) {
      const before = scanned.get(registration.id);
      scanned.set(registration.id, {
        ...(before?.entry ? { entry: before.entry } : {}),
        isAdmin: registration.isAdmin,
        isMfaCapable: registration.isMfaCapable,
        isMfaRegistered: registration.isMfaRegistered,
        methods: [...new Set(registration.methods)],
        ...(registration.phoneTypes?.length ? { phoneTypes: [...registration.phoneTypes] } : {}),
        strength: registration.strength,
        inReport: true,
        ...(registration.reportUpdatedAt ? { reportUpdatedAt: new Date(registration.reportUpdatedAt) } : {}),
      });
    }
  }

  async completeScan(
    scanId: string,
    at: Date,
    options: { reportUpdatedAt?: Date; directoryTotals?: DirectoryTotals; rates: RatePolicy },
  ): Promise<{ run: ScanRun; snapshot: PostureSnapshot }> {
    const scan = this.scan(scanId);
    if (scan?.run.status !== 'running' || !scan.people) throw new ScanNotRunningError(scanId);
    const { overall, byDepartment, byMethod } = countPosture(statusesOf(scan.people, options.rates));
    const snapshot: PostureSnapshot = {
      scanId,
      takenAt: new Date(at),
      ...(options.reportUpdatedAt ? { reportUpdatedAt: new Date(options.reportUpdatedAt) } : {}),
      overall,
      byDepartment,
      byMethod,
      ...(options.directoryTotals ? { directoryTotals: { ...options.directoryTotals } } : {}),
    };
    const { reportUpdatedAt: _previous, ...run } = scan.run;
    scan.run = {
      ...run,
      status: 'succeeded',
      finishedAt: new Date(at),
      users: overall.strong + overall.acceptable + overall.weak + overall.none + overall.excluded,
      ...(options.reportUpdatedAt ? { reportUpdatedAt: new Date(options.reportUpdatedAt) } : {}),
    };
    scan.rates = { ...options.rates };
    scan.aliveAt = Date.now();
    // This scan is the current state from now on; the previous one's people go.
    for (const other of this.data.scans) if (other !== scan) delete other.people;
    this.data.snapshots.push(snapshot);
    return { run: structuredClone(scan.run), snapshot: structuredClone(snapshot) };
  }

  async failScan(scanId: string, at: Date, error: string): Promise<void> {
    const scan = this.scan(scanId);
    if (scan?.run.status !== 'running') return;
    scan.run = { ...scan.run, status: 'failed', finishedAt: new Date(at), error };
    delete scan.people;
  }

  async latestScan(): Promise<ScanRun | undefined> {
    const latest = this.data.scans.at(-1);
    return latest && structuredClone(latest.run);
  }

  async latestSnapshots(count: number): Promise<PostureSnapshot[]> {
    return [...this.data.snapshots]
      .sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime() || Number(b.scanId) - Number(a.scanId))
      .slice(0, count)
      .map((snapshot) => structuredClone(snapshot));
  }

  async snapshotTotals(since: Date): Promise<SnapshotTotals[]> {
    return this.data.snapshots
      .filter((snapshot) => snapshot.takenAt >= since)
      .sort((a, b) => a.takenAt.getTime() - b.takenAt.getTime() || Number(a.scanId) - Number(b.scanId))
      .map(({ scanId, takenAt, reportUpdatedAt, overall }) => ({
        scanId,
        takenAt: new Date(takenAt),
        ...(reportUpdatedAt ? { reportUpdatedAt: new Date(reportUpdatedAt) } : {}),
        overall: { ...overall },
      }));
  }

  async listUsers(query: UserQuery): Promise<{ users: UserMfaStatus[]; total: number }> {
    const department = query.department?.toLowerCase();
    const matches = this.currentPeople()
      .filter((user) => query.strengths.includes(user.strength))
      .filter((user) => department === undefined || (user.department ?? '').toLowerCase() === department)
      .filter((user) => query.includeExcluded || user.countsInRates)
      .filter((user) => !query.phoneOnly || isPhoneOnly(user.methods))
      .filter((user) => !query.adminsOnly || user.isAdmin)
      .sort(byName);
    return { users: matches.slice(query.offset, query.offset + query.limit), total: matches.length };
  }

  async usersOfScan(scanId: string, after: UserCursor | undefined, limit: number): Promise<UserMfaStatus[]> {
    const current = this.data.scans.filter((scan) => scan.run.status === 'succeeded').at(-1);
    if (current?.run.id !== scanId || !current.people || !current.rates) return [];
    const from = after && ({ displayName: after.displayName, id: after.id } as UserMfaStatus);
    return statusesOf(current.people, current.rates)
      .filter((user) => !from || byName(user, from) > 0)
      .sort(byName)
      .slice(0, limit);
  }

  async reportCoverage(scanId: string): Promise<{ enabledMembers: number; covered: number }> {
    const people = [...(this.scan(scanId)?.people?.values() ?? [])];
    const enabledMembers = people.filter((person) => person.entry?.userType === 'member' && person.entry.accountEnabled);
    return { enabledMembers: enabledMembers.length, covered: enabledMembers.filter((person) => person.inReport).length };
  }

  async findUsers(nameOrUpn: string, limit: number): Promise<UserMfaStatus[]> {
    const wanted = nameOrUpn.trim().toLowerCase();
    if (wanted === '') return [];
    const byUpn = (user: UserMfaStatus) => user.userPrincipalName.toLowerCase() === wanted;
    return this.currentPeople()
      .filter((user) => byUpn(user) || user.displayName.toLowerCase().startsWith(wanted))
      .sort((a, b) => Number(byUpn(b)) - Number(byUpn(a)) || byName(a, b))
      .slice(0, limit);
  }

  async findUser(id: string): Promise<UserMfaStatus | undefined> {
    return this.currentPeople().find((user) => user.id === id);
  }

  private scan(scanId: string): KeptScan | undefined {
    return this.data.scans.find((scan) => scan.run.id === scanId);
  }

  /** The scan's people, if it still runs; a page is also a sign of life. */
  private running(scanId: string): Map<string, ScannedPerson> {
    const scan = this.scan(scanId);
    if (scan?.run.status !== 'running' || !scan.people) throw new ScanNotRunningError(scanId);
    scan.aliveAt = Date.now();
    return scan.people;
  }

  /** The people of the latest scan that succeeded, as its directory walk listed them. */
  private currentPeople(): UserMfaStatus[] {
    const current = this.data.scans.filter((scan) => scan.run.status === 'succeeded').at(-1);
    return current?.people && current.rates ? statusesOf(current.people, current.rates) : [];
  }
}

function notInReport(): ScannedPerson {
  return { isAdmin: false, isMfaCapable: false, isMfaRegistered: false, methods: [], strength: 'none', inReport: false };
}

/** Those the directory walk listed (a report row alone is someone who has left), judged under the rate policy. */
function statusesOf(people: Map<string, ScannedPerson>, rates: RatePolicy): UserMfaStatus[] {
  return [...people.values()].flatMap(({ entry, ...registration }) => {
    if (!entry) return [];
    const { givenName, department, jobTitle, managerId, ...who } = entry;
    return [
      {
        ...who,
        // The SQL store keeps an empty given name as none.
        ...(givenName ? { givenName } : {}),
        ...(department === undefined ? {} : { department }),
        ...(jobTitle === undefined ? {} : { jobTitle }),
        ...(managerId === undefined ? {} : { managerId }),
        isAdmin: registration.isAdmin,
        isMfaCapable: registration.isMfaCapable,
        isMfaRegistered: registration.isMfaRegistered,
        methods: [...registration.methods],
        ...(registration.phoneTypes ? { phoneTypes: [...registration.phoneTypes] } : {}),
        ...(registration.inReport ? {} : { inReport: false }),
        ...(registration.reportUpdatedAt ? { reportUpdatedAt: new Date(registration.reportUpdatedAt) } : {}),
        strength: registration.strength,
        isCriticalAdmin: isCriticalAdmin({ isAdmin: registration.isAdmin, accountEnabled: entry.accountEnabled }, registration.strength),
        countsInRates: countsInRates(entry, rates),
      },
    ];
  });
}

/** By display name in any case, in code point order (the SQL store's "C" collation), then by id. */
function byName(a: UserMfaStatus, b: UserMfaStatus): number {
  return codePointOrder(a.displayName.toLowerCase(), b.displayName.toLowerCase()) || codePointOrder(a.id, b.id);
}

function codePointOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

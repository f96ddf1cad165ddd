import type { MethodKind } from '../mfa/method-kind';
import type { DirectoryTotals } from '../mfa/posture-counts';
import type { UserRegistration } from '../mfa/user-registration';

/** Someone in the organisation's directory, as far as MFA Coach needs to know them. */
export interface Person {
  id: string;
  displayName: string;
  givenName?: string;
  department?: string;
  jobTitle?: string;
}

/** A directory entry as the scan stores it, before the registration report is joined to it. */
export interface DirectoryEntry {
  id: string;
  userPrincipalName: string;
  displayName: string;
  /** For greetings ("Ruth, …"); none when the directory has none. */
  givenName?: string;
  userType: 'member' | 'guest';
  accountEnabled: boolean;
  department?: string;
  jobTitle?: string;
  managerId?: string;
}

export interface PageWalkStats {
  /** Pages handed to the page handler (empty pages are not handed over). */
  pages: number;
  /** Items handed to the page handler. */
  items: number;
  /** Every request the walk made, retries included; requests inside a JSON batch count one by one. */
  requests: number;
  /** Responses that asked us to slow down (429) and were retried. */
  throttled: number;
  /** Retries after a passing failure (503, 504, no answer). */
  transientRetries?: number;
  /** Method names the directory sent that MFA Coach does not know, with how often each came: left out of `methods`. */
  unknownMethods?: Record<string, number>;
}

/**
 * Where registrations come from: the registration report (Entra ID P1/P2), or each user's methods read one by
 * one (any tenant; far slower, since every user costs a request from the same small reports budget).
 */
export type RegistrationSource = 'report' | 'perUserMethods';

export interface RegistrationWalkStats extends PageWalkStats {
  source?: RegistrationSource;
  /** The newest `lastUpdatedDateTime` in the report; undefined when the source is live (perUserMethods). */
  reportUpdatedAt?: Date;
  /** perUserMethods: users listed by the directory but gone before their methods were read. */
  skipped?: number;
}

/** The directory's own registration summary (report mode only), to cross-check a scan's counts. */
export interface RegistrationSummary extends DirectoryTotals {
  /** Users with each method; someone registered under two of the directory's names for one kind counts twice. */
  byMethod: Partial<Record<MethodKind, number>>;
}

/**
 * The organisation's directory (Microsoft Entra ID through Graph in production).
 * The walks hand over one page at a time, with at most the next one on its way, so a whole tenant is never
 * held in memory and the database sets the pace as much as the service does.
 */
export interface Directory {
  /** The person with this Entra object id, or undefined when there is none. */
  findPerson(id: string): Promise<Person | undefined>;
  /** Every user with department, job title, manager, account state and type. */
  walkPeople(onPage: (page: DirectoryEntry[]) => Promise<void>): Promise<PageWalkStats>;
  /**
   * Every user's MFA registration: the registration report (needs Entra ID P1/P2), or, in the slower
   * fallback mode, each user's methods read in batches. Disabled accounts are left out: the report does not
   * cover them, and the fallback skips them so that both sources give the same answer.
   */
  walkRegistrations(onPage: (page: UserRegistration[]) => Promise<void>): Promise<RegistrationWalkStats>;
  /** The directory's own totals (Graph's usersRegisteredByFeature / usersRegisteredByMethod); optional for fakes. */
  registrationSummary?(): Promise<RegistrationSummary>;
  /**
   * The time zone the user's mailbox settings name (Windows or IANA name as Graph gives it); undefined when
   * they name none or have no mailbox.
   */
  timeZoneOf(userId: string): Promise<string | undefined>;
  /** One user's methods right now, not the lagging report. */
  currentMethods(userId: string): Promise<MethodKind[]>;
  /** Whether the user is (transitively) in any of these groups. */
  isMemberOfAny(userId: string, groupIds: readonly string[]): Promise<boolean>;
  /** Whether the user holds (directly or through a group) any directory role made from these role templates. */
  holdsAnyRole(userId: string, roleTemplateIds: readonly string[]): Promise<boolean>;
  /** The ids of the users in a group, directly or through nested groups; undefined when there is no such group. */
  groupMemberIds(groupId: string): Promise<Set<string> | undefined>;
  /** The groups whose name is exactly this (any case), at most a few; optional for fakes. */
  groupsNamed?(name: string): Promise<{ id: string; displayName: string }[]>;
}

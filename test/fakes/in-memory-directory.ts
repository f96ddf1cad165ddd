import type { MethodKind } from '../../src/domain/mfa/method-kind';
import type { UserRegistration } from '../../src/domain/mfa/user-registration';
import type { Directory, DirectoryEntry, PageWalkStats, Person, RegistrationWalkStats } from '../../src/domain/ports/directory';
import type { FakeUser } from './fake-user';

export type Walk = 'people' | 'registrations';

/**
 * A `Directory` over a list of users, paging like Graph: a page is handed over only after the previous
 * one was handled. `beforePage` lets a test hold a walk open (await something) or break it (throw).
 */
export class InMemoryDirectory implements Directory {
  pageSize = 999;
  /** What walkRegistrations reports as the report's freshness (Graph's lastUpdatedDateTime). */
  reportUpdatedAt?: Date;
  beforePage?: (walk: Walk, pageIndex: number) => Promise<void> | void;
  readonly groups = new Map<string, Set<string>>();
  /** Role template id → holders. */
  readonly roles = new Map<string, Set<string>>();
  /** Sizes of the pages handed over, per walk. */
  readonly pagesHanded: Record<Walk, number[]> = { people: [], registrations: [] };

  constructor(public users: FakeUser[] = []) {}

  async findPerson(id: string): Promise<Person | undefined> {
    const entry = this.users.find((user) => user.entry.id === id)?.entry;
    return entry && { id: entry.id, displayName: entry.displayName, department: entry.department, jobTitle: entry.jobTitle };
  }

  walkPeople(onPage: (page: DirectoryEntry[]) => Promise<void>): Promise<PageWalkStats> {
    return this.walk(
      'people',
      this.users.map((user) => user.entry),
      onPage,
    );
  }

  async walkRegistrations(onPage: (page: UserRegistration[]) => Promise<void>): Promise<RegistrationWalkStats> {
    const rows = this.users.flatMap((user) => (user.registration ? [user.registration] : []));
    const stats = await this.walk('registrations', rows, onPage);
    return { ...stats, source: 'report', ...(this.reportUpdatedAt ? { reportUpdatedAt: this.reportUpdatedAt } : {}) };
  }

  /** User id → the time zone their mailbox names. */
  readonly timeZones = new Map<string, string>();

  async timeZoneOf(userId: string): Promise<string | undefined> {
    return this.timeZones.get(userId);
  }

  async currentMethods(userId: string): Promise<MethodKind[]> {
    return [...(this.users.find((user) => user.entry.id === userId)?.registration?.methods ?? [])];
  }

  async isMemberOfAny(userId: string, groupIds: readonly string[]): Promise<boolean> {
    return groupIds.some((groupId) => this.groups.get(groupId)?.has(userId) ?? false);
  }

  async groupMemberIds(groupId: string): Promise<Set<string> | undefined> {
    const members = this.groups.get(groupId);
    return members ? new Set(members) : undefined;
  }

  async holdsAnyRole(userId: string, roleTemplateIds: readonly string[]): Promise<boolean> {
    return roleTemplateIds.some((templateId) => this.roles.get(templateId)?.has(userId) ?? false);
  }

  private async walk<T>(walk: Walk, items: readonly T[], onPage: (page: T[]) => Promise<void>): Promise<PageWalkStats> {
    let pages = 0;
    // Like the Graph adapter, an empty page is not handed over (an empty tenant is one request, no page).
    for (let start = 0; start < items.length; start += this.pageSize) {
      await this.beforePage?.(walk, pages);
      const page = items.slice(start, start + this.pageSize);
      this.pagesHanded[walk].push(page.length);
      await onPage(page);
      pages += 1;
    }
    return { pages, items: items.length, requests: Math.max(pages, 1), throttled: 0 };
  }
}

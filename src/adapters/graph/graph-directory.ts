import { GraphError, type Client } from '@microsoft/microsoft-graph-client';
import type { GraphDirectoryOptions } from './graph-directory-options';
import type { MethodKind } from '../../domain/mfa/method-kind';
import type { UserRegistration } from '../../domain/mfa/user-registration';
import type {
  Directory,
  DirectoryEntry,
  PageWalkStats,
  Person,
  RegistrationSource,
  RegistrationSummary,
  RegistrationWalkStats,
} from '../../domain/ports/directory';
import { walkCollection } from './collection-walk';
import { directoryEntry, MANAGER_EXPAND, PEOPLE_FIELDS, type DirectoryUser } from './directory-user';
import { GraphCaller, newCounters, type CallCounters } from './graph-caller';
import { failureKindOf, GraphFailure } from './graph-failure';
import { groupsNamed, type NamedGroup } from './graph-group-finder';
import { ADVANCED_QUERY, graphPath } from './graph-path';
import { liveMethodKinds, type LiveMethod } from './live-method-kinds';
import { UnknownMethodTally } from './unknown-method-tally';
import { walkPerUserRegistrations } from './per-user-registrations';
import { reportMethodKinds } from './report-method-kinds';
import type { RememberedFallback } from './remembered-fallback';
import { reportFormFallback, reportSourceFallback } from './report-fallbacks';
import { walkRegistrationReport } from './registration-report-walk';
import { REPORTS_BUDGET } from './reports-budget';
import { RequestPacer, systemClock } from '../request-pacer';
import { DEFAULT_RETRY_POLICY } from './retry-policy';

/** Graph accepts at most 20 group ids per checkMemberGroups call. */
const CHECK_MEMBER_GROUPS_MAX = 20;

/**
 * `Directory` on Microsoft Graph.
 *
 * Two Graph services with different limits are involved: the directory (`/users`, memberships; thousands of
 * requests per 10 s) and the identity reports service (the registration report and every user's
 * authentication methods; about 5 requests per 10 s per tenant). Calls to the latter go through one
 * RequestPacer, so a scan and a live recheck share the budget instead of throttling each other; retries
 * are done by GraphCaller for both (see there why not by the SDK's RetryHandler).
 */
export class GraphDirectory implements Directory {
  readonly registrationSource: RegistrationSource;
  readonly reportsPacer: RequestPacer;
  private readonly caller: GraphCaller;
  private readonly pageSize: number;
  private readonly handOverSize: number;
  /** Whether Graph takes `$select` and `$top` on the registration report: learnt on the first scan, kept. */
  readonly reportForm: RememberedFallback;
  /** Whether the tenant has the registration report (Entra ID P1 or P2), or its scans read each person instead. */
  readonly reportSource: RememberedFallback;

  constructor(
    private readonly client: Client,
    private readonly options: GraphDirectoryOptions = {},
  ) {
    const clock = options.clock ?? systemClock;
    this.registrationSource = options.registrationSource ?? 'report';
    this.reportsPacer = options.reportsPacer ?? new RequestPacer(options.reportsBudget ?? REPORTS_BUDGET, clock);
    this.caller = new GraphCaller(client, { ...DEFAULT_RETRY_POLICY, ...options.retry }, clock, options.random);
    this.pageSize = options.pageSize ?? 999;
    this.handOverSize = options.perUserHandOverSize ?? 100;
    this.reportForm = reportFormFallback(options.log);
    this.reportSource = reportSourceFallback(options.log);
    if (!Number.isInteger(this.pageSize) || this.pageSize < 1 || this.pageSize > 999)
      throw new RangeError('pageSize must be an integer from 1 to 999');
    if (!Number.isInteger(this.handOverSize) || this.handOverSize < 1) throw new RangeError('perUserHandOverSize must be an integer >= 1');
  }

  /**
   * Always `$select`s: Graph's default user fields leave out department. On the turn path, so the client's
   * own brief retry (the SDK's RetryHandler) applies rather than the patient one of the scans.
   */
  async findPerson(id: string): Promise<Person | undefined> {
    try {
      const user = (await this.client
        .api(`/users/${encodeURIComponent(id)}`)
        .select(['id', 'displayName', 'givenName', 'department', 'jobTitle'])
        .get()) as {
        id: string;
        displayName?: string | null;
        givenName?: string | null;
        department?: string | null;
        jobTitle?: string | null;
      };
      return {
        id: user.id,
        displayName: user.displayName ?? '',
        givenName: user.givenName ?? undefined,
        department: user.department ?? undefined,
        jobTitle: user.jobTitle ?? undefined,
      };
    } catch (error) {
      if (!(error instanceof GraphError)) throw error;
      if (error.statusCode === 404) return undefined;
      // The SDK reports a fetch that got no answer as status -1.
      const status = error.statusCode > 0 ? error.statusCode : undefined;
      throw new GraphFailure({
        kind: status === undefined ? 'unreachable' : failureKindOf(status, error.code ?? undefined),
        operation: `GET /users/${id}`,
        status,
        code: error.code ?? undefined,
        requestId: error.requestId ?? undefined,
        detail: error.message,
      });
    }
  }

  async walkPeople(onPage: (page: DirectoryEntry[]) => Promise<void>): Promise<PageWalkStats> {
    const counters = newCounters();
    let pages = 0;
    let items = 0;
    const path = graphPath('/users', { $select: PEOPLE_FIELDS.join(','), $expand: MANAGER_EXPAND, $top: this.pageSize });
    await walkCollection<DirectoryUser>(this.caller, path, { counters }, async (users) => {
      const entries = users.filter((u) => u.id).map(directoryEntry);
      if (entries.length === 0) return;
      pages++;
      items += entries.length;
      await onPage(entries);
    });
    return { pages, items, ...countersOf(counters) };
  }

  async walkRegistrations(onPage: (page: UserRegistration[]) => Promise<void>): Promise<RegistrationWalkStats> {
    const perUser = () =>
      walkPerUserRegistrations(
        { caller: this.caller, reportsPacer: this.reportsPacer, pageSize: this.pageSize, handOverSize: this.handOverSize },
        onPage,
      );
    const stats =
      this.registrationSource === 'perUserMethods'
        ? await perUser()
        : await this.reportSource.run(
            (accepted) =>
              walkRegistrationReport(
                { caller: this.caller, reportsPacer: this.reportsPacer, pageSize: this.pageSize, optimisedForm: this.reportForm },
                async (page) => {
                  accepted();
                  await onPage(page);
                },
              ),
            perUser,
          );
    if (stats.unknownMethods) {
      this.options.log?.warn(
        { unknownMethods: stats.unknownMethods, source: stats.source },
        'Microsoft Graph named authentication methods MFA Coach does not know; they were left out of classification',
      );
    }
    return stats;
  }

  /** One user's methods, live (the report lags hours). In the reports budget, so paced with the scan. */
  /**
   * Mailbox settings give the time zone people chose in Outlook, as a Windows or IANA name. No mailbox (or a
   * mailbox Graph cannot read) is a normal case for a nudge: the caller falls back to the tenant's default.
   */
  async timeZoneOf(userId: string): Promise<string | undefined> {
    try {
      const answer = await this.caller.send<{ value?: string | null }>({
        method: 'GET',
        path: `/users/${encodeURIComponent(userId)}/mailboxSettings/timeZone`,
      });
      return answer.value ?? undefined;
    } catch (error) {
      if (error instanceof GraphFailure && (error.kind === 'notFound' || error.kind === 'forbidden' || error.kind === 'badRequest'))
        return undefined;
      throw error;
    }
  }

  async currentMethods(userId: string): Promise<MethodKind[]> {
    const unknown = new UnknownMethodTally();
    const answer = await this.caller.send<{ value?: LiveMethod[] }>(
      { method: 'GET', path: `/users/${encodeURIComponent(userId)}/authentication/methods` },
      { pacer: this.reportsPacer, maxPacerWaitMs: this.options.maxPacerWaitMs },
    );
    const kinds = liveMethodKinds(answer.value, unknown);
    if (unknown.size > 0)
      this.options.log?.warn(
        { userId, unknownMethods: unknown.toRecord() },
        'Microsoft Graph named authentication methods MFA Coach does not know',
      );
    return kinds;
  }

  /**
   * Directory roles the user holds, directly or through a role-assignable group (transitiveMemberOf cast to
   * directoryRole), matched by role template id; a user the directory does not know holds none. A person
   * holds a handful of roles, so this is one request of the directory service.
   */
  async holdsAnyRole(userId: string, roleTemplateIds: readonly string[]): Promise<boolean> {
    if (roleTemplateIds.length === 0) return false;
    const wanted = new Set(roleTemplateIds.map((id) => id.toLowerCase()));
    // An OData cast on memberOf is an advanced query: Graph documents ConsistencyLevel: eventual and $count=true as
    // required for it, and a refused query here would lock out every admin who holds a role.
    const path = graphPath(`/users/${encodeURIComponent(userId)}/transitiveMemberOf/microsoft.graph.directoryRole`, {
      $select: 'id,roleTemplateId',
      $count: 'true',
    });
    let holds = false;
    try {
      const options = { counters: newCounters(), headers: ADVANCED_QUERY };
      await walkCollection<{ roleTemplateId?: string }>(this.caller, path, options, async (roles) => {
        if (roles.some((role) => role.roleTemplateId !== undefined && wanted.has(role.roleTemplateId.toLowerCase()))) holds = true;
        // Without a role-reading permission Graph lists a role with its id only: "holds none" would be a silent lie.
        if (!holds && roles.some((role) => role.roleTemplateId === undefined)) throw rolesHidden(userId);
      });
    } catch (error) {
      if (error instanceof GraphFailure && error.kind === 'notFound') return false;
      throw error;
    }
    return holds;
  }

  /** Transitive membership (checkMemberGroups), 20 group ids per call; a user the directory does not know is in no group. */
  async isMemberOfAny(userId: string, groupIds: readonly string[]): Promise<boolean> {
    const unique = [...new Set(groupIds)];
    for (let start = 0; start < unique.length; start += CHECK_MEMBER_GROUPS_MAX) {
      try {
        const answer = await this.caller.send<{ value?: string[] }>({
          method: 'POST',
          path: `/users/${encodeURIComponent(userId)}/checkMemberGroups`,
          body: { groupIds: unique.slice(start, start + CHECK_MEMBER_GROUPS_MAX) },
        });
        if ((answer.value ?? []).length > 0) return true;
      } catch (error) {
        if (error instanceof GraphFailure && error.kind === 'notFound') return false;
        throw error;
      }
    }
    return false;
  }

  async groupsNamed(name: string): Promise<NamedGroup[]> {
    return groupsNamed(this.caller, name);
  }

  /** transitiveMembers, users only (nested groups are walked by Graph and listed too; they are not people). */
  async groupMemberIds(groupId: string): Promise<Set<string> | undefined> {
    const path = graphPath(`/groups/${encodeURIComponent(groupId)}/transitiveMembers`, { $select: 'id', $top: '999' });
    const ids = new Set<string>();
    try {
      await walkCollection<{ '@odata.type'?: string; id?: string }>(this.caller, path, { counters: newCounters() }, async (members) => {
        for (const member of members) if (member['@odata.type'] === '#microsoft.graph.user' && member.id) ids.add(member.id);
      });
    } catch (error) {
      if (error instanceof GraphFailure && error.kind === 'notFound') return undefined;
      throw error;
    }
    return ids;
  }

  /** Graph's usersRegisteredByFeature and usersRegisteredByMethod, all user types and roles: two requests of the reports budget. */
  async registrationSummary(): Promise<RegistrationSummary> {
    const scope = "(includedUserTypes='all',includedUserRoles='all')";
    const features = await this.caller.send<{
      totalUserCount?: number;
      userRegistrationFeatureCounts?: { feature: string; userCount: number }[];
    }>(
      { method: 'GET', path: `/reports/authenticationMethods/usersRegisteredByFeature${scope}` },
      { pacer: this.reportsPacer, maxPacerWaitMs: this.options.maxPacerWaitMs },
    );
    const methods = await this.caller.send<{ userRegistrationMethodCounts?: { authenticationMethod: string; userCount: number }[] }>(
      { method: 'GET', path: `/reports/authenticationMethods/usersRegisteredByMethod${scope}` },
      { pacer: this.reportsPacer, maxPacerWaitMs: this.options.maxPacerWaitMs },
    );
    const feature = (name: string) => features.userRegistrationFeatureCounts?.find((f) => f.feature === name)?.userCount ?? 0;
    const byMethod: Partial<Record<MethodKind, number>> = {};
    for (const { authenticationMethod, userCount } of methods.userRegistrationMethodCounts ?? []) {
      for (const kind of reportMethodKinds([authenticationMethod])) byMethod[kind] = (byMethod[kind] ?? 0) + userCount;
    }
    return {
      totalUsers: features.totalUserCount ?? 0,
      mfaCapable: feature('mfaCapable'),
      passwordlessCapable: feature('passwordlessCapable'),
      ssprRegistered: feature('ssprRegistered'),
      byMethod,
    };
  }
}

function rolesHidden(userId: string): GraphFailure {
  return new GraphFailure({
    kind: 'forbidden',
    operation: `GET /users/${userId}/transitiveMemberOf/microsoft.graph.directoryRole`,
    status: 200,
    detail: 'Graph listed directory roles without saying which: the app needs RoleManagement.Read.Directory to recognise role holders.',
  });
}

function countersOf(counters: CallCounters): Pick<PageWalkStats, 'requests' | 'throttled' | 'transientRetries'> {
  return { requests: counters.requests, throttled: counters.throttled, transientRetries: counters.transientRetries };
}

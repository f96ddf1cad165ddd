import { randomUUID } from 'node:crypto';
import {
  METHOD_TYPES,
  toRegistrationDetail,
  type AuthenticationMethod,
  type DemoDirectoryRole,
  type DemoGroup,
  type DemoTenant,
  type DemoUser,
  type MicrosoftAuthenticatorMethod,
  type SignInEvent,
  type UserRegistrationDetail,
} from '../demo-tenant';
import { PolicyState } from './policy-state';
import { rolesByGroup } from './role-assignable-groups';
import { teamsCatalog, type TeamsCatalogApp } from './teams-catalog';

export type { TeamsCatalogApp } from './teams-catalog';

export interface TeamsAppInstallation {
  id: string;
  teamsAppId: string;
  chatId: string;
}

export type Membership = { kind: 'group'; group: DemoGroup } | { kind: 'role'; role: DemoDirectoryRole };

export interface GraphStateOptions {
  /** The time the report was "last generated": every untouched row carries it as lastUpdatedDateTime. */
  reportGeneratedAt: Date;
  /** How long (already scaled to real milliseconds) a method change takes to reach the registration report. */
  reportLagMs: number;
  /** Whether the tenant has Microsoft Entra ID P1/P2, which the authentication methods reports need (default true). */
  entraIdPremium?: boolean;
  /** Which query options the registration report takes: see GraphEmulatorOptions.reportQueryOptions. */
  reportQueryOptions?: ReportQueryOptions;
  /** The sign-in log `/auditLogs/signIns` starts with (and reset() restores); default none. */
  signIns?: readonly SignInEvent[];
}

/**
 * 'documented' (default): only what Microsoft's v1.0 page documents for the registration report (`$filter`,
 * `$orderby`); `$top`, `$select` and `$count` answer 400 and pages hold the default 100 rows. 'lenient': those are
 * served too, as some tenants' Graph does; the bot must work either way.
 */
export type ReportQueryOptions = 'documented' | 'lenient';

/**
 * The emulator's mutable view of a demo tenant. The tenant object itself is never modified, so several
 * emulators can share one generated tenant and reset() is cheap: changes live in overlays keyed by user id.
 */
export class GraphState {
  readonly catalog: readonly TeamsCatalogApp[];
  /** Registration campaign, Conditional Access and security defaults: what tests change and reset() restores. */
  readonly policies: PolicyState;
  private readonly byId = new Map<string, DemoUser>();
  private readonly byUpn = new Map<string, DemoUser>();
  private readonly directMemberships = new Map<string, Membership[]>();
  private readonly parentGroups = new Map<string, DemoGroup[]>();
  /** Roles assigned to a (role-assignable) group: its members hold them, and transitiveMemberOf lists them, as in Graph. */
  private readonly groupRoles: Map<string, DemoDirectoryRole[]>;
  private readonly methodOverlay = new Map<string, AuthenticationMethod[]>();
  /** Users whose report row still shows the methods from before a change, until `visibleAt`. */
  private readonly reportLag = new Map<string, { before: readonly AuthenticationMethod[]; visibleAt: number }>();
  private readonly installations = new Map<string, TeamsAppInstallation[]>();
  private readonly sortedOrders = new Map<string, Int32Array>();
  private readonly reportGeneratedAt: string;
  private signInLog: SignInEvent[];
  /** Set by setEntraIdPremium(); undefined = the emulator option. reset() clears it. */
  private premiumOverride: boolean | undefined;

  constructor(
    readonly tenant: DemoTenant,
    private readonly options: GraphStateOptions,
  ) {
    for (const user of tenant.users) {
      this.byId.set(user.id, user);
      this.byUpn.set(user.userPrincipalName.toLowerCase(), user);
    }
    const addMembership = (userId: string, m: Membership) => {
      const list = this.directMemberships.get(userId) ?? [];
      list.push(m);
      this.directMemberships.set(userId, list);
    };
    for (const group of tenant.groups) {
      for (const id of group.memberIds) addMembership(id, { kind: 'group', group });
      for (const child of group.memberGroupIds) this.parentGroups.set(child, [...(this.parentGroups.get(child) ?? []), group]);
    }
    for (const role of tenant.directoryRoles) for (const id of role.memberIds) addMembership(id, { kind: 'role', role });
    this.groupRoles = rolesByGroup(tenant);
    this.reportGeneratedAt = isoSeconds(options.reportGeneratedAt);
    this.catalog = teamsCatalog(tenant);
    this.policies = new PolicyState(tenant.policies);
    this.signInLog = [...(options.signIns ?? [])];
  }

  /** Without Entra ID P1/P2, `/reports/authenticationMethods/*` answers 403 (the live methods API still works). */
  get hasEntraIdPremium(): boolean {
    return this.premiumOverride ?? this.options.entraIdPremium ?? true;
  }

  /** Switches the tenant's Microsoft Entra ID P1/P2 licence (reports and sign-in logs need it) until reset(). */
  setEntraIdPremium(licensed: boolean): void {
    this.premiumOverride = licensed;
  }

  // ---- sign-in logs ------------------------------------------------------------------------------

  /** The sign-in log, most recent first (the order `/auditLogs/signIns` serves). */
  get signIns(): readonly SignInEvent[] {
    return this.signInLog;
  }

  /** Adds events to the sign-in log (kept most recent first). */
  addSignIns(...events: SignInEvent[]): void {
    this.setSignIns([...this.signInLog, ...events]);
  }

  /** Replaces the whole sign-in log; `setSignIns([])` empties it. */
  setSignIns(events: readonly SignInEvent[]): void {
    const ids = new Set<string>();
    for (const e of events) {
      if (ids.has(e.id)) throw new Error(`two sign-in events with id ${e.id}`);
      if (Number.isNaN(Date.parse(e.createdDateTime)))
        throw new Error(`sign-in ${e.id}: createdDateTime '${e.createdDateTime}' is not a date`);
      ids.add(e.id);
    }
    this.signInLog = [...events].sort((a, b) => Date.parse(b.createdDateTime) - Date.parse(a.createdDateTime));
  }

  clearSignIns(): void {
    this.signInLog = [];
  }

  get reportQueryOptions(): ReportQueryOptions {
    return this.options.reportQueryOptions ?? 'documented';
  }

  get users(): readonly DemoUser[] {
    return this.tenant.users;
  }

  /** By object id or user principal name (case-insensitive), as `/users/{id | userPrincipalName}` accepts. */
  findUser(idOrUpn: string): DemoUser | undefined {
    return this.byId.get(idOrUpn) ?? this.byId.get(idOrUpn.toLowerCase()) ?? this.byUpn.get(idOrUpn.toLowerCase());
  }

  userOrThrow(idOrUpn: string): DemoUser {
    const user = this.findUser(idOrUpn);
    if (!user) throw new Error(`no user '${idOrUpn}' in tenant ${this.tenant.tenantId}`);
    return user;
  }

  // ---- authentication methods -------------------------------------------------------------------

  methodsOf(user: DemoUser): readonly AuthenticationMethod[] {
    return this.methodOverlay.get(user.id) ?? user.methods;
  }

  /** Registers a method for a user, e.g. to play "the employee set up Authenticator". */
  addMethod(userIdOrUpn: string, method: AuthenticationMethod): void {
    const user = this.userOrThrow(userIdOrUpn);
    const current = this.methodsOf(user);
    if (!Object.values(METHOD_TYPES).includes(method['@odata.type']))
      throw new Error(`unknown method type ${String(method['@odata.type'])}`);
    if (current.some((m) => m.id === method.id)) throw new Error(`user ${user.id} already has a method with id ${method.id}`);
    if (
      method['@odata.type'] === METHOD_TYPES.phone &&
      current.some((m) => m['@odata.type'] === METHOD_TYPES.phone && m.phoneType === method.phoneType)
    ) {
      throw new Error(`user ${user.id} already has a ${method.phoneType} phone`);
    }
    if (method['@odata.type'] === METHOD_TYPES.qrCodePin && current.some((m) => m['@odata.type'] === METHOD_TYPES.qrCodePin))
      throw new Error(`user ${user.id} already has a QR code PIN method (Graph allows one)`);
    this.setMethods(user.id, [...current, method]);
  }

  /** Shortcut for the demo: registers Microsoft Authenticator (push, or passwordless) and returns the method. */
  enrolAuthenticator(userIdOrUpn: string, options: { passwordless?: boolean; displayName?: string } = {}): MicrosoftAuthenticatorMethod {
    const method: MicrosoftAuthenticatorMethod = {
      '@odata.type': METHOD_TYPES.microsoftAuthenticator,
      id: randomUUID(),
      displayName: options.displayName ?? 'iPhone 15',
      deviceTag: 'SoftwareTokenActivated',
      phoneAppVersion: '6.8.14',
      createdDateTime: options.passwordless ? isoSeconds(new Date()) : null,
    };
    this.addMethod(userIdOrUpn, method);
    return method;
  }

  removeMethod(userIdOrUpn: string, methodId: string): boolean {
    const user = this.userOrThrow(userIdOrUpn);
    const current = this.methodsOf(user);
    const next = current.filter((m) => m.id !== methodId);
    if (next.length === current.length) return false;
    this.setMethods(user.id, next);
    return true;
  }

  setMethods(userIdOrUpn: string, methods: readonly AuthenticationMethod[]): void {
    const user = this.userOrThrow(userIdOrUpn);
    if (this.options.reportLagMs > 0) {
      // A change still in flight keeps the report on the methods from before it; a change already visible does not.
      const pending = this.reportLag.get(user.id);
      const before = pending && Date.now() < pending.visibleAt ? pending.before : this.methodsOf(user);
      this.reportLag.set(user.id, { before, visibleAt: Date.now() + this.options.reportLagMs });
    } else {
      this.reportLag.set(user.id, { before: [], visibleAt: Date.now() });
    }
    this.methodOverlay.set(user.id, [...methods]);
  }

  // ---- registration report ----------------------------------------------------------------------

  /**
   * The user's row in userRegistrationDetails, or undefined for a disabled account: the docs say the report
   * "doesn't work for disabled users", so they are simply absent.
   */
  reportRowOf(user: DemoUser): UserRegistrationDetail | undefined {
    if (!user.accountEnabled) return undefined;
    const lag = this.reportLag.get(user.id);
    if (!lag) return toRegistrationDetail(user, this.reportGeneratedAt);
    if (Date.now() < lag.visibleAt) return toRegistrationDetail(user, this.reportGeneratedAt, lag.before);
    return toRegistrationDetail(user, isoSeconds(new Date(lag.visibleAt)), this.methodsOf(user));
  }

  /** Makes every pending method change visible in the report now, as if the report had been regenerated. */
  refreshReport(): void {
    const now = Date.now();
    for (const lag of this.reportLag.values()) lag.visibleAt = Math.min(lag.visibleAt, now);
  }

  /** User positions sorted by a string property; computed once per property and direction. */
  sortedPositions(key: string, value: (user: DemoUser) => string, descending: boolean): Int32Array {
    const cacheKey = `${key}:${descending ? 'desc' : 'asc'}`;
    let order = this.sortedOrders.get(cacheKey);
    if (!order) {
      const users = this.tenant.users;
      const keys = users.map((u) => value(u).toLowerCase());
      const positions = Array.from(users.keys());
      positions.sort((a, b) => {
        const ka = keys[a] as string;
        const kb = keys[b] as string;
        const cmp = ka < kb ? -1 : ka > kb ? 1 : a - b;
        return descending ? -cmp : cmp;
      });
      order = Int32Array.from(positions);
      this.sortedOrders.set(cacheKey, order);
    }
    return order;
  }

  // ---- groups and roles -------------------------------------------------------------------------

  memberships(userId: string, transitive: boolean): Membership[] {
    const direct = this.directMemberships.get(userId) ?? [];
    if (!transitive) return [...direct];
    const result = [...direct];
    const seen = new Set(direct.map((m) => (m.kind === 'group' ? m.group.id : m.role.id)));
    const queue = direct.flatMap((m) => (m.kind === 'group' ? [m.group] : []));
    while (queue.length > 0) {
      const group = queue.shift() as DemoGroup;
      for (const role of this.groupRoles.get(group.id) ?? []) {
        if (seen.has(role.id)) continue;
        seen.add(role.id);
        result.push({ kind: 'role', role });
      }
      for (const parent of this.parentGroups.get(group.id) ?? []) {
        if (seen.has(parent.id)) continue;
        seen.add(parent.id);
        result.push({ kind: 'group', group: parent });
        queue.push(parent);
      }
    }
    return result;
  }

  findGroup(id: string): DemoGroup | undefined {
    return this.tenant.groups.find((g) => g.id === id);
  }

  findDirectoryRole(id: string): DemoDirectoryRole | undefined {
    return this.tenant.directoryRoles.find((r) => r.id === id || r.roleTemplateId === id);
  }

  // ---- Teams app installations ------------------------------------------------------------------

  installationsOf(userId: string): readonly TeamsAppInstallation[] {
    return this.installations.get(userId) ?? [];
  }

  /** Installs a catalog app in the user's personal scope; `created` is false when it was already there (Graph's 409). */
  installApp(userIdOrUpn: string, teamsAppId: string = this.tenant.teamsAppId): { created: boolean; installation: TeamsAppInstallation } {
    const user = this.userOrThrow(userIdOrUpn);
    if (!this.catalog.some((a) => a.id === teamsAppId)) throw new Error(`teams app ${teamsAppId} is not in the catalog`);
    const list = this.installations.get(user.id) ?? [];
    const existing = list.find((i) => i.teamsAppId === teamsAppId);
    if (existing) return { created: false, installation: existing };
    const installation: TeamsAppInstallation = {
      // Graph's installation ids are base64 of "{userId}##{teamsAppId}"; keeping the shape keeps clients honest about treating them as opaque.
      id: Buffer.from(`${user.id}##${teamsAppId}`, 'utf8').toString('base64'),
      teamsAppId,
      chatId: `19:${this.tenant.botAppId}_${user.id}@unq.gbl.spaces`,
    };
    list.push(installation);
    this.installations.set(user.id, list);
    return { created: true, installation };
  }

  uninstallApp(userIdOrUpn: string, teamsAppId: string = this.tenant.teamsAppId): boolean {
    const user = this.userOrThrow(userIdOrUpn);
    const list = this.installations.get(user.id) ?? [];
    const next = list.filter((i) => i.teamsAppId !== teamsAppId);
    this.installations.set(user.id, next);
    return next.length !== list.length;
  }

  /** Back to the generated tenant: methods, report lag, installations, policies, the sign-in log and the licence. */
  reset(): void {
    this.policies.reset();
    this.signInLog = [...(this.options.signIns ?? [])];
    this.premiumOverride = undefined;
    this.methodOverlay.clear();
    this.reportLag.clear();
    this.installations.clear();
  }
}

export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

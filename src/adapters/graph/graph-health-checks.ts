import type { Client } from '@microsoft/microsoft-graph-client';
import type { AccessTokenSource } from './graph-client';
import { isGuid } from '../../domain/guid';
import type { HealthCheck, HealthResult } from '../../domain/ports/health-check';
import { systemClock, type RequestPacer } from '../request-pacer';
import { GraphCaller, type GraphCall } from './graph-caller';
import { GraphFailure } from './graph-failure';
import { GRAPH_PERMISSIONS_CHECK } from './graph-permission-check';
import { ADVANCED_QUERY, graphPath } from './graph-path';
import { GRAPH_PERMISSIONS, type GraphPermission, type PermissionNeeds } from './graph-permissions';
import { notTried, probeFailure } from './graph-probe-words';
import { REGISTRATION_REPORT } from './registration-report-walk';
import type { RetryPolicy } from './retry-policy';

export interface GraphProbeSettings {
  needs: PermissionNeeds;
  registrationSource: 'report' | 'perUserMethods';
  /** The admin groups (else the campaign managers'): checkMemberGroups is tried on the first. */
  groupIds: readonly string[];
  teamsAppCatalogId?: string;
  /** The bot's reports budget, which scans and rechecks share: the two reports calls take their turn in it. */
  reportsPacer?: RequestPacer;
}

/**
 * One request per probe, never retried: a doctor says how Graph answers now, and must not spend the tenant's
 * budget or wait out a throttle. The limits keep a probe that waits for its user and its turn within the doctor's
 * 10 s for a check.
 */
const ONE_ATTEMPT: RetryPolicy = {
  maxThrottleRetries: 0,
  maxTransientRetries: 0,
  baseDelayMs: 0,
  maxDelayMs: 0,
  maxRetryAfterMs: 0,
  attemptTimeoutMs: 4000,
};
const REPORTS_WAIT_MS = 1500;
/** Probes of one doctor run ask about the same person: whoever asks first lists one, the others reuse it for this long. */
const FIRST_USER_REUSE_MS = 15_000;
const USERS_PROBE = 'Graph: users';

interface ProbeContext {
  /** Whether the credential gives a token: without one no request is sent (the permissions check tells why). */
  signedIn(): Promise<boolean>;
  send<T>(call: GraphCall, paced?: boolean): Promise<T>;
  /** The id of someone in the directory, for the calls about one person; undefined when nobody is listed. */
  firstUser(): Promise<string | undefined>;
}

interface Probe {
  name: string;
  /** The permission its call exercises. */
  permission: string;
  /** Whether the bot makes this call with these settings. */
  needed: boolean;
  /** The call's meaning of a failure of its own (a person without a mailbox), before the general words. */
  explain?(failure: GraphFailure): HealthResult | undefined;
  /** Sends the one request; `forUser` calls get the person to ask about. */
  run(context: ProbeContext, userId: string): Promise<HealthResult>;
  /** Whether it asks about one person (so waits for `firstUser`). */
  forUser: boolean;
  /** Set: not sent, for this reason (ok). */
  skip?: HealthResult;
}

/**
 * Doctor check 2: one harmless request per Graph call the bot makes, each named after the permission it needs,
 * and its answer in words. Nothing is written: the reads ask for one page or one person, and checkMemberGroups only
 * asks. Failures come back from GraphCaller as GraphFailure (kind, status, Graph's code), told by graph-probe-words.
 */
export function graphHealthChecks(client: Client, token: AccessTokenSource, settings: GraphProbeSettings): HealthCheck[] {
  const caller = new GraphCaller(client, ONE_ATTEMPT, systemClock);
  const send: ProbeContext['send'] = (call, paced) =>
    caller.send(call, paced && settings.reportsPacer ? { pacer: settings.reportsPacer, maxPacerWaitMs: REPORTS_WAIT_MS } : {});
  const context: ProbeContext = {
    // The credential keeps its token for the hour; this only asks whether there is one, and forgets it at once.
    signedIn: reusedFor(FIRST_USER_REUSE_MS, () =>
      token().then(
        () => true,
        () => false,
      ),
    ),
    send,
    firstUser: reusedFor(FIRST_USER_REUSE_MS, () =>
      send<{ value?: { id?: string }[] }>({ method: 'GET', path: graphPath('/users', { $top: 1, $select: 'id' }) }).then(
        (page) => page.value?.[0]?.id,
      ),
    ),
  };
  return probes(settings).map((probe) => ({ name: probe.name, run: () => runProbe(probe, context) }));
}

/** The same answer for `ms`, then a fresh one: the probes of one doctor run share it instead of asking each. */
function reusedFor<T>(ms: number, make: () => Promise<T>): () => Promise<T> {
  let last: { at: number; value: Promise<T> } | undefined;
  return () => {
    if (!last || Date.now() - last.at > ms) last = { at: Date.now(), value: make() };
    return last.value;
  };
}

async function runProbe(probe: Probe, context: ProbeContext): Promise<HealthResult> {
  if (probe.skip) return probe.skip;
  if (!(await context.signedIn())) return notTried('no Graph access token', GRAPH_PERMISSIONS_CHECK);
  let userId = '';
  if (probe.forUser) {
    const user = await context.firstUser().then(
      (id) => ({ id }),
      () => ({ failed: true as const }),
    );
    if ('failed' in user) return notTried('listing users failed', USERS_PROBE);
    if (!user.id) return notTried('the directory lists nobody to ask about', USERS_PROBE);
    userId = user.id;
  }
  try {
    return await probe.run(context, userId);
  } catch (error) {
    if (!(error instanceof GraphFailure)) throw error;
    return probe.explain?.(error) ?? probeFailure(error, { permission: permissionNamed(probe.permission), needed: probe.needed });
  }
}

function permissionNamed(name: string): GraphPermission {
  const permission = GRAPH_PERMISSIONS.find((p) => p.name === name);
  if (!permission) throw new Error(`${name} is not in GRAPH_PERMISSIONS`);
  return permission;
}

const ok = (summary: string): HealthResult => ({ status: 'ok', summary });
const user = (id: string) => `/users/${encodeURIComponent(id)}`;

function probes(settings: GraphProbeSettings): Probe[] {
  const { needs } = settings;
  const perUser = settings.registrationSource === 'perUserMethods';
  return [
    {
      name: 'Graph: registration report',
      permission: 'AuditLog.Read.All',
      needed: !perUser,
      forUser: false,
      // The documented form (no query options): what Graph serves on every tenant, unlike the scan's optimised one.
      run: async (c) => {
        const page = await c.send<{ value?: unknown[] }>({ method: 'GET', path: REGISTRATION_REPORT }, true);
        return ok(`answered: ${page.value?.length ?? 0} people on the first page`);
      },
      explain: (failure) => {
        if (failure.kind !== 'licenseRequired') return undefined;
        if (perUser) return ok('not available without Entra ID P1 or P2; not used with REGISTRATION_SOURCE=perUserMethods');
        // Scans fall back by themselves to reading each person's methods: slower, but they work.
        return {
          status: 'warn',
          summary: `refused (403${failure.code ? ` ${failure.code}` : ''}): it needs Entra ID P1 or P2; MFA Coach is using the slower per-user mode`,
          impact: "scans read each person's methods, about 0.5 people a second: hours for a large tenant",
          fix: 'license the tenant for Entra ID P1 or P2 for the fast report, or set REGISTRATION_SOURCE=perUserMethods to stop asking for it',
        };
      },
    },
    {
      name: USERS_PROBE,
      permission: 'User.Read.All',
      needed: true,
      forUser: false,
      run: async (c) =>
        (await c.firstUser())
          ? ok('answered')
          : {
              status: 'warn',
              summary: 'answered, but the directory lists nobody',
              impact: 'scans find nobody to count or remind',
              fix: 'check that TENANT_ID names the tenant whose people MFA Coach serves',
            },
    },
    {
      name: "Graph: a person's methods",
      permission: 'UserAuthenticationMethod.Read.All',
      needed: true,
      forUser: true,
      run: async (c, id) => {
        await c.send({ method: 'GET', path: `${user(id)}/authentication/methods` }, true);
        return ok('answered for one person');
      },
    },
    {
      name: "Graph: a person's time zone",
      permission: 'MailboxSettings.Read',
      needed: true,
      forUser: true,
      run: async (c, id) => {
        await c.send({ method: 'GET', path: `${user(id)}/mailboxSettings/timeZone` });
        return ok('answered for one person');
      },
      explain: (failure) =>
        failure.kind === 'notFound'
          ? {
              status: 'warn',
              summary: `not confirmed: the person asked about has no mailbox (${failure.status} ${failure.code ?? ''})`.trim(),
              impact: 'people without a mailbox get nudges in NUDGE_DEFAULT_TIME_ZONE',
              fix: 'nothing, if that account has no mailbox on purpose',
            }
          : undefined,
    },
    {
      name: "Graph: a person's directory roles",
      permission: 'User.Read.All',
      needed: true,
      forUser: true,
      run: async (c, id) => {
        const path = graphPath(`${user(id)}/transitiveMemberOf/microsoft.graph.directoryRole`, {
          $select: 'id,roleTemplateId',
          $count: 'true',
        });
        const page = await c.send<{ value?: { roleTemplateId?: string | null }[] }>({ method: 'GET', path, headers: ADVANCED_QUERY });
        const hidden = (page.value ?? []).some((role) => !role.roleTemplateId);
        if (!hidden || !needs.adminRoles) return ok('answered');
        return {
          status: 'fail',
          summary: 'answered, but without saying which roles: RoleManagement.Read.Directory is missing',
          impact: 'role holders (ADMIN_ROLE_TEMPLATE_IDS) are not recognised as admins',
          fix: 'grant the Microsoft Graph application permission RoleManagement.Read.Directory and give admin consent',
        };
      },
    },
    {
      name: 'Graph: admin group membership',
      permission: 'GroupMember.Read.All',
      needed: true,
      forUser: true,
      ...(settings.groupIds.length === 0 ? { skip: ok('not sent: no admin or campaign-manager group is configured') } : {}),
      run: async (c, id) => {
        const body = { groupIds: settings.groupIds.slice(0, 1) };
        await c.send({ method: 'POST', path: `${user(id)}/checkMemberGroups`, body });
        return ok('answered for one person and the first configured group');
      },
    },
    {
      name: 'Graph: directory roles',
      permission: 'RoleManagement.Read.Directory',
      needed: needs.adminRoles || needs.perUserMethods,
      forUser: false,
      ...(needs.adminRoles || needs.perUserMethods ? {} : { skip: ok('not sent: not needed with these settings') }),
      run: async (c) => {
        const page = await c.send<{ value?: unknown[] }>({ method: 'GET', path: '/directoryRoles' });
        return ok(`answered: ${page.value?.length ?? 0} activated roles`);
      },
    },
    teamsAppProbe(settings.teamsAppCatalogId),
  ];
}

/**
 * The catalog itself (`/appCatalogs/teamsApps`) needs AppCatalog.Read.All, which the bot does not have and should
 * not get for this: the id's form is checked, and the installed-apps query the bot makes before an install answers.
 */
function teamsAppProbe(catalogId: string | undefined): Probe {
  const probe = { name: 'Graph: Teams app catalog id', permission: 'TeamsAppInstallation.ReadWriteSelfForUser.All', forUser: true };
  if (!catalogId)
    return {
      ...probe,
      needed: false,
      skip: ok('not set (TEAMS_APP_CATALOG_ID): only people who opened MFA Coach can be nudged'),
      run: async () => ok(''),
    };
  if (!isGuid(catalogId))
    return {
      ...probe,
      needed: true,
      skip: {
        status: 'fail',
        summary: 'TEAMS_APP_CATALOG_ID is not a GUID',
        impact: 'nobody who has not opened MFA Coach can be nudged',
        fix: "set it to the app's id in the tenant's app catalog (not the manifest id), see the README",
      },
      run: async () => ok(''),
    };
  return {
    ...probe,
    needed: true,
    run: async (c, id) => {
      const path = graphPath(`${user(id)}/teamwork/installedApps`, { $filter: `teamsApp/id eq '${catalogId}'` });
      const page = await c.send<{ value?: unknown[] }>({ method: 'GET', path });
      const installed = (page.value ?? []).length > 0;
      return ok(`the id is well-formed and Graph answered (${installed ? 'installed' : 'not yet installed'} for the person asked about)`);
    },
  };
}

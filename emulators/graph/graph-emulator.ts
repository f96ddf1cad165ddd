import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildDemoSignIns, type AuthenticationMethod, type DemoTenant, type SignInEvent } from '../demo-tenant';
import { JSON_CONTENT_TYPE } from './batch-handler';
import { handleControlRequest } from './emulator-control';
import { EmulatorStats, type GraphEmulatorStats } from './emulator-stats';
import { rolesOfToken } from './emulator-token';
import { FaultInjector, type FaultSpec } from './fault-injector';
import { GraphDispatcher } from './graph-dispatcher';
import { GraphError } from './graph-error';
import { parseQuery, type GraphRequest, type GraphResponse } from './graph-request';
import type { GraphRoute } from './graph-route';
import type { GraphService, ThrottleSetting, ThrottleSettings } from './graph-service';
import { GraphState, type ReportQueryOptions } from './graph-state';
import { authenticationMethodsPolicyRoutes } from './routes/authentication-methods-policy-routes';
import { authenticationMethodsRoutes } from './routes/authentication-methods-routes';
import { conditionalAccessRoutes } from './routes/conditional-access-routes';
import { directoryRolesRoutes } from './routes/directory-roles-routes';
import { mailboxSettingsRoutes } from './routes/mailbox-settings-routes';
import { membershipsRoutes } from './routes/memberships-routes';
import { groupsRoutes } from './routes/groups-routes';
import { reportsRoutes } from './routes/reports-routes';
import { signInsRoutes } from './routes/sign-ins-routes';
import { securityDefaultsRoutes } from './routes/security-defaults-routes';
import { teamworkRoutes } from './routes/teamwork-routes';
import { usersRoutes } from './routes/users-routes';
import { ServiceThrottle } from './service-throttle';

export interface GraphEmulatorOptions {
  tenant: DemoTenant;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Loopback by default: the emulator trusts unsigned tokens (it checks their roles, not who signed them), so it must not listen beyond this machine. */
  host?: string;
  /** Per-service limits; defaults: reports 5 requests per 10 s, everything else unlimited. null = unlimited. */
  throttle?: ThrottleSettings;
  /**
   * Real time per emulated time. 1 = real time; 0.01 makes a 10 s throttle window last 100 ms and scales
   * Retry-After waits alike (see retry-after.ts for the header contract). Also scales reportLagSeconds.
   */
  timeScale?: number;
  /** Emulated seconds before a method change shows in the registration report (0 = at once). The live methods API never lags. */
  reportLagSeconds?: number;
  /** lastUpdatedDateTime of untouched report rows; default: two hours before start. */
  reportGeneratedAt?: Date;
  /**
   * Whether the tenant has Microsoft Entra ID P1/P2 (default true). Without it the authentication methods
   * reports answer 403 `Authentication_RequestFromNonPremiumTenantOrB2CTenant`, as Graph does; the per-user
   * `/users/{id}/authentication/methods` still works, which is what the bot's fallback mode reads.
   */
  entraIdPremium?: boolean;
  /**
   * The registration report's query options. 'documented' (default): only `$filter` and `$orderby`, which is
   * what Microsoft documents for v1.0; `$top`, `$select` and `$count` answer 400 and pages hold 100 rows.
   * 'lenient': those are served too.
   */
  reportQueryOptions?: ReportQueryOptions;
  /**
   * "Now" for the demo tenant's sign-in log (`buildDemoSignIns`: SMTP AUTH senders and interactive sign-ins over
   * the 30 days before it). Default: the emulator's start. Tests pass a fixed date, or `signIns`.
   */
  signInsAnchor?: Date;
  /** The sign-in log to serve instead of the demo one (`[]` for none). */
  signIns?: readonly SignInEvent[];
  /** Print a warning for each distinct 501 (default true). */
  logNotImplemented?: boolean;
}

export interface GraphEmulator {
  /** Origin, e.g. http://127.0.0.1:4010; Graph paths live under `${url}/v1.0/`. */
  readonly url: string;
  /** `${url}/v1.0`, the value for a Graph client's base URL. */
  readonly graphUrl: string;
  readonly port: number;
  /** The mutable tenant behind the API: enrol a user, pre-install the app, refresh the report. */
  readonly state: GraphState;
  stats(): GraphEmulatorStats;
  /** The next `count` matching requests fail with `status` (e.g. a 503 burst or a 429 storm). */
  injectFaults(spec: FaultSpec): void;
  /** Changes one service's limit (null = unlimited) and clears its window. */
  setThrottle(service: GraphService, setting: ThrottleSetting | null): void;
  /** Registers a method for a user (shortcut for state.addMethod). */
  addMethod(userIdOrUpn: string, method: AuthenticationMethod): void;
  /** Back to how it started: tenant state, throttle settings and windows, pending faults, stats. */
  reset(): void;
  close(): Promise<void>;
}

/** All routes the emulator serves, one file per resource. */
export const GRAPH_ROUTES: readonly GraphRoute[] = [
  ...usersRoutes,
  ...mailboxSettingsRoutes,
  ...authenticationMethodsRoutes,
  ...reportsRoutes,
  ...signInsRoutes,
  ...membershipsRoutes,
  ...groupsRoutes,
  ...directoryRolesRoutes,
  ...teamworkRoutes,
  ...authenticationMethodsPolicyRoutes,
  ...conditionalAccessRoutes,
  ...securityDefaultsRoutes,
];

const MAX_BODY_BYTES = 4 * 1024 * 1024;

export async function startGraphEmulator(options: GraphEmulatorOptions): Promise<GraphEmulator> {
  const timeScale = options.timeScale ?? 1;
  if (!(timeScale > 0)) throw new RangeError('timeScale must be > 0');
  const host = options.host ?? '127.0.0.1';
  const state = new GraphState(options.tenant, {
    reportGeneratedAt: options.reportGeneratedAt ?? new Date(Date.now() - 2 * 3600_000),
    reportLagMs: (options.reportLagSeconds ?? 0) * 1000 * timeScale,
    entraIdPremium: options.entraIdPremium ?? true,
    reportQueryOptions: options.reportQueryOptions ?? 'documented',
    signIns: options.signIns ?? buildDemoSignIns(options.tenant, { now: options.signInsAnchor ?? new Date() }),
  });
  const throttle = new ServiceThrottle(options.throttle ?? {}, timeScale);
  const faults = new FaultInjector();
  const stats = new EmulatorStats();
  const context = { state, baseUrl: '', metadata: '' };
  const dispatcher = new GraphDispatcher({
    routes: GRAPH_ROUTES,
    context,
    throttle,
    faults,
    stats,
    timeScale,
    logNotImplemented: options.logNotImplemented ?? true,
  });

  const emulator = {
    injectFaults: (spec: FaultSpec) => faults.add(spec),
    setThrottle: (service: GraphService, setting: ThrottleSetting | null) => throttle.set(service, setting),
    addMethod: (user: string, method: AuthenticationMethod) => state.addMethod(user, method),
    stats: () => stats.snapshot(),
    reset: () => {
      state.reset();
      throttle.reset();
      faults.clear();
      stats.reset();
    },
  };

  const server = createServer((req, res) => {
    readBody(req)
      .then((raw) => serve(req, res, raw))
      .catch((e: unknown) => {
        const error =
          e instanceof GraphError ? e : new GraphError(500, 'generalException', `Graph emulator failure: ${(e as Error).message}`);
        send(res, { status: error.status, body: error.toBody() }, req);
      });
  });

  const serve = (req: IncomingMessage, res: ServerResponse, raw: string) => {
    const url = new URL(req.url ?? '/', context.baseUrl);
    if (url.pathname.startsWith('/_emulator/')) {
      send(res, handleControlRequest(req.method ?? 'GET', url.pathname, raw, { state, emulator }), req);
      return;
    }
    const target = graphTarget(url, context.baseUrl);
    if (typeof target === 'string') {
      send(res, { status: 501, body: new GraphError(501, 'NotImplemented', target).toBody() }, req);
      stats.notImplemented(`${req.method} ${url.pathname}`);
      return;
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers[name] = value;
    // Graph reads the app's permissions from its token's `roles`; a token that is not a JWT is refused, as Graph does.
    const bearer = /^Bearer\s+(\S+)/i.exec(headers['authorization'] ?? '')?.[1];
    const roles = bearer === undefined ? undefined : rolesOfToken(bearer);
    if (roles === undefined) {
      stats.unauthorized();
      const message = bearer === undefined ? 'Access token is empty.' : 'IDX14100: JWT is not well formed, there are no dots (.).';
      const error = new GraphError(401, 'InvalidAuthenticationToken', message, {
        'WWW-Authenticate': 'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize"',
      });
      send(res, { status: 401, headers: error.headers, body: error.toBody(headers['client-request-id']) }, req);
      return;
    }
    let body: unknown;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw);
      } catch {
        send(
          res,
          {
            status: 400,
            body: new GraphError(
              400,
              'BadRequest',
              'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
            ).toBody(),
          },
          req,
        );
        return;
      }
    }
    const request: GraphRequest = {
      method: (req.method ?? 'GET').toUpperCase(),
      path: target.path,
      query: parseQuery(target.search),
      headers,
      body,
      inBatch: false,
      roles,
    };
    send(res, dispatcher.dispatch(request), req);
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  context.baseUrl = origin;
  context.metadata = `${origin}/v1.0/$metadata`;

  return {
    url: origin,
    graphUrl: `${origin}/v1.0`,
    port,
    state,
    ...emulator,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/**
 * Where a request points inside v1.0, or why it is not served.
 *
 * Besides plain `/v1.0/...`, it accepts the path Graph JS SDK 3 makes of an absolute `http://` nextLink: the SDK
 * only recognises `https://` links as absolute, so it appends the whole link to its base URL and requests
 * `/v1.0/http://127.0.0.1:port/v1.0/users?$skiptoken=…`. When the embedded origin is this emulator's own, the
 * embedded URL is served; that keeps the bot's production paging code (PageIterator) working against the
 * emulator without teaching the emulator to hand out fake https links.
 */
function graphTarget(url: URL, origin: string): { path: string; search: string } | string {
  const path = url.pathname;
  const embedded = /^\/v1\.0\/(https?:\/\/?[^/]+)(\/.*)?$/i.exec(path);
  if (embedded) {
    const embeddedOrigin = (embedded[1] as string).replace(/^(https?:)\/?\/?/i, '$1//').toLowerCase();
    if (embeddedOrigin !== origin.toLowerCase())
      return `NOT EMULATED: ${path} embeds a link to ${embeddedOrigin}, which is not this emulator (${origin}).`;
    return graphTarget(new URL(`${embedded[2] ?? '/'}${url.search}`, origin), origin);
  }
  if (/^\/v1\.0(\/|$)/i.test(path)) return { path: path.slice(5) || '/', search: url.search };
  if (/^\/beta(\/|$)/i.test(path)) return `NOT EMULATED: the Graph emulator serves v1.0 only, not ${path}.`;
  return `NOT EMULATED: ${path} is not a Graph path; the emulator serves /v1.0/… (and /_emulator/… for control).`;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new GraphError(413, 'RequestEntityTooLarge', `Request bodies above ${MAX_BODY_BYTES} bytes are refused.`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, response: GraphResponse, req: IncomingMessage): void {
  if (res.headersSent) return;
  const requestId = randomUUID();
  const clientRequestId = req.headers['client-request-id'];
  const headers: Record<string, string> = {
    'request-id': requestId,
    'client-request-id': typeof clientRequestId === 'string' ? clientRequestId : requestId,
    ...(response.headers ?? {}),
  };
  if (response.body === undefined) {
    res.writeHead(response.status, headers);
    res.end();
    return;
  }
  const payload = JSON.stringify(response.body);
  res.writeHead(response.status, { ...headers, 'Content-Type': JSON_CONTENT_TYPE, 'Content-Length': String(Buffer.byteLength(payload)) });
  res.end(payload);
}

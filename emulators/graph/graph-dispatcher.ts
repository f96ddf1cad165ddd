import { handleBatch } from './batch-handler';
import type { EmulatorStats } from './emulator-stats';
import type { FaultInjector, FaultSpec } from './fault-injector';
import { GraphError } from './graph-error';
import { formatQuery, type GraphRequest, type GraphResponse } from './graph-request';
import { matchRoute, type GraphRoute, type RouteContext } from './graph-route';
import { retryAfterHeaders } from './retry-after';
import { permissionRefusal } from './route-permissions';
import type { ServiceThrottle } from './service-throttle';

export interface DispatcherParts {
  routes: readonly GraphRoute[];
  context: RouteContext;
  throttle: ServiceThrottle;
  faults: FaultInjector;
  stats: EmulatorStats;
  timeScale: number;
  logNotImplemented: boolean;
}

const FAULT_CODES: Readonly<Record<number, string>> = {
  400: 'BadRequest',
  401: 'InvalidAuthenticationToken',
  403: 'Authorization_RequestDenied',
  404: 'Request_ResourceNotFound',
  409: 'Conflict',
  429: 'TooManyRequests',
  500: 'generalException',
  502: 'BadGateway',
  503: 'serviceNotAvailable',
  504: 'GatewayTimeout',
};

/**
 * Routes one request (from HTTP or from inside a $batch): route lookup → injected fault → service throttle →
 * handler. Anything without a route is answered 501, naming the call, never with a made-up success.
 */
export class GraphDispatcher {
  private readonly warned = new Set<string>();

  constructor(private readonly parts: DispatcherParts) {}

  dispatch(req: GraphRequest): GraphResponse {
    const { stats, throttle } = this.parts;
    if (!req.inBatch && req.method === 'POST' && /^\/(\$|%24)batch\/?$/i.test(req.path)) {
      stats.batch();
      const fault = this.takeFault(req, true);
      if (fault) return fault;
      return this.guard(req, () => handleBatch(req, (inner) => this.dispatch(inner)));
    }
    const found = matchRoute(this.parts.routes, req.method, req.path);
    if (!found.route) return this.notImplemented(req, found.otherMethods);
    const { route, params } = found;
    stats.routed(route.service, `${req.method} ${route.name}`, queryForm(req));
    const refused = permissionRefusal(req.method, route.name, req.roles);
    if (refused) {
      stats.forbidden(`${req.method} ${route.name}`);
      return { status: refused.status, body: refused.toBody(req.headers['client-request-id']) };
    }
    const fault = this.takeFault(req, false);
    if (fault) return fault;
    const decision = throttle.take(route.service);
    if (!decision.allowed) {
      stats.throttled(route.service);
      const error = new GraphError(
        429,
        'TooManyRequests',
        `Too many requests to the ${route.service} service: the emulator allows ${describeLimit(throttle.get(route.service))} per app per tenant. Retry after the time in the Retry-After header.`,
        retryAfterHeaders(decision.waitMs, decision.unscaledSeconds),
      );
      return { status: 429, headers: error.headers, body: error.toBody(req.headers['client-request-id']) };
    }
    return this.guard(req, () => route.handle(req, params, this.parts.context));
  }

  private guard(req: GraphRequest, run: () => GraphResponse): GraphResponse {
    try {
      return run();
    } catch (e) {
      if (e instanceof GraphError) return { status: e.status, headers: e.headers, body: e.toBody(req.headers['client-request-id']) };
      const error = new GraphError(
        500,
        'generalException',
        `The Graph emulator failed on ${req.method} ${req.path}: ${(e as Error).message}`,
      );
      console.error(`[graph-emulator] ${req.method} ${req.path} threw`, e);
      return { status: 500, body: error.toBody() };
    }
  }

  /** The outer $batch only takes a fault aimed at it (a path that matches /$batch); inner requests take any. */
  private takeFault(req: GraphRequest, isBatchEnvelope: boolean): GraphResponse | null {
    const pathWithQuery = req.query.size > 0 ? `${req.path}?${formatQuery(req.query)}` : req.path;
    const spec: FaultSpec | null = this.parts.faults.take(req, pathWithQuery, isBatchEnvelope);
    if (!spec) return null;
    this.parts.stats.fault();
    const seconds = spec.retryAfterSeconds ?? (spec.status === 429 ? 1 : undefined);
    const headers = seconds === undefined ? {} : retryAfterHeaders(seconds * 1000 * this.parts.timeScale, seconds);
    const error = new GraphError(
      spec.status,
      FAULT_CODES[spec.status] ?? 'InjectedFault',
      `Injected fault: the Graph emulator was told to answer ${spec.status} to this request.`,
      headers,
    );
    return { status: spec.status, headers, body: error.toBody(req.headers['client-request-id']) };
  }

  private notImplemented(req: GraphRequest, otherMethods: string[]): GraphResponse {
    const call = `${req.method} /v1.0${req.path}`;
    this.parts.stats.notImplemented(call);
    const also = otherMethods.length > 0 ? ` It serves ${[...new Set(otherMethods)].join(', ')} on this path.` : '';
    const message = `NOT EMULATED: the Graph emulator does not implement ${call}.${also} It never pretends; add a route under emulators/graph/routes if the bot needs this call.`;
    if (this.parts.logNotImplemented && !this.warned.has(call)) {
      this.warned.add(call);
      console.warn(`[graph-emulator] 501 ${message}`);
    }
    return { status: 501, body: new GraphError(501, 'NotImplemented', message).toBody(req.headers['client-request-id']) };
  }
}

/** The option names a request carries ($skiptoken left out: it is the server's own paging), and the advanced-query header. */
function queryForm(req: GraphRequest): string {
  const names = [...req.query.keys()].filter((key) => key.startsWith('$') && key !== '$skiptoken').sort();
  const header = req.headers['consistencylevel'] ? ' +ConsistencyLevel' : '';
  return `${names.join('&')}${header}`;
}

function describeLimit(setting: { limit: number; windowSeconds: number } | null): string {
  return setting ? `${setting.limit} requests per ${setting.windowSeconds} s` : 'no requests';
}

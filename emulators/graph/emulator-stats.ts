import { GRAPH_SERVICES, type GraphService } from './graph-service';

export interface GraphEmulatorStats {
  /** Requests that reached a route, inner $batch requests counted one by one; the $batch envelope is not. */
  requests: number;
  requestsByService: Record<GraphService, number>;
  /** Requests per route template, e.g. 'GET /users/{id}/authentication/methods'. */
  requestsByRoute: Record<string, number>;
  /**
   * The distinct query forms each route was asked in: the option names sent (sorted, '&'-joined, '' for none),
   * with ' +ConsistencyLevel' when that header came too; e.g. 'GET /users': ['$expand&$select&$top']. Tests read it
   * to check that the bot sends only the forms Microsoft documents.
   */
  formsByRoute: Record<string, string[]>;
  batches: number;
  throttled: number;
  throttledByService: Record<GraphService, number>;
  /** Injected faults served. */
  faults: number;
  /** Requests answered 401 for a missing or malformed bearer token. */
  unauthorized: number;
  /** Routes answered 403 because the token's roles lacked the permission they need, with how often. */
  forbiddenByRoute: Record<string, number>;
  /** Requests for routes the emulator does not serve (answered 501). */
  notImplemented: number;
  notImplementedRoutes: string[];
}

export class EmulatorStats {
  private stats = emptyStats();

  snapshot(): GraphEmulatorStats {
    return structuredClone(this.stats);
  }

  routed(service: GraphService, route: string, form: string): void {
    this.stats.requests++;
    this.stats.requestsByService[service]++;
    this.stats.requestsByRoute[route] = (this.stats.requestsByRoute[route] ?? 0) + 1;
    const forms = (this.stats.formsByRoute[route] ??= []);
    if (!forms.includes(form)) forms.push(form);
  }

  throttled(service: GraphService): void {
    this.stats.throttled++;
    this.stats.throttledByService[service]++;
  }

  batch(): void {
    this.stats.batches++;
  }

  fault(): void {
    this.stats.faults++;
  }

  forbidden(route: string): void {
    this.stats.forbiddenByRoute[route] = (this.stats.forbiddenByRoute[route] ?? 0) + 1;
  }

  unauthorized(): void {
    this.stats.unauthorized++;
  }

  notImplemented(route: string): void {
    this.stats.notImplemented++;
    if (this.stats.notImplementedRoutes.length < 50 && !this.stats.notImplementedRoutes.includes(route))
      this.stats.notImplementedRoutes.push(route);
  }

  reset(): void {
    this.stats = emptyStats();
  }
}

function emptyStats(): GraphEmulatorStats {
  const perService = () => Object.fromEntries(GRAPH_SERVICES.map((s) => [s, 0])) as Record<GraphService, number>;
  return {
    requests: 0,
    requestsByService: perService(),
    requestsByRoute: {},
    formsByRoute: {},
    batches: 0,
    throttled: 0,
    throttledByService: perService(),
    faults: 0,
    unauthorized: 0,
    forbiddenByRoute: {},
    notImplemented: 0,
    notImplementedRoutes: [],
  };
}

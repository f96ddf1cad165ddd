import { GRAPH_SERVICES, type GraphService } from './graph-service';

export interface GraphEmulatorStats {
  /** Requests that reached a route, inner $batch requests counted one by one; the $batch envelope is not. */
  requests: number;
  requestsByService: Record<GraphService, number>;
  /** Requests per route template, e.g. 'GET /users/{id}/authentication/methods'. */
  requestsByRoute: Record<string, number>;
  batches: number;
  throttled: number;
  throttledByService: Record<GraphService, number>;
  /** Injected faults served. */
  faults: number;
  /** Requests answered 401 for a missing bearer token. */
  unauthorized: number;
  /** Requests for routes the emulator does not serve (answered 501). */
  notImplemented: number;
  notImplementedRoutes: string[];
}

export class EmulatorStats {
  private stats = emptyStats();

  snapshot(): GraphEmulatorStats {
    return structuredClone(this.stats);
  }

  routed(service: GraphService, route: string): void {
    this.stats.requests++;
    this.stats.requestsByService[service]++;
    this.stats.requestsByRoute[route] = (this.stats.requestsByRoute[route] ?? 0) + 1;
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
    batches: 0,
    throttled: 0,
    throttledByService: perService(),
    faults: 0,
    unauthorized: 0,
    notImplemented: 0,
    notImplementedRoutes: [],
  };
}

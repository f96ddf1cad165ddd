import type { GraphRequest, GraphResponse } from './graph-request';
import type { GraphService } from './graph-service';
import type { GraphState } from './graph-state';

export interface RouteContext {
  state: GraphState;
  /** The emulator's origin, e.g. http://127.0.0.1:4010. */
  baseUrl: string;
  /** `${baseUrl}/v1.0/$metadata`, the prefix of every `@odata.context`. */
  metadata: string;
}

export interface GraphRoute {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** The template, for stats and messages: '/users/{id}/manager'. */
  name: string;
  service: GraphService;
  pattern: RegExp;
  handle(req: GraphRequest, params: string[], ctx: RouteContext): GraphResponse;
}

/**
 * Declares a route from a template. `{name}` matches one path segment (percent-decoded before the handler
 * sees it); a trailing `{call}` matches an optional OData function-call argument list: `(a='x',b='y')` or `()`.
 * Matching ignores case, as Graph does for path segments.
 */
export function route(method: GraphRoute['method'], template: string, service: GraphService, handle: GraphRoute['handle']): GraphRoute {
  const source = template
    .split(/(\{[a-zA-Z]+\})/)
    .map((part) => {
      if (part === '{call}') return '(?:\\(([^/]*)\\))?';
      if (/^\{[a-zA-Z]+\}$/.test(part)) return '([^/]+)';
      return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
    })
    .join('');
  return { method, name: template, service, pattern: new RegExp(`^${source}/?$`, 'i'), handle };
}

export function matchRoute(
  routes: readonly GraphRoute[],
  method: string,
  path: string,
): { route: GraphRoute; params: string[] } | { route: null; otherMethods: string[] } {
  const otherMethods: string[] = [];
  for (const r of routes) {
    const match = r.pattern.exec(path);
    if (!match) continue;
    if (r.method !== method) {
      otherMethods.push(r.method);
      continue;
    }
    return { route: r, params: match.slice(1).map((p) => (p === undefined ? '' : safeDecode(p))) };
  }
  return { route: null, otherMethods };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

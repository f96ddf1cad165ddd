import { compileFilter, type FilterResource } from './compile-filter';
import { badRequest } from './graph-error';
import type { GraphRequest } from './graph-request';
import { parseFilter } from './odata-filter';

/** Graph's page size when a client sends no `$top`. */
export const DEFAULT_PAGE_SIZE = 100;
/** The largest `$top` the directory accepts for users; the emulator applies it to every paged collection. */
export const MAX_PAGE_SIZE = 999;
/**
 * With `$expand` on directory objects Graph answers at most 100 objects a page, whatever `$top` asks (Microsoft
 * Graph known issue 13635): a client that assumed `$top` pages would read a tenant's first 100 people only.
 */
export const MAX_EXPANDED_PAGE_SIZE = 100;

/** Refuses query options a route does not serve, e.g. `$search` or `$skip`: silently ignoring them would lie. */
export function rejectUnknownOptions(req: GraphRequest, allowed: readonly string[]): void {
  for (const key of req.query.keys()) {
    if (key.startsWith('$') && !allowed.includes(key)) {
      throw badRequest(`Query option '${key}' is not supported on ${req.method} ${req.path} by the Graph emulator.`);
    }
  }
}

export function readTop(req: GraphRequest): number {
  const raw = req.query.get('$top');
  if (raw === undefined) return DEFAULT_PAGE_SIZE;
  const top = Number(raw);
  if (!Number.isInteger(top) || top < 1 || top > MAX_PAGE_SIZE) {
    throw badRequest(`Invalid page size specified: '${raw}'. Must be between 1 and ${MAX_PAGE_SIZE} inclusive.`, 'Request_BadRequest');
  }
  return top;
}

/** `$select`: null when absent. Unknown names are refused the way Graph refuses them. */
export function readSelect(
  req: GraphRequest,
  allowed: readonly string[],
  typeName: string,
  value = req.query.get('$select'),
): string[] | null {
  if (value === undefined) return null;
  const names = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return names.map((name) => {
    const known = allowed.find((a) => a.toLowerCase() === name.toLowerCase());
    if (!known) throw badRequest(`Could not find a property named '${name}' on type '${typeName}'.`);
    return known;
  });
}

export function readFilter<T>(req: GraphRequest, resource: FilterResource<T>): ((item: T) => boolean) | null {
  const raw = req.query.get('$filter');
  if (raw === undefined) return null;
  if (raw.trim() === '') throw badRequest('Invalid filter clause: the filter is empty.');
  return compileFilter(parseFilter(raw), resource);
}

/**
 * `$count=true` is an advanced query: Graph only answers it with `ConsistencyLevel: eventual`. Refusing it
 * otherwise keeps a client from shipping without the header.
 */
export function readCount(req: GraphRequest): boolean {
  const raw = req.query.get('$count');
  if (raw === undefined || raw.toLowerCase() === 'false') return false;
  if (raw.toLowerCase() !== 'true') throw badRequest(`Invalid value '${raw}' for $count: use true or false.`);
  if (!isEventual(req)) {
    throw badRequest("$count=true needs the request header 'ConsistencyLevel: eventual' (an advanced query).", 'Request_BadRequest');
  }
  return true;
}

export function isEventual(req: GraphRequest): boolean {
  return (req.headers['consistencylevel'] ?? '').toLowerCase() === 'eventual';
}

export interface OrderBy {
  property: string;
  descending: boolean;
}

export function readOrderBy(req: GraphRequest, allowed: readonly string[], typeName: string): OrderBy | null {
  const raw = req.query.get('$orderby');
  if (raw === undefined) return null;
  const parts = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length !== 1) throw badRequest(`The emulator sorts by one property at a time, got '${raw}'.`, 'Request_UnsupportedQuery');
  const [name, direction = 'asc', ...rest] = (parts[0] as string).split(/\s+/);
  const known = allowed.find((a) => a.toLowerCase() === (name as string).toLowerCase());
  if (!known || rest.length > 0 || !['asc', 'desc'].includes(direction.toLowerCase())) {
    throw badRequest(`Sorting by '${raw}' is not supported on type '${typeName}'.`, 'Request_UnsupportedQuery');
  }
  return { property: known, descending: direction.toLowerCase() === 'desc' };
}

/** `$expand=a,b($select=x,y)`; returns the expanded names with their nested `$select`, if any. */
export function readExpand(req: GraphRequest, allowed: readonly string[]): Map<string, string | undefined> {
  const raw = req.query.get('$expand');
  const expand = new Map<string, string | undefined>();
  if (raw === undefined) return expand;
  for (const match of raw.matchAll(/\s*([^,(]+)(?:\(([^)]*)\))?\s*(?:,|$)/g)) {
    const name = (match[1] as string).trim();
    if (!name) continue;
    const known = allowed.find((a) => a.toLowerCase() === name.toLowerCase());
    if (!known) throw badRequest(`Could not find a navigation property named '${name}' to expand.`);
    let nestedSelect: string | undefined;
    if (match[2] !== undefined) {
      const nested = /^\$select=(.+)$/i.exec(match[2].trim());
      if (!nested) throw badRequest(`Only $select is supported inside $expand=${name}(…).`);
      nestedSelect = nested[1];
    }
    expand.set(known, nestedSelect);
  }
  return expand;
}

import { badRequest } from './graph-error';
import { formatQuery, type GraphRequest } from './graph-request';

/** A collection as positions to scan; `at` answers undefined for positions that hold nothing to serve. */
export interface PageSource<T> {
  length: number;
  at(position: number): T | undefined;
}

export interface Page<T> {
  items: T[];
  nextLink?: string;
  count?: number;
}

export interface PageOptions<T> {
  pageSize: number;
  predicate: ((item: T) => boolean) | null;
  /** The emulator's origin, e.g. http://127.0.0.1:4010. */
  baseUrl: string;
  withCount: boolean;
}

/**
 * One page of a collection, and the link to the next.
 *
 * The skip token is the scan position where the next page starts, so walking a filtered 100,000-user collection
 * costs one pass in total, whatever the page size, and only one page is ever materialised.
 *
 * nextLink is absolute on the emulator's own origin (http://127.0.0.1:port/v1.0/…), because that is what Graph
 * does (absolute links on its own host) and what a client that follows links verbatim needs. A client that
 * keeps only the path (`/v1.0/users?…`) works too, since the token is in the query. Graph JS SDK 3 is a special
 * case: it only treats `https://` links as absolute, so it requests `/v1.0/http://127.0.0.1:port/v1.0/users?…`;
 * the emulator serves that path as the embedded URL when the embedded origin is its own (see graph-emulator.ts).
 */
export function readPage<T>(req: GraphRequest, source: PageSource<T>, options: PageOptions<T>): Page<T> {
  const start = readSkipToken(req);
  const { predicate, pageSize } = options;
  const items: T[] = [];
  let position = start;
  let next: number | null = null;
  for (; position < source.length; position++) {
    const item = source.at(position);
    if (item === undefined || (predicate && !predicate(item))) continue;
    if (items.length === pageSize) {
      next = position;
      break;
    }
    items.push(item);
  }
  const page: Page<T> = { items };
  if (next !== null) {
    const query = new Map(req.query);
    query.delete('$skiptoken');
    query.set('$skiptoken', encodeSkipToken(next));
    page.nextLink = `${options.baseUrl}/v1.0${req.path}?${formatQuery(query)}`;
  }
  if (options.withCount) {
    let count = 0;
    for (let p = 0; p < source.length; p++) {
      const item = source.at(p);
      if (item !== undefined && (!predicate || predicate(item))) count++;
    }
    page.count = count;
  }
  return page;
}

const TOKEN_PREFIX = 'graph-emulator:';

export function encodeSkipToken(position: number): string {
  return Buffer.from(`${TOKEN_PREFIX}${position}`, 'utf8').toString('base64url');
}

function readSkipToken(req: GraphRequest): number {
  const raw = req.query.get('$skiptoken');
  if (raw === undefined) return 0;
  const decoded = Buffer.from(raw, 'base64url').toString('utf8');
  const position = decoded.startsWith(TOKEN_PREFIX) ? Number(decoded.slice(TOKEN_PREFIX.length)) : NaN;
  if (!Number.isInteger(position) || position < 0) throw badRequest(`Invalid skip token '${raw}'.`, 'Request_BadRequest');
  return position;
}

/** The OData envelope of a page: context, optional count, value, nextLink (Graph's order). */
export function pageBody<T>(context: string, page: Page<T>, render: (item: T) => unknown): Record<string, unknown> {
  const body: Record<string, unknown> = { '@odata.context': context };
  if (page.count !== undefined) body['@odata.count'] = page.count;
  body.value = page.items.map(render);
  if (page.nextLink) body['@odata.nextLink'] = page.nextLink;
  return body;
}

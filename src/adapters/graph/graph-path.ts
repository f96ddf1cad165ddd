/**
 * A path relative to Graph's version root with its query options, written the way Graph writes its own
 * links: `$` names and OData punctuation readable, everything else percent-encoded.
 *
 *   graphPath('/users', { $select: 'id,department', $top: 999 }) → '/users?$select=id,department&$top=999'
 */
export function graphPath(path: string, query: Readonly<Record<string, string | number | undefined>> = {}): string {
  const pairs = Object.entries(query)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => `${name}=${encodeValue(String(value))}`);
  return pairs.length === 0 ? path : `${path}?${pairs.join('&')}`;
}

function encodeValue(value: string): string {
  return encodeURIComponent(value).replace(/%(24|2C|28|29|27|3D|3A)/gi, (escaped) => decodeURIComponent(escaped));
}

/**
 * The path (relative to v1.0, with its query) an `@odata.nextLink` points to.
 *
 * Following the link's own origin would hand our bearer token to whatever host a response names (our token
 * middleware signs every request), so a link is only ever followed on the Graph host the client was built for.
 * It also sidesteps Graph JS SDK 3 treating absolute `http://` links (the emulator's) as relative paths.
 */
export function nextLinkPath(link: string): string {
  const url = new URL(link, 'https://graph.invalid');
  const match = /^\/v1\.0(\/.*)$/i.exec(url.pathname);
  if (!match) throw new Error(`Microsoft Graph returned a nextLink outside v1.0: ${url.pathname}`);
  return `${match[1]}${url.search}`;
}

/** `GET /users/{id}/authentication/methods` style text for messages and logs: the method and the path, no query. */
export function operationOf(method: string, path: string): string {
  const queryAt = path.indexOf('?');
  return `${method} ${queryAt === -1 ? path : path.slice(0, queryAt)}`;
}

/** The header Graph's advanced queries on directory objects need (with `$count=true`), e.g. a type cast on memberOf. */
export const ADVANCED_QUERY = { ConsistencyLevel: 'eventual' } as const;

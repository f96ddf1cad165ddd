/** What a request to the Connector asks for, with its path parameters decoded. */
export type ConnectorRoute =
  | { readonly operation: 'createConversation' }
  | { readonly operation: 'send'; readonly conversationId: string }
  | { readonly operation: 'reply' | 'update' | 'delete'; readonly conversationId: string; readonly activityId: string }
  | { readonly operation: 'getMembers' | 'getPagedMembers'; readonly conversationId: string }
  | { readonly operation: 'getMember'; readonly conversationId: string; readonly memberId: string }
  | { readonly operation: 'unknown' };

export type ConnectorOperation = ConnectorRoute['operation'];

/** Operations that write to a conversation: rate limited as "send to conversation", and never to overlap. */
export const WRITE_OPERATIONS: ReadonlySet<ConnectorOperation> = new Set(['send', 'reply', 'update', 'delete']);

/**
 * Match a request to the v3 Conversations API.
 * The path is split before decoding: botbuilder percent-encodes ids (`a%3A1…`, `19%3A…%40thread.v2`), other clients may
 * send `:` `@` `;` raw, and an encoded `/` must stay inside its segment.
 */
export function parseConnectorRoute(method: string, rawUrl: string): ConnectorRoute {
  const path = rawUrl.split('?')[0] ?? '';
  const raw = path.split('/');
  if (raw[0] !== '' || raw[1] !== 'v3' || raw[2] !== 'conversations') return { operation: 'unknown' };
  if (raw.length > 3 && raw[raw.length - 1] === '') raw.pop(); // tolerate one trailing slash
  let segments: string[];
  try {
    segments = raw.slice(3).map((s) => decodeURIComponent(s));
  } catch {
    return { operation: 'unknown' };
  }
  if (segments.some((s) => s === '')) return { operation: 'unknown' };
  const [conversationId, collection, id, extra] = segments;

  if (conversationId === undefined) return method === 'POST' ? { operation: 'createConversation' } : { operation: 'unknown' };
  if (extra !== undefined) return { operation: 'unknown' };
  if (collection === 'activities') {
    if (id === undefined) return method === 'POST' ? { operation: 'send', conversationId } : { operation: 'unknown' };
    if (id === 'history') return { operation: 'unknown' };
    if (method === 'POST') return { operation: 'reply', conversationId, activityId: id };
    if (method === 'PUT') return { operation: 'update', conversationId, activityId: id };
    if (method === 'DELETE') return { operation: 'delete', conversationId, activityId: id };
  }
  if (method === 'GET' && collection === 'members') {
    return id === undefined ? { operation: 'getMembers', conversationId } : { operation: 'getMember', conversationId, memberId: id };
  }
  if (method === 'GET' && collection === 'pagedmembers' && id === undefined) return { operation: 'getPagedMembers', conversationId };
  return { operation: 'unknown' };
}

import { badRequest, GraphError } from './graph-error';
import { ok, parseQuery, type GraphRequest, type GraphResponse } from './graph-request';

/** Graph's limit on requests in one JSON batch. */
export const MAX_BATCH_REQUESTS = 20;

interface InnerRequest {
  id: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  dependsOn?: string[];
}

export const JSON_CONTENT_TYPE = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

/**
 * `POST /$batch`. Each inner request goes through `dispatch` like any other request: same handlers, same
 * throttle (20 reports calls in a batch are 20 reports calls), same faults. A throttled inner request comes
 * back as an inner 429 with its own Retry-After while the envelope stays 200, as Graph does.
 */
export function handleBatch(req: GraphRequest, dispatch: (inner: GraphRequest) => GraphResponse): GraphResponse {
  const requests = readRequests(req.body);
  const statusById = new Map<string, number>();
  const responses = requests.map((inner) => {
    const response = answerInner(inner, statusById, req, dispatch);
    statusById.set(inner.id, response.status);
    const headers: Record<string, string> = { ...(response.headers ?? {}) };
    if (response.body !== undefined) headers['Content-Type'] = JSON_CONTENT_TYPE;
    return { id: inner.id, status: response.status, headers, ...(response.body !== undefined ? { body: response.body } : {}) };
  });
  return ok({ responses });
}

function answerInner(
  inner: InnerRequest,
  statusById: Map<string, number>,
  outer: GraphRequest,
  dispatch: (r: GraphRequest) => GraphResponse,
): GraphResponse {
  try {
    for (const dep of inner.dependsOn ?? []) {
      const status = statusById.get(dep);
      if (status === undefined)
        throw badRequest(`Request '${inner.id}' depends on '${dep}', which comes later or does not exist in the batch.`);
      if (status >= 400) throw new GraphError(424, 'FailedDependency', `Request '${inner.id}' depends on '${dep}', which failed.`);
    }
    if (/^https?:/i.test(inner.url))
      throw badRequest(`Batch request '${inner.id}': url must be relative to the version root (e.g. /users/{id}), got '${inner.url}'.`);
    // Graph JS SDK's BatchRequestContent keeps the version in the url ('/v1.0/users'); accept it.
    const relative = ('/' + inner.url.replace(/^\/+/, '')).replace(/^\/v1\.0(?=\/|$)/i, '') || '/';
    const queryAt = relative.indexOf('?');
    const path = queryAt === -1 ? relative : relative.slice(0, queryAt);
    if (/^\/(\$|%24)batch\/?$/i.test(path)) throw badRequest('A $batch request cannot contain another $batch.');
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(inner.headers ?? {})) headers[name.toLowerCase()] = String(value);
    let body = inner.body;
    if (body !== undefined) {
      if (!headers['content-type']) throw badRequest(`Batch request '${inner.id}' has a body but no Content-Type header.`);
      if (typeof body === 'string' && headers['content-type'].includes('json')) body = JSON.parse(body);
    }
    return dispatch({
      method: inner.method.toUpperCase(),
      path,
      query: parseQuery(queryAt === -1 ? '' : relative.slice(queryAt + 1)),
      headers: { authorization: outer.headers['authorization'] ?? '', ...headers },
      body,
      inBatch: true,
      roles: outer.roles,
    });
  } catch (e) {
    if (e instanceof GraphError) return { status: e.status, headers: e.headers, body: e.toBody(outer.headers['client-request-id']) };
    if (e instanceof SyntaxError)
      return { status: 400, body: badRequest(`Batch request '${inner.id}' has a body that is not valid JSON.`).toBody() };
    throw e;
  }
}

function readRequests(body: unknown): InnerRequest[] {
  const requests = (body as { requests?: unknown } | undefined)?.requests;
  if (!Array.isArray(requests) || requests.length === 0) throw badRequest("A $batch body needs a non-empty 'requests' array.");
  if (requests.length > MAX_BATCH_REQUESTS) {
    throw badRequest(`Number of batch request steps exceeds the maximum of ${MAX_BATCH_REQUESTS} (got ${requests.length}).`);
  }
  const ids = new Set<string>();
  return requests.map((r: unknown, i) => {
    const inner = r as Partial<InnerRequest>;
    if (typeof inner?.id !== 'string' || !inner.id) throw badRequest(`Batch request #${i + 1} needs a string 'id'.`);
    if (ids.has(inner.id)) throw badRequest(`Batch request id '${inner.id}' is used twice.`);
    ids.add(inner.id);
    if (typeof inner.method !== 'string' || typeof inner.url !== 'string')
      throw badRequest(`Batch request '${inner.id}' needs 'method' and 'url'.`);
    if (inner.dependsOn !== undefined && (!Array.isArray(inner.dependsOn) || inner.dependsOn.some((d) => typeof d !== 'string'))) {
      throw badRequest(`Batch request '${inner.id}': dependsOn must be an array of ids.`);
    }
    return inner as InnerRequest;
  });
}

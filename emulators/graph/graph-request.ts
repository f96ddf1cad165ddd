/**
 * One request as the handlers see it, whether it came over HTTP or inside a `$batch` body: both paths go
 * through the same handlers, throttles and faults.
 */
export interface GraphRequest {
  /** Upper case. */
  method: string;
  /** Relative to the version root, still percent-encoded, no query: `/users/adele%40contoso-demo.example/manager`. */
  path: string;
  /** Query options; `$`-options are keyed in lower case (`$top`), as Graph accepts any case. */
  query: ReadonlyMap<string, string>;
  /** Lower-case header names. */
  headers: Readonly<Record<string, string>>;
  /** Parsed JSON body, if any. */
  body: unknown;
  inBatch: boolean;
  /** The application permissions in the caller's token (`roles`); inner `$batch` requests carry the envelope's. */
  roles: readonly string[];
}

export interface GraphResponse {
  status: number;
  headers?: Record<string, string>;
  /** Serialised as JSON; absent for bodiless answers such as 201 from installedApps or 204. */
  body?: unknown;
}

export function parseQuery(search: string): Map<string, string> {
  const query = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(search)) {
    query.set(key.startsWith('$') ? key.toLowerCase() : key, value);
  }
  return query;
}

/** Rebuilds a query string the way Graph writes its links: readable `$` names, values percent-encoded. */
export function formatQuery(query: ReadonlyMap<string, string>): string {
  return [...query].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
}

export const ok = (body: unknown, headers?: Record<string, string>): GraphResponse => ({ status: 200, body, headers });

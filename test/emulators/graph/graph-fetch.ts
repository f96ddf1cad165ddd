import { EVERY_EMULATED_PERMISSION, emulatorAccessToken, type GraphEmulator } from '../../../emulators/graph';

/** A token that may call every emulated route. */
export const FULL_GRANT_TOKEN = emulatorAccessToken({ roles: EVERY_EMULATED_PERMISSION });

export interface GraphAnswer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary Graph JSON
  body: any;
}

/** Plain fetch against the emulator with a bearer token; `path` is relative to the origin (include /v1.0) or absolute. */
export async function graphFetch(
  emulator: GraphEmulator,
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string>; token?: string | null } = {},
): Promise<GraphAnswer> {
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  if (init.token !== null) headers.Authorization = `Bearer ${init.token ?? FULL_GRANT_TOKEN}`;
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path.startsWith('http') ? path : `${emulator.url}${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/** Follows @odata.nextLink from a first page to the end; returns every item and the number of pages. */
export async function walkPages(
  emulator: GraphEmulator,
  first: string,
  headers?: Record<string, string>,
): Promise<{ items: GraphAnswer['body'][]; pages: number }> {
  const items: GraphAnswer['body'][] = [];
  let pages = 0;
  let next: string | undefined = first;
  while (next) {
    const page = await graphFetch(emulator, next, { headers });
    if (page.status !== 200) throw new Error(`page ${pages + 1} answered ${page.status}: ${JSON.stringify(page.body)}`);
    items.push(...page.body.value);
    pages++;
    next = page.body['@odata.nextLink'];
  }
  return { items, pages };
}

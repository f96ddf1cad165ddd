import type { CallCounters, GraphCall, GraphCaller } from './graph-caller';
import { nextLinkPath } from './graph-path';
import type { RequestPacer } from '../request-pacer';

interface CollectionPage<T> {
  value?: T[];
  '@odata.nextLink'?: string;
}

/**
 * Walks a Graph collection page by page, following `@odata.nextLink`. While `onPage` handles one page the
 * next is on its way, and no further: at most two pages are in memory, and a slow consumer (the database)
 * still holds the walk back. Returns the number of pages Graph served (empty ones included).
 */
export async function walkCollection<T>(
  caller: GraphCaller,
  firstPath: string,
  /** `headers` go with every page's request (an advanced query needs them on the next pages too). */
  options: { pacer?: RequestPacer; counters: CallCounters; headers?: Record<string, string> },
  onPage: (items: T[]) => Promise<void>,
): Promise<number> {
  // The next page is asked for before this one is handed over: under the reports budget the walk's pace is
  // set by the pacer, and the handler's database work then fits in the wait instead of adding to it.
  let pending: Promise<CollectionPage<T>> | undefined = caller.send<CollectionPage<T>>(pageCall(firstPath, options.headers), options);
  let pages = 0;
  while (pending !== undefined) {
    const page: CollectionPage<T> = await pending;
    pages++;
    const next = page['@odata.nextLink'];
    pending = next ? caller.send<CollectionPage<T>>(pageCall(nextLinkPath(next), options.headers), options) : undefined;
    // Should the handler fail, the walk ends with its error and a failure of the page already asked for is moot.
    pending?.catch(() => undefined);
    await onPage(page.value ?? []);
  }
  return pages;
}

function pageCall(path: string, headers: Record<string, string> | undefined): GraphCall {
  return { method: 'GET', path, ...(headers ? { headers } : {}) };
}

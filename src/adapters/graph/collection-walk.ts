import type { CallCounters, GraphCaller } from './graph-caller';
import { nextLinkPath } from './graph-path';
import type { RequestPacer } from './request-pacer';

interface CollectionPage<T> {
  value?: T[];
  '@odata.nextLink'?: string;
}

/**
 * Walks a Graph collection page by page, following `@odata.nextLink`. The next page is asked for only
 * after `onPage` has settled: the consumer (the database) sets the pace as much as the service does, and no
 * more than one page is ever in memory. Returns the number of pages Graph served (empty ones included).
 */
export async function walkCollection<T>(
  caller: GraphCaller,
  firstPath: string,
  options: { pacer?: RequestPacer; counters: CallCounters },
  onPage: (items: T[]) => Promise<void>,
): Promise<number> {
  let path: string | undefined = firstPath;
  let pages = 0;
  while (path !== undefined) {
    const page: CollectionPage<T> = await caller.send<CollectionPage<T>>({ method: 'GET', path }, options);
    pages++;
    const next = page['@odata.nextLink'];
    await onPage(page.value ?? []);
    path = next ? nextLinkPath(next) : undefined;
  }
  return pages;
}

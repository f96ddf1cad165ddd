import { generateDemoTenant, type DemoTenant } from '../../../emulators/demo-tenant';
import { startGraphEmulator, type GraphEmulator, type GraphEmulatorOptions } from '../../../emulators/graph';
import { demoGraphToken } from '../../../scripts/demo-graph-token';
import { createGraphClient } from '../../../src/adapters/graph/graph-client';
import { GraphDirectory } from '../../../src/adapters/graph/graph-directory';
import type { GraphDirectoryOptions } from '../../../src/adapters/graph/graph-directory-options';

/** A token no message may ever show. */
export const SECRET_TOKEN = demoGraphToken('00000000-0000-0000-0000-0000000000aa');

/** Retries quick enough for tests; their shape (bounded, exponential) is what is under test. */
export const FAST_RETRIES = { baseDelayMs: 2, maxDelayMs: 20, maxThrottleRetries: 8, maxTransientRetries: 4 };

const tenants = new Map<number, DemoTenant>();

/** One generated tenant per size, shared by the suites of a worker. */
export function tenantOf(users: number): DemoTenant {
  let tenant = tenants.get(users);
  if (!tenant) tenants.set(users, (tenant = generateDemoTenant({ users })));
  return tenant;
}

/**
 * The emulator at `timeScale`, with the documented reports throttle (5 per 10 s) scaled alike. Its registration
 * report takes `$top` here, so pacing tests choose their page size; the documented report (no `$top`) and the bot's
 * fallback to it are tested in graph-directory-query-forms.test.ts.
 */
export async function startEmulator(tenant: DemoTenant, options: Partial<GraphEmulatorOptions> = {}): Promise<GraphEmulator> {
  return startGraphEmulator({ tenant, logNotImplemented: false, reportQueryOptions: 'lenient', ...options });
}

/** A GraphDirectory on the emulator through the app's own client factory; its pacer keeps the scaled budget. */
export function directoryOn(graph: GraphEmulator, timeScale: number, options: GraphDirectoryOptions = {}): GraphDirectory {
  const client = createGraphClient(graph.url, async () => SECRET_TOKEN);
  return new GraphDirectory(client, { reportsBudget: { limit: 5, windowMs: 10_000 * timeScale }, retry: FAST_RETRIES, ...options });
}

/** Ids handed to a walk, in order, and how many pages. */
export async function collect<T extends { id: string }>(
  walk: (onPage: (page: T[]) => Promise<void>) => Promise<unknown>,
): Promise<{ items: T[]; pageSizes: number[] }> {
  const items: T[] = [];
  const pageSizes: number[] = [];
  await walk(async (page) => {
    pageSizes.push(page.length);
    items.push(...page);
  });
  return { items, pageSizes };
}

import type { GraphEmulator } from '../../../../emulators/graph';
import { graphFetch, type GraphAnswer } from '../graph-fetch';
import { MetadataChecker, type CheckOptions } from './metadata-checker';

/** One checker for the emulator's responses, on the committed v1.0 extract. */
export const metadataChecker = new MetadataChecker();

/**
 * Fails with every problem found (the first 40, and how many in all), each prefixed with where it came from:
 * `expect(problems).toEqual([])` reads well for one response and badly for five hundred.
 */
export function expectConforms(problems: readonly string[]): void {
  expect({ problems: problems.length, first: problems.slice(0, 40) }).toEqual({ problems: 0, first: [] });
}

/** The problems of a 200 answer holding one `type`, each prefixed with the request. */
export function entityProblems(request: string, answer: GraphAnswer, type: string, options?: CheckOptions): string[] {
  if (answer.status !== 200) return [`${request}: answered ${answer.status} ${JSON.stringify(answer.body)}`];
  return metadataChecker.check(answer.body, type, options).map((p) => `${request} ${p}`);
}

/** The problems of a 200 collection answer of `itemType`, each prefixed with the request. */
export function collectionProblems(request: string, answer: GraphAnswer, itemType: string, options?: CheckOptions): string[] {
  if (answer.status !== 200) return [`${request}: answered ${answer.status} ${JSON.stringify(answer.body)}`];
  return metadataChecker.checkCollection(answer.body, itemType, options).map((p) => `${request} ${p}`);
}

/**
 * The problems of every page of a collection, following @odata.nextLink; a collection that comes back empty is a
 * problem too (nothing was checked).
 */
export async function walkProblems(
  graph: GraphEmulator,
  first: string,
  itemType: string,
  options: CheckOptions & { headers?: Record<string, string> } = {},
): Promise<string[]> {
  const problems: string[] = [];
  let next: string | undefined = first;
  let items = 0;
  while (next) {
    const page = await graphFetch(graph, next, { headers: options.headers });
    problems.push(...collectionProblems(`GET ${next}`, page, itemType, options));
    items += page.body?.value?.length ?? 0;
    next = page.status === 200 ? page.body['@odata.nextLink'] : undefined;
  }
  return items > 0 ? problems : [...problems, `GET ${first}: no items, so nothing was checked`];
}

/**
 * Proves a check can fail: `problemsOf` finds nothing in `body`, and after `tamper` (on a deep copy) it finds
 * problems matching every one of `expected`. A checker that walked past these objects would pass the first half only.
 */
export function expectTamperingCaught(
  problemsOf: (body: unknown) => string[],
  body: unknown,
  tamper: (copy: any) => void, // eslint-disable-line @typescript-eslint/no-explicit-any -- edits arbitrary Graph JSON
  expected: readonly RegExp[],
): void {
  expect(problemsOf(body)).toEqual([]);
  const copy = structuredClone(body);
  tamper(copy);
  const problems = problemsOf(copy);
  for (const pattern of expected) expect(problems).toContainEqual(expect.stringMatching(pattern));
}

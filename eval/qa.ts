/**
 * Evaluates the offline answer engine on the question set kept in eval/qa-questions.json and prints one
 * JSON line: top1 (in-scope questions whose answer is the expected article), top3 (expected article among
 * the first three hits, and the question not refused), oos_refused (out-of-scope questions answered "I
 * don't know"), p99_ms (time to answer, the 99th percentile). `--misses` lists what went wrong.
 *
 * `--set holdout` runs eval/qa-holdout.json instead: questions written before the engine was tuned on the
 * main set and never tuned on, to see whether changes generalise (`--set <name>` reads eval/qa-<name>.json).
 * `fresh-a` and `fresh-b` were written later, by people who saw only the articles' titles: fresh-a's misses
 * have been looked at once (two subjects the bot declines came from them); fresh-b's never, keep it that way.
 *
 *   npm run eval:qa [-- --misses] [-- --set holdout]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadKnowledgeBase } from '../src/adapters/knowledge/knowledge-base';
import { answerQuestion } from '../src/use-cases/answer-question';

interface EvalQuestion {
  question: string;
  expect: string | null;
  kind: string;
}

async function main(): Promise<void> {
  const root = join(__dirname, '..');
  // As the bot loads it: the articles and the topics it declines.
  const { search, articles } = await loadKnowledgeBase(join(root, 'knowledge'));
  const setAt = process.argv.indexOf('--set');
  const set = setAt >= 0 ? process.argv[setAt + 1] : undefined;
  if (setAt >= 0 && (!set || !/^[a-z0-9-]+$/.test(set))) throw new Error('--set needs a name such as "holdout" (eval/qa-<name>.json)');
  const file = set === undefined || set === 'main' ? 'eval/qa-questions.json' : `eval/qa-${set}.json`;
  const questions = JSON.parse(readFileSync(join(root, file), 'utf8')) as EvalQuestion[];
  const misses: string[] = [];
  const times: number[] = [];
  let inScope = 0;
  let top1 = 0;
  let top3 = 0;
  let outOfScope = 0;
  let refused = 0;
  // Warm up, so the first question does not pay for the engine's lazy set-up.
  for (const { question } of questions.slice(0, 5)) answerQuestion(search, question);
  for (const { question, expect } of questions) {
    const started = performance.now();
    const answer = answerQuestion(search, question);
    times.push(performance.now() - started);
    const got = answer.kind === 'answer' ? answer.article.id : null;
    if (expect === null) {
      outOfScope++;
      if (got === null) refused++;
      else misses.push(`out of scope, answered ${got}: ${question}`);
      continue;
    }
    inScope++;
    if (got === expect) top1++;
    else misses.push(`expected ${expect}, got ${got ?? 'refused'}: ${question}`);
    if (got !== null && search.search(question, 3).some((hit) => hit.article.id === expect)) top3++;
  }
  times.sort((a, b) => a - b);
  const p99 = times[Math.min(times.length - 1, Math.ceil(times.length * 0.99) - 1)] ?? 0;
  const ratio = (n: number, of: number) => (of === 0 ? null : +(n / of).toFixed(3));
  if (process.argv.includes('--misses')) for (const miss of misses) console.error(miss);
  console.log(JSON.stringify({
    eval: 'qa', set: set ?? 'main', articles: articles.length, questions: questions.length, in_scope: inScope, out_of_scope: outOfScope,
    top1: ratio(top1, inScope), top3: ratio(top3, inScope), oos_refused: ratio(refused, outOfScope), p99_ms: +p99.toFixed(3),
  }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

/**
 * Evaluates the offline answer engine on the question set kept in eval/qa-questions.json and prints one
 * JSON line: top1 (in-scope questions whose answer is the expected article), top3 (expected article among
 * the first three hits, or among a "not sure" answer's choices, and the question not refused), wrong (answered
 * with another article), not_sure ("I'm not sure: did you mean…"), oos_refused (out-of-scope questions answered
 * "I don't know", or a reply to small talk), p50_ms and p99_ms (time to answer). `--misses` lists what went wrong.
 *
 * `--set holdout` runs eval/qa-holdout.json instead: questions written before the engine was tuned on the
 * main set and never tuned on, to see whether changes generalise (`--set <name>` reads eval/qa-<name>.json).
 * `fresh-a` and `fresh-b` were written later, by people who saw only the articles' titles: fresh-a's misses
 * have been read while building. Those of fresh-b and holdout were judged twice by helpers, who marked where a
 * newer article answers a question as well (`alsoRight`) and reported counts only; nobody building the bot has
 * read them, keep it that way.
 *
 *   npm run eval:qa [-- --misses] [-- --set holdout]
 *
 * `--set blind-dev` and `--set blind-holdout` read eval/blind/ (see its README): questions written by people who
 * never saw the knowledge base, each with the gist of a good answer and key terms it must hold, instead of an
 * article id. Their line gives: in_scope_right (answered, and the card holds a term of each group),
 * in_scope_wrong (answered without them: a confident wrong card, judged first by the terms, then by reading),
 * in_scope_not_sure ("I'm not sure: did you mean…"), in_scope_declined, offtopic_declined (a "not sure" is not a
 * decline), smalltalk_answered (a reply in kind), p50_ms and p99_ms,
 * overall and per language. The held-out set runs only with `--final`, once, at the end, and never with `--misses`.
 * `--record <file>` writes every question with what the bot answered (the card's text, or the choices offered) as
 * JSON lines, for judging the answers by reading after that one run.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadKnowledgeBase } from '../src/adapters/knowledge/knowledge-base';
import { answerQuestion } from '../src/use-cases/answer-question';
import { askerOf, cardText, missingTerms } from './blind-judge';
import { readBlindSet, readIdSet } from './question-sets';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * p) - 1))] ?? 0;
}

async function evaluateBlind(
  search: Awaited<ReturnType<typeof loadKnowledgeBase>>['search'],
  articles: number,
  set: string,
  root: string,
  file: string,
): Promise<void> {
  if (set === 'blind-holdout' && (!process.argv.includes('--final') || process.argv.includes('--misses'))) {
    throw new Error('The held-out set runs once, at the end: add --final (and no --misses). Tune on blind-dev.');
  }
  const questions = readBlindSet(root, file);
  const tally = () => ({
    in_scope: 0,
    in_scope_right: 0,
    in_scope_wrong: 0,
    in_scope_not_sure: 0,
    in_scope_declined: 0,
    offtopic: 0,
    offtopic_declined: 0,
    offtopic_not_sure: 0,
    smalltalk: 0,
    smalltalk_answered: 0,
  });
  const overall = tally();
  const byLanguage = new Map<string, ReturnType<typeof tally>>();
  const misses: string[] = [];
  const times: number[] = [];
  const records: object[] = [];
  for (const { question } of questions.slice(0, 5)) answerQuestion(search, question);
  for (const q of questions) {
    const started = performance.now();
    const answer = answerQuestion(search, q.question, { asker: askerOf(q) });
    times.push(performance.now() - started);
    const text = cardText(answer);
    records.push({
      id: q.id,
      kind: q.kind,
      language: q.language,
      question: q.question,
      expected: q.expected,
      answered: answer.kind,
      ...(answer.kind === 'answer' ? { article: answer.article.id, card: text, rightByTerms: missingTerms(q, text!).length === 0 } : {}),
      ...(answer.kind === 'not-sure' ? { choices: answer.candidates.map((a) => a.title) } : {}),
    });
    const got = answer.kind === 'answer' ? answer.article.id : 'declined';
    const counts = [overall, byLanguage.get(q.language) ?? byLanguage.set(q.language, tally()).get(q.language)!];
    const add = (key: keyof ReturnType<typeof tally>) => counts.forEach((c) => c[key]++);
    if (q.kind === 'smalltalk') {
      add('smalltalk');
      if (answer.kind === 'small-talk') add('smalltalk_answered');
      else misses.push(`${q.id} small talk, got ${answer.kind}: ${q.question}`);
      continue;
    }
    if (q.kind === 'offtopic') {
      add('offtopic');
      // Declined: "I don't know" or "outside what I cover". "Not sure" offers articles, so it is not a decline.
      if (answer.kind === 'unknown') add('offtopic_declined');
      else {
        if (answer.kind === 'not-sure') add('offtopic_not_sure');
        misses.push(`${q.id} off-topic, ${answer.kind === 'not-sure' ? 'not sure' : `answered ${got}`}: ${q.question}`);
      }
      continue;
    }
    add('in_scope');
    if (answer.kind === 'not-sure') {
      add('in_scope_not_sure');
      misses.push(
        `${q.id} not sure [${answer.candidates.map((a) => a.id).join(', ')}] (${q.kind}): ${q.question}\n    expected: ${q.expected}`,
      );
    } else if (text === undefined) {
      add('in_scope_declined');
      misses.push(`${q.id} declined (${q.kind}): ${q.question}\n    expected: ${q.expected}`);
    } else {
      const missing = missingTerms(q, text);
      if (missing.length === 0) add('in_scope_right');
      else {
        add('in_scope_wrong');
        misses.push(`${q.id} answered ${got} without ${JSON.stringify(missing)} (${q.kind}): ${q.question}\n    expected: ${q.expected}`);
      }
    }
  }
  times.sort((a, b) => a - b);
  const rates = (t: ReturnType<typeof tally>) => ({
    ...t,
    right_rate: t.in_scope ? +(t.in_scope_right / t.in_scope).toFixed(3) : null,
    wrong_confident_rate: t.in_scope ? +(t.in_scope_wrong / t.in_scope).toFixed(3) : null,
    not_sure_rate: t.in_scope ? +(t.in_scope_not_sure / t.in_scope).toFixed(3) : null,
    offtopic_declined_rate: t.offtopic ? +(t.offtopic_declined / t.offtopic).toFixed(3) : null,
  });
  if (process.argv.includes('--misses')) for (const miss of misses) console.error(miss);
  const recordAt = process.argv.indexOf('--record');
  if (recordAt >= 0) writeFileSync(process.argv[recordAt + 1]!, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  console.log(
    JSON.stringify({
      eval: 'qa',
      set,
      articles,
      questions: questions.length,
      ...rates(overall),
      p50_ms: +percentile(times, 0.5).toFixed(3),
      p99_ms: +percentile(times, 0.99).toFixed(3),
      by_language: Object.fromEntries([...byLanguage].map(([language, t]) => [language, rates(t)])),
    }),
  );
}

async function main(): Promise<void> {
  const root = join(__dirname, '..');
  // As the bot loads it: the articles and the topics it declines.
  const { search, articles } = await loadKnowledgeBase(join(root, 'knowledge'));
  const setAt = process.argv.indexOf('--set');
  const set = setAt >= 0 ? process.argv[setAt + 1] : undefined;
  if (setAt >= 0 && (!set || !/^[a-z0-9-]+$/.test(set))) throw new Error('--set needs a name such as "holdout" (eval/qa-<name>.json)');
  if (set?.startsWith('blind-')) return evaluateBlind(search, articles.length, set, root, `eval/blind/qa-${set}.json`);
  const file = set === undefined || set === 'main' ? 'eval/qa-questions.json' : `eval/qa-${set}.json`;
  const questions = readIdSet(root, file);
  const misses: string[] = [];
  const times: number[] = [];
  let inScope = 0;
  let top1 = 0;
  let top3 = 0;
  let outOfScope = 0;
  let refused = 0;
  let notSure = 0;
  let wrong = 0;
  // The same, counting an article judged to answer the question by reading (alsoRight) as right.
  let judgedRight = 0;
  let judgedWrong = 0;
  let judgedRefused = 0;
  // Warm up, so the first question does not pay for the engine's lazy set-up.
  for (const { question } of questions.slice(0, 5)) answerQuestion(search, question);
  for (const { question, expect, alsoRight = [] } of questions) {
    const started = performance.now();
    const answer = answerQuestion(search, question);
    times.push(performance.now() - started);
    const got = answer.kind === 'answer' ? answer.article.id : null;
    if (expect === null) {
      outOfScope++;
      // "Not sure" offers articles: it is not a refusal. A reply to small talk shows no article: it is one.
      const declined = answer.kind === 'unknown' || answer.kind === 'small-talk';
      if (declined) refused++;
      // Judged since to be answered by a newer article: answering with it is as good as declining.
      if (declined || (got !== null && alsoRight.includes(got))) judgedRefused++;
      else misses.push(`out of scope, ${got === null ? 'not sure' : `answered ${got}`}: ${question}`);
      continue;
    }
    inScope++;
    if (got === expect) top1++;
    else
      misses.push(
        `expected ${expect}, got ${got ?? (answer.kind === 'not-sure' ? `not sure [${answer.candidates.map((a) => a.id).join(', ')}]` : 'refused')}: ${question}`,
      );
    if (answer.kind === 'not-sure') notSure++;
    if (got !== null && got !== expect) wrong++;
    if (got !== null && (got === expect || alsoRight.includes(got))) judgedRight++;
    else if (got !== null) judgedWrong++;
    // "Not sure" offers its closest articles: among them counts as among the first three.
    const offered =
      answer.kind === 'not-sure'
        ? answer.candidates.map((article) => article.id)
        : got !== null
          ? search.search(question, 3).map((hit) => hit.article.id)
          : [];
    if (offered.includes(expect)) top3++;
  }
  times.sort((a, b) => a - b);
  const p99 = percentile(times, 0.99);
  const ratio = (n: number, of: number) => (of === 0 ? null : +(n / of).toFixed(3));
  if (process.argv.includes('--misses')) for (const miss of misses) console.error(miss);
  console.log(
    JSON.stringify({
      eval: 'qa',
      set: set ?? 'main',
      articles: articles.length,
      questions: questions.length,
      in_scope: inScope,
      out_of_scope: outOfScope,
      top1: ratio(top1, inScope),
      top3: ratio(top3, inScope),
      wrong: ratio(wrong, inScope),
      not_sure: ratio(notSure, inScope),
      oos_refused: ratio(refused, outOfScope),
      ...(questions.some((q) => q.alsoRight)
        ? {
            judged_right: ratio(judgedRight, inScope),
            judged_wrong: ratio(judgedWrong, inScope),
            judged_oos_handled: ratio(judgedRefused, outOfScope),
          }
        : {}),
      p50_ms: +percentile(times, 0.5).toFixed(3),
      p99_ms: +p99.toFixed(3),
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

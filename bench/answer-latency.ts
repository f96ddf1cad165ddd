/**
 * How long the answer engine takes, without a model: the knowledge base's load time, then every question of
 * the development sets (eval/qa-questions.json, eval/qa-fresh-a.json, eval/blind/qa-blind-dev*.json) answered
 * three times after a warm-up round. Prints one JSON line. Held-out sets are not read.
 *
 *   npm run bench:answer
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadKnowledgeBase } from '../src/adapters/knowledge/knowledge-base';
import { answerQuestion } from '../src/use-cases/answer-question';

const ROUNDS = 3;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * p) - 1))] ?? 0;
}

async function main(): Promise<void> {
  const root = join(__dirname, '..');
  const loadStarted = performance.now();
  const { search, articles, outsideTopics } = await loadKnowledgeBase(join(root, 'knowledge'));
  const loadMs = performance.now() - loadStarted;
  const byId = (file: string) => (JSON.parse(readFileSync(join(root, file), 'utf8')) as { question: string }[]).map((q) => q.question);
  const blind = (file: string) => (JSON.parse(readFileSync(join(root, file), 'utf8')) as { questions: { question: string }[] }).questions.map((q) => q.question);
  const questions = [
    ...byId('eval/qa-questions.json'), ...byId('eval/qa-fresh-a.json'),
    ...blind('eval/blind/qa-blind-dev.json'), ...blind('eval/blind/qa-blind-dev-b.json'), ...blind('eval/blind/qa-blind-dev-c.json'),
  ];
  for (const question of questions) answerQuestion(search, question);
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const question of questions) {
      const started = performance.now();
      answerQuestion(search, question);
      times.push(performance.now() - started);
    }
  }
  times.sort((a, b) => a - b);
  console.log(JSON.stringify({
    bench: 'answer',
    articles: articles.length,
    article_questions: articles.reduce((sum, article) => sum + article.questions.length, 0),
    declined_subject_questions: outsideTopics.reduce((sum, topic) => sum + topic.questions.length, 0),
    knowledge_load_s: +(loadMs / 1000).toFixed(3),
    answers: times.length,
    p50_ms: +percentile(times, 0.5).toFixed(2),
    p99_ms: +percentile(times, 0.99).toFixed(2),
    max_ms: +times[times.length - 1]!.toFixed(2),
  }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

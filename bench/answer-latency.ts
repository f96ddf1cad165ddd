/**
 * How long the answer engine takes, without a model: the knowledge base's load time, then every question of
 * the development sets (DEVELOPMENT_SETS in eval/question-sets.ts) answered
 * three times after a warm-up round. Prints one JSON line. Held-out sets are not read.
 *
 *   npm run bench:answer
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadKnowledgeBase } from '../src/adapters/knowledge/knowledge-base';
import { answerQuestion } from '../src/use-cases/answer-question';
import { DEVELOPMENT_SETS, readBlindSet, readIdSet } from '../eval/question-sets';
import { percentile } from './percentile';

const ROUNDS = 3;

async function main(): Promise<void> {
  const root = join(__dirname, '..');
  const loadStarted = performance.now();
  const { search, articles, outsideTopics } = await loadKnowledgeBase(join(root, 'knowledge'));
  const loadMs = performance.now() - loadStarted;
  const questions = [
    ...DEVELOPMENT_SETS.byId.flatMap((file) => readIdSet(root, file)),
    ...DEVELOPMENT_SETS.blind.flatMap((file) => readBlindSet(root, file)),
  ].map((q) => q.question);
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
  console.log(
    JSON.stringify({
      bench: 'answer',
      articles: articles.length,
      article_questions: articles.reduce((sum, article) => sum + article.questions.length, 0),
      declined_subject_questions: outsideTopics.reduce((sum, topic) => sum + topic.questions.length, 0),
      knowledge_load_s: +(loadMs / 1000).toFixed(3),
      answers: times.length,
      p50_ms: +percentile(times, 50).toFixed(2),
      p99_ms: +percentile(times, 99).toFixed(2),
      max_ms: +times[times.length - 1]!.toFixed(2),
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

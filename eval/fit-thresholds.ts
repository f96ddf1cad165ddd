/**
 * Fits the answer thresholds (DEFAULT_ANSWER_THRESHOLDS in src/use-cases/answer-question.ts) on the
 * development sets only (DEVELOPMENT_SETS in eval/question-sets.ts: main, fresh-a and the blind development sets).
 * The held-out sets (qa-holdout, qa-fresh-b, blind-holdout) are never read here.
 *
 * For every question it takes the best article's score and coverage and whether that article is right (the
 * expected id; for the blind set, the card holds a term of each group), then tries a grid of thresholds and
 * prints, as one JSON line each, the best few: answered right, answered wrong (the confident wrong cards),
 * off-topic answered, and the "not sure" band's share.
 *
 *   npm run eval:fit
 */
import { join } from 'node:path';
import { loadKnowledgeBase } from '../src/adapters/knowledge/knowledge-base';
import type { KnowledgeSearch } from '../src/domain/ports/knowledge-search';
import { answerQuestion, DEFAULT_ANSWER_THRESHOLDS, type Answer, type AnswerThresholds } from '../src/use-cases/answer-question';
import { askerOf, cardText, missingTerms } from './blind-judge';
import { DEVELOPMENT_SETS, readBlindSet, readIdSet } from './question-sets';

interface Case {
  question: string;
  inScope: boolean;
  asker?: 'admin' | 'employee';
  isRight: (answer: Answer) => boolean;
}

function cases(root: string): Case[] {
  const byId = (file: string) =>
    readIdSet(root, file).map(({ question, expect, alsoRight = [] }) => ({
      question,
      inScope: expect !== null,
      isRight: (answer: Answer) => answer.kind === 'answer' && (answer.article.id === expect || alsoRight.includes(answer.article.id)),
    }));
  const blind = (file: string) =>
    readBlindSet(root, file)
      .filter((q) => q.kind !== 'smalltalk')
      .map((q) => ({
        question: q.question,
        inScope: q.kind !== 'offtopic',
        asker: askerOf(q),
        isRight: (answer: Answer) => answer.kind === 'answer' && missingTerms(q, cardText(answer)!).length === 0,
      }));
  return [...DEVELOPMENT_SETS.byId.flatMap(byId), ...DEVELOPMENT_SETS.blind.flatMap(blind)];
}

async function main(): Promise<void> {
  const root = join(__dirname, '..');
  const { search: engine } = await loadKnowledgeBase(join(root, 'knowledge'));
  // Each question is looked up once; the grid only moves the thresholds.
  const looked = new Map<string, ReturnType<KnowledgeSearch['lookUp']>>();
  const searched = new Map<string, ReturnType<KnowledgeSearch['search']>>();
  const search: KnowledgeSearch = {
    lookUp: (text, limit) =>
      looked.get(`${limit}:${text}`) ?? looked.set(`${limit}:${text}`, engine.lookUp(text, limit)).get(`${limit}:${text}`)!,
    search: (text, limit) =>
      searched.get(`${limit}:${text}`) ?? searched.set(`${limit}:${text}`, engine.search(text, limit)).get(`${limit}:${text}`)!,
    article: (id) => engine.article(id),
  };
  const all = cases(root);
  const grid: {
    thresholds: AnswerThresholds;
    right: number;
    wrong: number;
    offtopicAnswered: number;
    notSure: number;
    offtopicNotSure: number;
  }[] = [];
  for (const answerScore of [10, 14, 18, 22, 26, 30, 35, 40, 50, 60, 70, 85, 100]) {
    for (const answerCoverage of [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5]) {
      for (const notSureScore of [6, 10, 14, 18, 22, 25, 30])
        for (const minLead of [1, 1.1, 1.2, 1.3, 1.5])
          for (const outsideWithin of [1, 0.9, 0.8, 0.7, 0.6]) {
            // A real middle band: "not sure" starts well below the answer's bar.
            if (notSureScore > answerScore * 0.75) continue;
            const thresholds = {
              answer: { minScore: answerScore, minCoverage: answerCoverage, minLead },
              notSure: { minScore: notSureScore, minCoverage: 0.15 },
              outsideWithin,
            };
            let right = 0,
              wrong = 0,
              offtopicAnswered = 0,
              notSure = 0,
              offtopicNotSure = 0;
            for (const c of all) {
              const answer = answerQuestion(search, c.question, { thresholds, asker: c.asker });
              if (!c.inScope) {
                if (answer.kind === 'answer') offtopicAnswered++;
                if (answer.kind === 'not-sure') offtopicNotSure++;
              } else if (answer.kind === 'not-sure') notSure++;
              else if (answer.kind === 'answer' && c.isRight(answer)) right++;
              else if (answer.kind === 'answer') wrong++;
            }
            grid.push({ thresholds, right, wrong, offtopicAnswered, notSure, offtopicNotSure });
          }
    }
  }
  const inScope = all.filter((c) => c.inScope).length;
  // How good the ranking is, whatever the thresholds: the best article is right.
  const anything = { answer: { minScore: 0, minCoverage: 0, minLead: 0 }, notSure: { minScore: 0, minCoverage: 0 }, outsideWithin: 1 };
  const top1 = all.filter(
    (c) => c.inScope && c.isRight(answerQuestion(search, c.question, { thresholds: anything, asker: c.asker })),
  ).length;
  const offtopic = all.length - inScope;
  // Each confident wrong card (in scope or not) costs three right ones: a wrong answer with sources on it misleads.
  const value = (g: (typeof grid)[number]) => g.right - 3 * (g.wrong + g.offtopicAnswered) - 0.5 * g.notSure - 0.5 * g.offtopicNotSure;
  grid.sort((a, b) => value(b) - value(a));
  console.log(
    JSON.stringify({ in_scope: inScope, offtopic, top1_right: +(top1 / inScope).toFixed(3), current: DEFAULT_ANSWER_THRESHOLDS }),
  );
  // The best that keeps confident wrong cards at 3% or less of in-scope questions, the bar.
  const strict = grid
    .filter((g) => g.wrong <= 0.03 * inScope)
    .sort((a, b) => b.right - a.right || a.offtopicAnswered - b.offtopicAnswered)[0];
  for (const g of [...(strict ? [strict] : []), ...grid.slice(0, 6)]) {
    console.log(
      JSON.stringify({
        ...g.thresholds,
        right: +(g.right / inScope).toFixed(3),
        wrong: +(g.wrong / inScope).toFixed(3),
        not_sure: +(g.notSure / inScope).toFixed(3),
        offtopic_answered: +(g.offtopicAnswered / offtopic).toFixed(3),
        offtopic_not_sure: +(g.offtopicNotSure / offtopic).toFixed(3),
      }),
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

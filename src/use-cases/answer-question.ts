import type { Article } from '../domain/guidance/article';
import type { KnowledgeSearch } from '../domain/ports/knowledge-search';

export type Answer =
  | { kind: 'answer'; article: Article; /** Two or three other articles near the question, for "related questions". */ related: Article[] }
  /** No article is a confident match: say so, never make an answer up. */
  | { kind: 'unknown' };

export interface AnswerThresholds {
  /** Share of the question's meaningful words the best article must match. */
  minCoverage: number;
  /** The best article's score must be at least this. */
  minScore: number;
}

/** Tuned on the question set in eval/qa-questions.json (npm run eval:qa). */
export const DEFAULT_ANSWER_THRESHOLDS: AnswerThresholds = { minCoverage: 0.3, minScore: 15 };

export function answerQuestion(search: KnowledgeSearch, question: string, thresholds: AnswerThresholds = DEFAULT_ANSWER_THRESHOLDS): Answer {
  const [best, ...others] = search.search(question, 4);
  if (!best || best.coverage < thresholds.minCoverage || best.score < thresholds.minScore) return { kind: 'unknown' };
  return { kind: 'answer', article: best.article, related: others.filter((hit) => hit.score >= best.score / 3).slice(0, 3).map((hit) => hit.article) };
}

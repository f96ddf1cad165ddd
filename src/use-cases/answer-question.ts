import type { Article } from '../domain/guidance/article';
import type { KnowledgeSearch } from '../domain/ports/knowledge-search';

/** A model's answer, kept only when it cites articles it was given; `cited` are those articles, in its order. */
export interface WrittenAnswer {
  text: string;
  cited: Article[];
}

export type Answer =
  | {
      kind: 'answer';
      article: Article;
      /** Two or three other articles near the question, for "related questions". */
      related: Article[];
      /** Only in model mode: an answer written from these articles, with those it cites (see write-answer.ts). */
      written?: WrittenAnswer;
    }
  /**
   * No article is a confident match: say so, never make an answer up. `outside` names the subject the question
   * is about when it is one the bot knows it does not cover (Outlook features, Wi-Fi, HR, ...).
   */
  | { kind: 'unknown'; outside?: string };

export interface AnswerThresholds {
  /** Share of the question's meaningful words the best article must match. */
  minCoverage: number;
  /** The best article's score must be at least this. */
  minScore: number;
}

/** Tuned on the question set in eval/qa-questions.json (npm run eval:qa). */
export const DEFAULT_ANSWER_THRESHOLDS: AnswerThresholds = { minCoverage: 0.2, minScore: 14 };

export function answerQuestion(search: KnowledgeSearch, question: string, thresholds: AnswerThresholds = DEFAULT_ANSWER_THRESHOLDS): Answer {
  const { hits: [best, ...others], outside } = search.lookUp(question, 4);
  const confident = (hit: { score: number; coverage: number } | undefined) =>
    hit !== undefined && hit.coverage >= thresholds.minCoverage && hit.score >= thresholds.minScore;
  // A question nearer a subject the bot does not cover than any article is about that subject: the nearest
  // article would only share some of its words ("out of office reply" is not about Office 365 SMTP).
  if (outside && (!best || outside.score > best.score)) return confident(outside) ? { kind: 'unknown', outside: outside.topic.title } : { kind: 'unknown' };
  if (!best || !confident(best)) return { kind: 'unknown' };
  // Other close answers to the question first, then the articles nearest the answer itself, up to three.
  const close = others.filter((hit) => hit.score >= best.score / 3).map((hit) => hit.article);
  return { kind: 'answer', article: best.article, related: unique([...close, ...neighboursOf(search, best.article)], best.article.id).slice(0, RELATED) };
}

/** How many related questions an answer offers. */
const RELATED = 3;

/**
 * One article by id, as a "related question" button asks for it, with the articles near it as its own related
 * questions (found from its title and the ways people ask it). An id that names no article (stale or forged)
 * gets "I don't know", never an error.
 */
export function answerArticle(search: KnowledgeSearch, id: string): Answer {
  const article = search.article(id);
  if (!article) return { kind: 'unknown' };
  return { kind: 'answer', article, related: neighboursOf(search, article) };
}

/** The articles nearest one article: found from its title and the ways people ask it. */
function neighboursOf(search: KnowledgeSearch, article: Article): Article[] {
  const hits = search.search([article.title, ...article.questions].join('\n'), RELATED + 1);
  return unique(hits.map((hit) => hit.article), article.id).slice(0, RELATED);
}

function unique(articles: Article[], without: string): Article[] {
  const seen = new Set([without]);
  return articles.filter((article) => !seen.has(article.id) && seen.add(article.id));
}

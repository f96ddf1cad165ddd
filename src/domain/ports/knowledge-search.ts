import type { Article } from '../guidance/article';
import type { OutsideTopic } from '../guidance/outside-topic';

export interface KnowledgeHit {
  article: Article;
  /** The engine's relevance score; comparable only within one search. */
  score: number;
  /** Share of the question's meaningful words (synonyms included) that the article matched, 0 to 1. */
  coverage: number;
}

/** A topic the bot does not cover, and how well the question matched it (comparable with the hits' scores). */
export interface OutsideHit {
  topic: OutsideTopic;
  score: number;
  coverage: number;
}

/** Full-text search over the knowledge base, best hit first. */
export interface KnowledgeSearch {
  search(question: string, limit: number): KnowledgeHit[];
  /** The articles, as `search`, and the best-matching topic outside the bot's subject, when any matched. */
  lookUp(question: string, limit: number): { hits: KnowledgeHit[]; outside?: OutsideHit };
  /** One article by its id, or undefined when there is none (an id from a card is untrusted). */
  article(id: string): Article | undefined;
}

import type { Article } from '../guidance/article';

export interface KnowledgeHit {
  article: Article;
  /** The engine's relevance score; comparable only within one search. */
  score: number;
  /** Share of the question's meaningful words (synonyms included) that the article matched, 0 to 1. */
  coverage: number;
}

/** Full-text search over the knowledge base, best hit first. */
export interface KnowledgeSearch {
  search(question: string, limit: number): KnowledgeHit[];
  /** One article by its id, or undefined when there is none (an id from a card is untrusted). */
  article(id: string): Article | undefined;
}

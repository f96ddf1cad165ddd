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
  /**
   * The question's words it matched that no article holds ("okta", "aws", "instagram"): what makes the
   * question about this subject rather than about the articles that share its other words.
   */
  ownWords: readonly string[];
}

export interface LookUpOptions {
  /**
   * The question was read into English from another language. The words the glossary did not know were kept as
   * typed; those no indexed text holds are most likely untranslated everyday words ("stimmt", "bald"), so they
   * count less against coverage. In an English question such a word counts in full: "netflix" is what the
   * question is about.
   */
  translated?: boolean;
}

/** Full-text search over the knowledge base, best hit first. */
export interface KnowledgeSearch {
  search(question: string, limit: number): KnowledgeHit[];
  /** The articles, as `search`, and the best-matching topic outside the bot's subject, when any matched. */
  lookUp(question: string, limit: number, options?: LookUpOptions): { hits: KnowledgeHit[]; outside?: OutsideHit };
  /** One article by its id, or undefined when there is none (an id from a card is untrusted). */
  article(id: string): Article | undefined;
}

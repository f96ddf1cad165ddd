/**
 * A best-practice article of the knowledge base (the `knowledge/` folder): our own words, short answer
 * first, with the primary sources it rests on. The answer engine retrieves these; it never writes answers
 * of its own.
 */
export type ArticleAudience = 'employee' | 'admin' | 'developer';

export const ARTICLE_AUDIENCES: readonly ArticleAudience[] = ['employee', 'admin', 'developer'];

/** Article ids (and the ids of the subjects the bot declines) are kebab-case: a-z, 0-9 and single hyphens. */
export function isArticleId(text: string): boolean {
  return /^[a-z0-9]+(-[a-z0-9]+)*$/.test(text);
}

export interface Article {
  id: string;
  title: string;
  audience: ArticleAudience;
  /** Words people type for it, synonyms included; lower case. */
  tags: string[];
  /** Ways people ask it, for retrieval and for "related questions" buttons. */
  questions: string[];
  /** https addresses of the primary sources (Microsoft Learn and the like). */
  sources: string[];
  /** One to three sentences. */
  shortAnswer: string;
  /** Numbered steps, when the answer is something to do. */
  steps: string[];
  /** A few extra points worth knowing. */
  goodToKnow: string[];
}

import type { Article } from '../guidance/article';

/** What a writer made of the articles: its text, and the ids of the articles it says it used. */
export interface WrittenText {
  text: string;
  /** Ids of the articles the text rests on; untrusted until checked against the articles given. */
  citedArticleIds: string[];
}

/**
 * Writes an answer to a question from the given articles only (a language model, when the operator turns it
 * on). Undefined when it has no usable answer (nothing cited, or it says it does not know); it may throw on
 * failure. Callers fall back to the article's own card either way.
 */
export interface AnswerWriter {
  write(question: string, articles: Article[]): Promise<WrittenText | undefined>;
}

import type { Article } from '../domain/guidance/article';
import type { AnswerWriter } from '../domain/ports/answer-writer';
import type { Answer, WrittenAnswer } from './answer-question';
import { TimeoutError, withTimeout } from '../domain/deadline';
import { messageOf } from '../domain/errors';

/** The most articles a writer is given: the answer's article and its related ones. */
export const MAX_WRITER_ARTICLES = 4;
/** Longer written text is cut (with "…") before it reaches a card. */
export const MAX_WRITTEN_CHARS = 1500;

export type WriteFallbackReason = 'failed' | 'timeout' | 'invalid';

export interface WriteAnswerOptions {
  timeoutMs: number;
  /** Told why the article's own answer is kept; never given the question. */
  onFallback?: (reason: WriteFallbackReason, detail?: string) => void;
}

/**
 * Model mode: the retrieved article and its related ones (at most three) go to the writer, and its answer is
 * kept only when it cites at least one of them and nothing else. On failure, timeout or anything else, the
 * answer is the article's own, as without a model. An unknown question is never sent: no articles, no answer.
 */
export async function writeAnswer(answer: Answer, question: string, writer: AnswerWriter, options: WriteAnswerOptions): Promise<Answer> {
  if (answer.kind !== 'answer') return answer;
  const articles = [answer.article, ...answer.related.filter((other) => other.id !== answer.article.id).slice(0, MAX_WRITER_ARTICLES - 1)];
  try {
    const result = await withTimeout(writer.write(question, articles), options.timeoutMs, 'the answer writer');
    const written = checked(result, articles);
    if (!written) {
      options.onFallback?.('invalid');
      return answer;
    }
    return { ...answer, written };
  } catch (error) {
    if (error instanceof TimeoutError) options.onFallback?.('timeout');
    else options.onFallback?.('failed', messageOf(error));
    return answer;
  }
}

/** The text kept only with at least one citation, and only citations of the articles given (unknown ones dropped). */
function checked(result: { text: string; citedArticleIds: string[] } | undefined, articles: Article[]): WrittenAnswer | undefined {
  const text = typeof result?.text === 'string' ? result.text.trim() : '';
  if (!result || text === '' || !Array.isArray(result.citedArticleIds)) return undefined;
  const cited = [...new Set(result.citedArticleIds)]
    .map((id) => articles.find((article) => article.id === id))
    .filter((article): article is Article => article !== undefined);
  if (cited.length === 0) return undefined;
  const chars = [...text];
  return { text: chars.length > MAX_WRITTEN_CHARS ? `${chars.slice(0, MAX_WRITTEN_CHARS - 1).join('')}…` : text, cited };
}

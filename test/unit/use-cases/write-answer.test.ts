import type { Article } from '../../../src/domain/guidance/article';
import type { AnswerWriter } from '../../../src/domain/ports/answer-writer';
import type { Answer } from '../../../src/use-cases/answer-question';
import { MAX_WRITTEN_CHARS, writeAnswer } from '../../../src/use-cases/write-answer';

const article = (id: string): Article => ({
  id,
  title: id,
  audience: 'employee',
  tags: [],
  questions: [],
  sources: [],
  shortAnswer: id,
  steps: [],
  goodToKnow: [],
});
const found: Answer = {
  kind: 'answer',
  article: article('a'),
  related: [article('b'), article('c'), article('d'), article('e')],
  goodToKnow: [],
};
const writer = (write: AnswerWriter['write']): AnswerWriter & { calls: Article[][] } => {
  const calls: Article[][] = [];
  return { calls, write: (question, articles) => (calls.push(articles), write(question, articles)) };
};

describe('writeAnswer', () => {
  it('gives the writer the article and at most three related ones, and keeps its text with the articles it cites', async () => {
    const w = writer(async () => ({ text: ' Do this. ', citedArticleIds: ['c', 'a', 'zz', 'c'] }));
    const reasons: string[] = [];
    const answer = await writeAnswer(found, 'q', w, { timeoutMs: 1000, onFallback: (r) => reasons.push(r) });
    expect(w.calls[0]!.map((a) => a.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(answer).toEqual({ ...found, written: { text: 'Do this.', cited: [article('c'), article('a')] } });
    expect(reasons).toEqual([]);
  });

  it.each([
    ['no answer', async () => undefined],
    ['only unknown citations', async () => ({ text: 'x', citedArticleIds: ['zz'] })],
    ['empty text', async () => ({ text: '  ', citedArticleIds: ['a'] })],
  ])('keeps the article on %s', async (_case, write) => {
    const reasons: string[] = [];
    expect(await writeAnswer(found, 'q', writer(write), { timeoutMs: 1000, onFallback: (r) => reasons.push(r) })).toBe(found);
    expect(reasons).toEqual(['invalid']);
  });

  it('keeps the article when the writer fails or is too slow', async () => {
    const reasons: string[] = [];
    const onFallback = (r: string) => reasons.push(r);
    expect(
      await writeAnswer(
        found,
        'q',
        writer(async () => {
          throw new Error('down');
        }),
        { timeoutMs: 1000, onFallback },
      ),
    ).toBe(found);
    expect(
      await writeAnswer(
        found,
        'q',
        writer(() => new Promise(() => undefined)),
        { timeoutMs: 20, onFallback },
      ),
    ).toBe(found);
    expect(reasons).toEqual(['failed', 'timeout']);
  });

  it('never asks without articles', async () => {
    const w = writer(async () => ({ text: 'x', citedArticleIds: ['a'] }));
    expect(await writeAnswer({ kind: 'unknown' }, 'q', w, { timeoutMs: 1000 })).toEqual({ kind: 'unknown' });
    expect(w.calls).toEqual([]);
  });

  it('cuts a long text', async () => {
    const answer = await writeAnswer(
      found,
      'q',
      writer(async () => ({ text: 'x'.repeat(5000), citedArticleIds: ['a'] })),
      { timeoutMs: 1000 },
    );
    expect(answer.kind === 'answer' && [...answer.written!.text].length).toBe(MAX_WRITTEN_CHARS);
  });
});

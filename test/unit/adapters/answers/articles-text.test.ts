import { articlesText } from '../../../../src/adapters/answers/openai-answer-writer';
import type { Article } from '../../../../src/domain/guidance/article';

const article: Article = {
  id: 'number-matching',
  title: 'Number matching',
  audience: 'employee',
  tags: ['a', 'b', 'c'],
  questions: ['q'],
  sources: ['https://learn.microsoft.com/x'],
  shortAnswer: 'Type the number shown.',
  steps: ['Type it.'],
  goodToKnow: ['It cannot be turned off.'],
};

describe('articlesText', () => {
  it('gives the model the "good to know" points, where answers often sit, with the rest of the article', () => {
    const text = articlesText([article]);
    expect(text).toContain('Article id: number-matching');
    expect(text).toContain('1. Type it.');
    expect(text).toContain('Good to know:\n- It cannot be turned off.');
    expect(text).toContain('- https://learn.microsoft.com/x');
  });

  it('leaves the heading out when an article has no such points', () => {
    expect(articlesText([{ ...article, goodToKnow: [] }])).not.toContain('Good to know');
  });
});

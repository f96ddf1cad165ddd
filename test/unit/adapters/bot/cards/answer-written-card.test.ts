import { answerCard } from '../../../../../src/adapters/bot/cards/answer-card';
import type { Article } from '../../../../../src/domain/guidance/article';
import { allText, expectSoundCard, ofType, MARKDOWN_NAME } from './card-inspect';

const article = (id: string, sources: string[]): Article => ({
  id,
  title: `Title ${id}`,
  audience: 'employee',
  tags: [],
  questions: [`Question ${id}?`],
  sources,
  shortAnswer: `Short ${id}.`,
  steps: [`Step ${id}.`],
  goodToKnow: [],
});
const a = article('a', ['https://learn.microsoft.com/a1', 'https://learn.microsoft.com/a2']);
const b = article('b', ['https://support.microsoft.com/b1']);
const c = article('c', ['https://learn.microsoft.com/c1']);
const view = { botName: 'MFA Coach', helpDesk: 'the IT service desk', inChannel: false };

describe('answerCard with a written answer', () => {
  it('shows the written text, says AI wrote it from the cited articles, lists them and links their sources', () => {
    const card = answerCard({
      ...view,
      answer: {
        kind: 'answer',
        article: a,
        related: [b, c],
        goodToKnow: [],
        written: { text: 'First part.\n\nSecond part.', cited: [a, b] },
      },
    });
    expectSoundCard(card, 8_000);
    const all = allText(card);
    expect(all).toContain('First part\\.');
    expect(all).toContain('Second part\\.');
    expect(all).toContain('Written by AI from these articles of ours only');
    expect(all).toContain('- Title a');
    expect(all).toContain('- Title b');
    expect(all).not.toContain('Short a');
    expect(all).not.toContain('Step a');
    // Each cited article's first source first.
    expect(ofType(card, 'Action.OpenUrl').map((x) => x.url)).toEqual([
      'https://learn.microsoft.com/a1',
      'https://support.microsoft.com/b1',
      'https://learn.microsoft.com/a2',
    ]);
    // Related questions: only those not cited.
    expect(ofType(card, 'Action.Execute').map((x) => (x.data as { articleId: string }).articleId)).toEqual(['c']);
    expect(all).toContain('the IT service desk');
  });

  it("says in the asker's language that AI wrote it, for a question asked in German", () => {
    const card = answerCard({
      ...view,
      answer: { kind: 'answer', article: a, related: [b, c], goodToKnow: [], language: 'de', written: { text: 'Antwort.', cited: [a] } },
    });
    expectSoundCard(card, 8_000);
    expect(allText(card)).toContain('Von einer KI nur aus diesem Artikel von uns geschrieben');
    expect(allText(card)).toContain('Ähnliche Fragen');
    expect(allText(card)).toContain('wenden Sie sich an the IT service desk');
  });

  it('escapes markdown in the written text, so only the card makes links', () => {
    const card = answerCard({
      ...view,
      answer: { kind: 'answer', article: a, related: [], goodToKnow: [], written: { text: `${MARKDOWN_NAME} \${secret}`, cited: [a] } },
    });
    expectSoundCard(card);
    expect(allText(card)).not.toContain('[click](');
    expect(JSON.stringify(card)).not.toContain('${secret}');
    expect(allText(card)).toContain('Written by AI from this article of ours only');
  });
});

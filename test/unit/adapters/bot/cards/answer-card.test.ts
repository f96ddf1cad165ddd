import { join } from 'node:path';
import { answerCard, articleText, ANSWER_LIMITS } from '../../../../../src/adapters/bot/cards/answer-card';
import { loadArticles } from '../../../../../src/adapters/knowledge/load-articles';
import type { Article } from '../../../../../src/domain/guidance/article';
import type { AnswerLanguage } from '../../../../../src/domain/guidance/question-language';
import { VERBS } from '../../../../../src/adapters/bot/cards/verbs';
import {
  allText,
  executeActions,
  expectSoundCard,
  nodes,
  ofType,
  texts,
  MARKDOWN_NAME,
  ESCAPED_MARKDOWN_NAME,
  type ExecuteAction,
} from './card-inspect';

const article = (over: Partial<Article> = {}): Article => ({
  id: 'lost-or-stolen-phone',
  title: 'I lost my phone. What do I do about MFA?',
  audience: 'employee',
  tags: ['lost phone', 'stolen', 'mfa'],
  questions: ['I lost my phone and cannot approve sign-ins'],
  sources: ['https://support.microsoft.com/a', 'https://learn.microsoft.com/b'],
  shortAnswer: 'Sign in another way, then remove the lost phone from **Security info**.',
  steps: ['Choose **Sign in another way**.', 'Open https://aka.ms/mysecurityinfo and delete the phone.'],
  goodToKnow: [],
  ...over,
});
const related = [
  article({
    id: 'change-security-info',
    title: 'Add, change or remove your MFA methods',
    questions: ['How do I change my MFA phone number?'],
  }),
  article({ id: 'authenticator-new-phone', title: 'Move Authenticator to a new phone', questions: [] }),
];
const view = { botName: 'MFA Coach', helpDesk: 'the IT service desk, extension 4357', inChannel: false };
/** The card for an article found as the answer: no related questions and no "good to know" points unless given. */
const answered = (found: { article?: Article; related?: Article[]; goodToKnow?: string[]; language?: AnswerLanguage } = {}) =>
  answerCard({ ...view, answer: { kind: 'answer', article: article(), related: [], goodToKnow: [], ...found } });
/** Inline actions too (the related questions sit in an ActionSet in the body). */
const allExecutes = (card: unknown) => ofType(card, 'Action.Execute') as unknown as ExecuteAction[];
/** Each related question or "did you mean" choice: the question as wrapping text, and the button beside it. */
const choices = (card: unknown) =>
  ofType(card, 'ColumnSet')
    .filter((row) => allExecutes(row).length > 0)
    .map((row) => {
      const [button] = allExecutes(row);
      return [texts(row)[0], button!.title, button!.verb, button!.data];
    });

describe('answerCard', () => {
  it('shows the title, the short answer, the steps numbered, the sources as links and the related questions as buttons', () => {
    const card = answered({ related });
    expectSoundCard(card, 8_000);
    expect(texts(card)[0]).toBe('I lost my phone. What do I do about MFA?');
    expect(allText(card)).toContain('Sign in another way, then remove the lost phone from **Security info**.');
    expect(texts(card)).toEqual(expect.arrayContaining(['Steps', '1.', '2.', 'Choose **Sign in another way**.']));
    expect(ofType(card, 'Action.OpenUrl').map((a) => [a.title, a.url])).toEqual([
      ['Source: Microsoft Support', 'https://support.microsoft.com/a'],
      ['Source: Microsoft Learn', 'https://learn.microsoft.com/b'],
    ]);
    expect(allText(card)).toContain('Related questions');
    expect(choices(card)).toEqual([
      // Each carries the article shown now, so that the one it opens has a way back.
      [
        'How do I change my MFA phone number?',
        'Show',
        VERBS.showAnswer,
        { articleId: 'change-security-info', from: 'lost-or-stolen-phone' },
      ],
      [
        'Move Authenticator to a new phone',
        'Show',
        VERBS.showAnswer,
        { articleId: 'authenticator-new-phone', from: 'lost-or-stolen-phone' },
      ],
    ]);
    // Related questions are inline; the card's own actions are the sources only.
    expect(executeActions(card)).toEqual([]);
    // Opened from another article, it offers the way back to it, in the question's language.
    const opened = answerCard({
      ...view,
      answer: { kind: 'answer', article: article(), related: [], goodToKnow: [] },
      backTo: 'change-security-info',
    });
    expect(executeActions(opened)).toEqual([
      { type: 'Action.Execute', title: '◀ Back', verb: VERBS.showAnswer, data: { articleId: 'change-security-info' } },
    ]);
    expect(allText(card)).toContain('the IT service desk, extension 4357');
  });

  it('leaves out the steps and related questions when there are none', () => {
    const card = answered({ article: article({ steps: [] }) });
    expectSoundCard(card, 4_000);
    expect(texts(card)).not.toContain('Steps');
    expect(texts(card)).not.toContain('Related questions');
    expect(ofType(card, 'ActionSet')).toEqual([]);
    expect(choices(card)).toEqual([]);
  });

  it('shows at most three related questions, never the article itself', () => {
    const many = [article(), ...related, article({ id: 'a4', title: 'Four' }), article({ id: 'a5', title: 'Five' })];
    const card = answered({ related: many });
    const ids = allExecutes(card).map((a) => a.data.articleId);
    expect(ids).toHaveLength(ANSWER_LIMITS.relatedButtons);
    expect(ids).not.toContain('lost-or-stolen-phone');
  });

  it('names sources by their publisher, numbers two from the same one, and names a Microsoft short link by its name', () => {
    const card = answered({ article: article({ sources: ['https://learn.microsoft.com/a', 'https://learn.microsoft.com/b'] }) });
    expect(ofType(card, 'Action.OpenUrl').map((a) => a.title)).toEqual(['Source 1: Microsoft Learn', 'Source 2: Microsoft Learn']);
    const others = answered({ article: article({ sources: ['https://aka.ms/mfasetup', 'https://example.org/x'] }) });
    expect(ofType(others, 'Action.OpenUrl').map((a) => a.title)).toEqual(['Source: Microsoft, aka.ms/mfasetup', 'Source: example.org']);
  });

  it('escapes in article text only what markdown acts on, so only the card makes links, and drops backticks', () => {
    const card = answered({
      article: article({ title: MARKDOWN_NAME, shortAnswer: `Run \`Set-CASMailbox\` ${MARKDOWN_NAME} \${secret}`, steps: [MARKDOWN_NAME] }),
    });
    expectSoundCard(card);
    expect(texts(card)[0]).toBe('\\[click\\](https://evil.example) \\*boss\\*');
    // No backslash where markdown would do nothing: some Teams clients show it as it is.
    expect(allText(card)).toContain('Run Set-CASMailbox');
    expect(allText(card)).not.toContain('[click](');
    expect(allText(card)).not.toContain('`');
    expect(JSON.stringify(card)).not.toContain('${secret}');
  });

  it('escapes the configured help desk text too', () => {
    const card = answerCard({ ...view, helpDesk: MARKDOWN_NAME, answer: { kind: 'unknown' } });
    expect(allText(card)).toContain(ESCAPED_MARKDOWN_NAME);
  });

  it('says plainly that it does not know, suggests help and names the help desk', () => {
    const card = answerCard({ ...view, answer: { kind: 'unknown' } });
    expectSoundCard(card, 3_000);
    expect(allText(card)).toContain("Sorry, I don't know the answer to that.");
    expect(allText(card)).toContain('type **help**');
    expect(allText(card)).toContain('please ask the IT service desk, extension 4357.');
    // Its next steps as buttons: one's own status (personal chat only) and what the bot can do.
    const buttons = (answer: ReturnType<typeof answerCard>) =>
      nodes(answer)
        .filter((n) => typeof n.type === 'string' && n.type.startsWith('Action.'))
        .map((n) => [n.title, n.verb]);
    expect(buttons(card)).toEqual([
      ['Am I set up?', 'status.check'],
      ['Show what I can do', 'help.show'],
    ]);
    expect(buttons(answerCard({ ...view, inChannel: true, answer: { kind: 'unknown' } }))).toEqual([['Show what I can do', 'help.show']]);
    expect(buttons(answerCard({ ...view, answer: { kind: 'unknown', language: 'fr' } }))).toEqual([
      ['Suis-je bien configuré ?', 'status.check'],
      ['Ce que je sais faire', 'help.show'],
    ]);
  });

  it('names the subject when it is one the bot does not cover, with the help desk', () => {
    const card = answerCard({ ...view, answer: { kind: 'unknown', outside: 'HR, pay *and* leave' } });
    expectSoundCard(card, 3_000);
    expect(allText(card)).toContain('That is outside what I cover: HR, pay \\*and\\* leave.');
    expect(allText(card)).not.toContain("Sorry, I don't know");
    expect(allText(card)).toContain('please ask the IT service desk, extension 4357.');
  });

  it('in a channel, says to mention the bot for help', () => {
    const card = answerCard({ ...view, inChannel: true, answer: { kind: 'unknown' } });
    expect(allText(card)).toContain('@MFA Coach help');
  });

  it('shows the "good to know" points that answer, under their heading, and no heading when there are none', () => {
    const card = answered({
      article: article({ goodToKnow: ['It cannot be turned off.', 'Other'] }),
      goodToKnow: ['It cannot be turned off.'],
    });
    expectSoundCard(card, 4_000);
    expect(texts(card)).toContain('Good to know');
    expect(texts(card)).toContain('- It cannot be turned off.');
    expect(allText(card)).not.toContain('Other');
    expect(texts(answered())).not.toContain('Good to know');
  });

  it('answers a question asked in French with the English article under a French note, and French headings', () => {
    const card = answered({ related, goodToKnow: ['A point.'], language: 'fr' });
    expectSoundCard(card, 8_000);
    expect(texts(card)[0]).toBe('Mes articles sont en anglais : voici celui qui répond le mieux à votre question.');
    expect(texts(card)[1]).toBe('I lost my phone. What do I do about MFA?');
    expect(texts(card)).toEqual(expect.arrayContaining(['Étapes', 'Bon à savoir', 'Questions proches']));
    expect(allText(card)).toContain('demandez à the IT service desk, extension 4357');
    // An English question gets no note.
    expect(texts(answered({ related }))[0]).toBe('I lost my phone. What do I do about MFA?');
  });

  it('says it is not sure and offers the closest articles as buttons, with the help desk', () => {
    const card = answerCard({ ...view, answer: { kind: 'not-sure', candidates: [article(), ...related] } });
    expectSoundCard(card, 4_000);
    expect(texts(card)[0]).toBe("I'm not sure I understood. Did you mean one of these?");
    expect(choices(card)).toEqual([
      ['I lost my phone and cannot approve sign-ins', 'Show', VERBS.showAnswer, { articleId: 'lost-or-stolen-phone' }],
      ['How do I change my MFA phone number?', 'Show', VERBS.showAnswer, { articleId: 'change-security-info' }],
      ['Move Authenticator to a new phone', 'Show', VERBS.showAnswer, { articleId: 'authenticator-new-phone' }],
    ]);
    expect(allText(card)).toContain('ask the IT service desk, extension 4357');
    expect(ofType(card, 'Action.OpenUrl')).toEqual([]);
  });

  it("declines in the asker's language and says which languages it reads", () => {
    const card = answerCard({ ...view, answer: { kind: 'unknown', language: 'de' } });
    expectSoundCard(card, 3_000);
    expect(texts(card)[0]).toBe('Das weiß ich leider nicht.');
    expect(allText(card)).toContain('Englisch, Französisch, Deutsch oder Spanisch');
    expect(allText(card)).toContain('wenden Sie sich bitte an the IT service desk, extension 4357.');
    // A question in a language it does not read: the English card says which it does.
    expect(allText(answerCard({ ...view, answer: { kind: 'unknown', unreadLanguage: true } }))).toContain(
      'English, French, German or Spanish',
    );
    // In English, no word on languages: the question was understood.
    expect(allText(answerCard({ ...view, answer: { kind: 'unknown' } }))).not.toContain('Spanish');
  });

  it.each([
    ['greeting', "Hello! I'm MFA Coach."],
    ['thanks', "You're welcome."],
    ['goodbye', 'Goodbye'],
    ['about', "I'm MFA Coach, a bot"],
  ] as const)('answers small talk (%s) in kind, with how to see what it can do', (said, reply) => {
    const card = answerCard({ ...view, answer: { kind: 'small-talk', said } });
    expectSoundCard(card, 2_000);
    expect(texts(card)[0]).toContain(reply);
    expect(allText(card)).toContain('type **help**');
  });

  it('renders every article of the knowledge base soundly', async () => {
    const articles = await loadArticles(join(__dirname, '../../../../../knowledge'));
    for (const one of articles) {
      const card = answered({
        article: one,
        related: articles.filter((a) => a.id !== one.id).slice(0, 3),
        goodToKnow: one.goodToKnow,
        language: 'es',
      });
      expectSoundCard(card, 12_000);
      expect(ofType(card, 'Action.OpenUrl').length).toBeGreaterThan(0);
      expect(allExecutes(card)).toHaveLength(3);
      // The question wraps beside its button; the button's own title is the short "Ver" (asked in Spanish).
      for (const [question, title] of choices(card)) {
        expect((question as string).length).toBeLessThanOrEqual(ANSWER_LIMITS.relatedQuestion);
        expect(title).toBe('Ver');
      }
    }
  });
});

describe('articleText', () => {
  it('keeps bold, escapes the rest and clips long text', () => {
    expect(articleText('Select **Add sign-in method** at smtp.office365.com.', 100)).toBe(
      'Select **Add sign-in method** at smtp.office365.com.',
    );
    expect(articleText('[a](https://x.example) *b* _c_ \\ ${d}', 100)).toBe('\\[a\\](https://x.example) \\*b\\* \\_c\\_ \\\\ $\\{d}');
    expect(articleText('- not a list', 100)).toBe('\\- not a list');
    expect(articleText('1. not a list', 100)).toBe('1\\. not a list');
    expect(articleText('x'.repeat(20), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});

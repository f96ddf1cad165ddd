import { join } from 'node:path';
import { loadKnowledgeBase } from '../../../src/adapters/knowledge/knowledge-base';
import { loadArticles } from '../../../src/adapters/knowledge/load-articles';
import { MiniSearchKnowledgeSearch } from '../../../src/adapters/knowledge/minisearch-knowledge-search';
import { answerArticle, answerQuestion } from '../../../src/use-cases/answer-question';

describe('answerQuestion on the knowledge base', () => {
  let search: MiniSearchKnowledgeSearch;
  beforeAll(async () => {
    search = new MiniSearchKnowledgeSearch(await loadArticles(join(__dirname, '../../../knowledge')));
  });

  it.each([
    ['how do I move authenticator to my new phone', 'authenticator-new-phone'],
    ['what is number matching', 'number-matching'],
    ['why is sms bad for mfa', 'sms-and-voice-are-weak'],
    ['smtp.office365.com port 587 xoauth2', 'xoauth2-smtp-office365-587-starttls'],
    ['SMTP.Send vs SMTP.SendAsApp', 'smtp-send-vs-smtp-sendasapp'],
  ])('answers %j from %s, with other articles as related questions', (question, id) => {
    const answer = answerQuestion(search, question);
    expect(answer.kind === 'answer' && answer.article.id).toBe(id);
    if (answer.kind !== 'answer') return;
    expect(answer.related.length).toBeGreaterThanOrEqual(2);
    expect(answer.related.length).toBeLessThanOrEqual(3);
    expect(answer.related.map((article) => article.id)).not.toContain(id);
    expect(new Set(answer.related.map((article) => article.id)).size).toBe(answer.related.length);
  });

  it('reads through typos and other words for the same thing', () => {
    const answer = answerQuestion(search, 'how do i setup the autenticator app');
    expect(answer.kind === 'answer' && answer.article.id).toBe('set-up-microsoft-authenticator');
  });

  it.each([
    ['how do I rpeort a phishing email', 'spot-phishing'],
    ['lost my phnoe', 'lost-or-stolen-phone'],
  ])('reads %j with two letters swapped back, as %s', (question, id) => {
    const answer = answerQuestion(search, question);
    expect(answer.kind === 'answer' && answer.article.id).toBe(id);
  });

  it('counts a word with many synonyms once, so the other words still decide', () => {
    // "set up" has a large group (enroll, register, install...), which must not drown "yubikey".
    expect(search.search('how do I set up a yubikey', 1)[0]?.article.id).toBe('passkeys-and-security-keys');
  });

  it('weighs rare words over common ones in coverage', () => {
    const [hit] = search.search('mfa zanzibar', 1);
    // "zanzibar" is in no article, so matching "mfa" alone covers well under half of the question.
    expect(hit?.coverage).toBeLessThan(0.3);
  });

  it.each(['what is the weather tomorrow', 'book a meeting room', 'thanks', ''])('says it does not know %j rather than guess', (question) => {
    expect(answerQuestion(search, question)).toEqual({ kind: 'unknown' });
  });
});

describe('answerQuestion with the topics the bot declines', () => {
  let search: MiniSearchKnowledgeSearch;
  let withoutTopics: MiniSearchKnowledgeSearch;
  beforeAll(async () => {
    const knowledge = await loadKnowledgeBase(join(__dirname, '../../../knowledge'));
    search = knowledge.search;
    withoutTopics = new MiniSearchKnowledgeSearch(knowledge.articles);
  });

  it('declines a question about a subject it does not cover, naming that subject, where the articles alone would answer it', () => {
    const question = 'how do I add my signature to emails I send from outlook';
    // Without the topics, the words "send", "email" and "outlook" pull in an SMTP or email article.
    expect(answerQuestion(withoutTopics, question).kind).toBe('answer');
    expect(answerQuestion(search, question)).toEqual({ kind: 'unknown', outside: 'Outlook mail and calendar features' });
  });

  it.each([
    ['can I check work email on hotel wifi', 'public-wifi'],
    ['how do I set up the authenticator app on my phone', 'set-up-microsoft-authenticator'],
    ['does my app that sends email need SMTP.Send or SMTP.SendAsApp', 'smtp-send-vs-smtp-sendasapp'],
  ])('still answers %j, which shares words with a declined subject, as it would without the topics', (question, expected) => {
    const answer = answerQuestion(search, question);
    expect(answer.kind === 'answer' && answer.article.id).toBe(expected);
    const alone = answerQuestion(withoutTopics, question);
    expect(alone.kind === 'answer' && alone.article.id).toBe(expected);
  });

  it('says a plain "I don\'t know", naming no subject, when a declined subject matches only weakly too', () => {
    expect(answerQuestion(search, 'zanzibar quokka holiday')).toEqual({ kind: 'unknown' });
  });

  it('never offers a declined subject as an article or a related question', () => {
    const { hits } = search.lookUp('turn on automatic replies in outlook while on holiday', 10);
    expect(hits.every((hit) => search.article(hit.article.id) === hit.article)).toBe(true);
    const answer = answerArticle(search, 'outlook-mail-and-calendar');
    expect(answer).toEqual({ kind: 'unknown' });
  });
});

describe('answerArticle', () => {
  let search: MiniSearchKnowledgeSearch;
  beforeAll(async () => {
    search = new MiniSearchKnowledgeSearch(await loadArticles(join(__dirname, '../../../knowledge')));
  });

  it('shows the article asked for, with up to three other articles near it', () => {
    const answer = answerArticle(search, 'lost-or-stolen-phone');
    expect(answer.kind === 'answer' && answer.article.id).toBe('lost-or-stolen-phone');
    if (answer.kind !== 'answer') return;
    expect(answer.related.length).toBeGreaterThanOrEqual(1);
    expect(answer.related.length).toBeLessThanOrEqual(3);
    expect(answer.related.map((article) => article.id)).not.toContain('lost-or-stolen-phone');
  });

  it.each(['no-such-article', '', '../../etc/passwd', '__proto__', 'constructor'])('says it does not know for an id that names no article: %j', (id) => {
    expect(answerArticle(search, id)).toEqual({ kind: 'unknown' });
  });
});

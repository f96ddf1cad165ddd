import { join } from 'node:path';
import { loadKnowledgeBase } from '../../../src/adapters/knowledge/knowledge-base';
import { loadArticles } from '../../../src/adapters/knowledge/load-articles';
import { MiniSearchKnowledgeSearch } from '../../../src/adapters/knowledge/minisearch-knowledge-search';
import { inEnglish } from '../../../src/domain/guidance/question-language';
import { answerArticle, answerQuestion, DEFAULT_ANSWER_THRESHOLDS } from '../../../src/use-cases/answer-question';

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
    expect(search.search('how do I set up a yubikey', 1)[0]?.article.id).toBe('register-a-security-key');
  });

  it('weighs rare words over common ones in coverage', () => {
    const [hit] = search.search('mfa zanzibar', 1);
    // "zanzibar" is in no article, so matching "mfa" alone covers well under half of the question.
    expect(hit?.coverage).toBeLessThan(0.3);
  });

  it.each(['what is the weather tomorrow', 'book a meeting room', ''])('says it does not know %j rather than guess', (question) => {
    expect(answerQuestion(search, question)).toEqual({ kind: 'unknown' });
  });
});

describe('answerQuestion: how sure it is', () => {
  let search: MiniSearchKnowledgeSearch;
  beforeAll(async () => {
    search = new MiniSearchKnowledgeSearch(await loadArticles(join(__dirname, '../../../knowledge')));
  });
  const question = 'how do I move authenticator to my new phone';
  const sure = { minScore: 0, minCoverage: 0, minLead: 0 };
  const never = { minScore: Number.MAX_VALUE, minCoverage: 2, minLead: 0 };

  it('offers the closest articles as "not sure" when the best match is under the answer\'s bar but over the "not sure" one', () => {
    const answer = answerQuestion(search, question, { thresholds: { answer: never, notSure: sure, outsideWithin: 1 } });
    expect(answer.kind).toBe('not-sure');
    if (answer.kind !== 'not-sure') return;
    expect(answer.candidates[0]?.id).toBe('authenticator-new-phone');
    expect(answer.candidates.length).toBeGreaterThanOrEqual(2);
    expect(answer.candidates.length).toBeLessThanOrEqual(3);
    expect(new Set(answer.candidates.map((article) => article.id)).size).toBe(answer.candidates.length);
  });

  it('says it does not know when the best match is under both bars, and answers when over both', () => {
    expect(answerQuestion(search, question, { thresholds: { answer: never, notSure: never, outsideWithin: 1 } })).toEqual({
      kind: 'unknown',
    });
    expect(answerQuestion(search, question, { thresholds: { answer: sure, notSure: sure, outsideWithin: 1 } }).kind).toBe('answer');
  });

  it('puts on the card the "good to know" point that answers, when the rest of the article does not', () => {
    const answer = answerQuestion(search, 'can we turn number matching off?');
    expect(answer.kind === 'answer' && answer.article.id).toBe('number-matching');
    if (answer.kind !== 'answer') return;
    expect(answer.goodToKnow.length).toBeGreaterThan(0);
    expect(answer.goodToKnow.length).toBeLessThan(answer.article.goodToKnow.length);
    expect(answer.goodToKnow.join(' ')).toMatch(/turn|off/i);
  });

  it('shows no "good to know" point when the question asks nothing the title does not already say', () => {
    const answer = answerQuestion(search, 'why does authenticator ask me to type a number');
    expect(answer.kind === 'answer' && answer.goodToKnow).toEqual([]);
  });

  it('answers a question in French, German or Spanish from the English articles, and says which language it was', () => {
    const french = answerQuestion(search, "J'ai un nouveau téléphone, comment je transfère Microsoft Authenticator ?");
    expect(french.kind === 'answer' && [french.article.id, french.language]).toEqual(['authenticator-new-phone', 'fr']);
    const german = answerQuestion(search, 'Ich habe ein neues Handy, wie übertrage ich den Authenticator?');
    expect(german.kind === 'answer' && [german.article.id, german.language]).toEqual(['authenticator-new-phone', 'de']);
    expect(answerQuestion(search, 'how do I move authenticator to my new phone').language).toBeUndefined();
  });

  it('counts the words a translated question kept as typed, which no article holds, less against coverage', () => {
    const read = inEnglish('SMS Codes: stimmt es, dass das bald nicht mehr geht?', 'de');
    expect(read).toBe('sms code stimmt dass soon end geht');
    const asTranslated = search.lookUp(read, 1, { translated: true }).hits[0]!;
    const asEnglish = search.lookUp(read, 1).hits[0]!;
    expect(asTranslated.coverage).toBeGreaterThan(asEnglish.coverage);
    const german = answerQuestion(search, 'Meine Codes kommen per SMS. Geht das bald nicht mehr?');
    // Answered, or offered first when the question is not sure enough: never "I don't know".
    const first = german.kind === 'answer' ? german.article : german.kind === 'not-sure' ? german.candidates[0] : undefined;
    expect([first?.id, german.language]).toEqual(['sms-voice-mfa-ending', 'de']);
  });

  it("declines in the asker's language when nothing matches", () => {
    expect(answerQuestion(search, '¿Dónde está la cafetería de la oficina?')).toEqual({ kind: 'unknown', language: 'es' });
    expect(answerQuestion(search, 'Hoe stel ik tweestapsverificatie in op mijn nieuwe telefoon')).toEqual({
      kind: 'unknown',
      unreadLanguage: true,
    });
  });

  it('reads "problem", "issue" and "trouble" as saying nothing of what is wrong', () => {
    expect(answerQuestion(search, 'problem')).toEqual({ kind: 'unknown' });
    expect(answerQuestion(search, 'trouble issue')).toEqual({ kind: 'unknown' });
    expect(answerQuestion(search, 'phone problem', { asker: 'employee' })).toEqual(answerQuestion(search, 'phone', { asker: 'employee' }));
  });

  it('answers small talk in kind, before looking anything up', () => {
    expect(answerQuestion(search, 'hi there')).toEqual({ kind: 'small-talk', said: 'greeting' });
    expect(answerQuestion(search, 'thanks, that worked!')).toEqual({ kind: 'small-talk', said: 'thanks' });
    expect(answerQuestion(search, 'merci beaucoup')).toEqual({ kind: 'small-talk', said: 'thanks', language: 'fr' });
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
    // Without the topics, the words "send", "email" and "outlook" pull in SMTP or email articles.
    expect(['answer', 'not-sure']).toContain(answerQuestion(withoutTopics, question).kind);
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

  it('declines when a declined subject comes within the set share of the best article and holds a word no article has', () => {
    const question = 'how do we require MFA for everyone in our Okta tenant';
    const { hits, outside } = search.lookUp(question, 1);
    // The MFA articles share "require MFA for everyone"; only the declined topic has "okta".
    expect(outside?.ownWords).toEqual(['okta']);
    const share = outside!.score / hits[0]!.score;
    expect(share).toBeLessThan(1);
    const within = (outsideWithin: number) =>
      answerQuestion(search, question, { thresholds: { ...DEFAULT_ANSWER_THRESHOLDS, outsideWithin } });
    expect(within(share - 0.05)).toEqual({ kind: 'unknown', outside: outside!.topic.title });
    expect(within(share + 0.05).kind).not.toBe('unknown');
  });

  it('answers when a declined subject comes close only on words the articles have too', () => {
    const question = 'I get a code by text every time I log in, is that fine?';
    const { hits, outside } = search.lookUp(question, 1);
    expect(outside?.ownWords).toEqual([]);
    expect(outside!.score / hits[0]!.score).toBeGreaterThan(0.3);
    expect(answerQuestion(search, question, { thresholds: { ...DEFAULT_ANSWER_THRESHOLDS, outsideWithin: 0.3 } }).kind).toBe('answer');
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

  it.each(['no-such-article', '', '../../etc/passwd', '__proto__', 'constructor'])(
    'says it does not know for an id that names no article: %j',
    (id) => {
      expect(answerArticle(search, id)).toEqual({ kind: 'unknown' });
    },
  );
});

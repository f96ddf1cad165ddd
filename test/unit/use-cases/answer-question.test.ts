import { join } from 'node:path';
import { loadArticles } from '../../../src/adapters/knowledge/load-articles';
import { MiniSearchKnowledgeSearch } from '../../../src/adapters/knowledge/minisearch-knowledge-search';
import { answerQuestion } from '../../../src/use-cases/answer-question';

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
    expect(answer.related.length).toBeLessThanOrEqual(3);
    expect(answer.related.map((article) => article.id)).not.toContain(id);
  });

  it('reads through typos and other words for the same thing', () => {
    const answer = answerQuestion(search, 'how do i setup the autenticator app');
    expect(answer.kind === 'answer' && answer.article.id).toBe('set-up-microsoft-authenticator');
  });

  it.each(['what is the weather tomorrow', 'book a meeting room', 'thanks', ''])('says it does not know %j rather than guess', (question) => {
    expect(answerQuestion(search, question)).toEqual({ kind: 'unknown' });
  });
});

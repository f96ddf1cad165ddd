import { join } from 'node:path';
import { loadArticles } from '../../../src/adapters/knowledge/load-articles';
import type { Article } from '../../../src/domain/guidance/article';

const ROOT = join(__dirname, '../../../knowledge');

/** Primary sources only: Microsoft's documentation, support, its engineering blogs and short links, and standards bodies. */
const PRIMARY_HOSTS = [
  'learn.microsoft.com', 'support.microsoft.com', 'techcommunity.microsoft.com', 'aka.ms', 'www.microsoft.com',
  'microsoft.com', 'datatracker.ietf.org', 'www.rfc-editor.org', 'pages.nist.gov', 'fidoalliance.org', 'www.cisa.gov',
];

describe('the knowledge base', () => {
  let articles: Article[];
  beforeAll(async () => {
    articles = await loadArticles(ROOT);
  });

  const about = (...words: string[]) =>
    articles.filter((a) => words.every((w) => [a.title, ...a.tags, ...a.questions].join(' ').toLowerCase().includes(w)));

  it('holds well-formed articles for every audience, with unique ids', () => {
    expect(articles.length).toBeGreaterThanOrEqual(40);
    expect(new Set(articles.map((a) => a.audience))).toEqual(new Set(['employee', 'admin', 'developer']));
  });

  it('rests every article on primary sources', () => {
    const elsewhere = articles.flatMap((a) => a.sources.filter((s) => !PRIMARY_HOSTS.includes(new URL(s).hostname)).map((s) => `${a.id}: ${s}`));
    expect(elsewhere).toEqual([]);
  });

  it.each([
    ['setting up Authenticator', ['authenticator', 'set up']],
    ['moving Authenticator to a new phone', ['new phone']],
    ['a lost phone', ['lost']],
    ['number matching', ['number matching']],
    ['unexpected prompts and MFA fatigue', ['fatigue']],
    ['why SMS is weak', ['sms']],
    ['passkeys', ['passkey']],
    ['security keys', ['security key']],
    ['other authenticator apps', ['other']],
    ['no phone signal', ['signal']],
    ['resetting methods', ['reset']],
    ['XOAUTH2 on port 587', ['xoauth2', '587']],
    ['SMTP.Send and SMTP.SendAsApp', ['sendasapp']],
    ['the client credentials flow', ['client credentials']],
    ['storing secrets', ['secret']],
    ['basic authentication retirement', ['basic auth']],
    ['printers and devices', ['printer']],
  ])('answers what people ask about %s', (_topic, words) => {
    expect(about(...words).length).toBeGreaterThan(0);
  });
});

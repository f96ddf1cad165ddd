import { ArticleError, parseArticle } from '../../../../src/adapters/knowledge/markdown-article';

const VALID = `---
id: new-phone
title: Move Microsoft Authenticator to a new phone
audience: employee
tags: [authenticator, new phone, move, transfer]
questions:
  - I got a new phone, how do I move my authenticator?
sources:
  - https://learn.microsoft.com/example
---
Back up Authenticator on the old phone, then restore it on the new one.
Sign in again where it asks.

## Steps
1. Turn on cloud backup in Authenticator.
2. Install Authenticator on the new phone.

## Good to know
- Keep the old phone until the new one works.
`;

const parse = (text: string) => parseArticle(text, 'knowledge/mfa/new-phone.md');
const problem = (text: string) => {
  try {
    parse(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ArticleError);
    return (error as Error).message;
  }
  throw new Error('expected the article to be refused');
};

describe('parseArticle', () => {
  it('reads the front matter, the short answer, the steps and the points worth knowing', () => {
    expect(parse(VALID)).toEqual({
      id: 'new-phone',
      title: 'Move Microsoft Authenticator to a new phone',
      audience: 'employee',
      tags: ['authenticator', 'new phone', 'move', 'transfer'],
      questions: ['I got a new phone, how do I move my authenticator?'],
      sources: ['https://learn.microsoft.com/example'],
      shortAnswer: 'Back up Authenticator on the old phone, then restore it on the new one. Sign in again where it asks.',
      steps: ['Turn on cloud backup in Authenticator.', 'Install Authenticator on the new phone.'],
      goodToKnow: ['Keep the old phone until the new one works.'],
    });
  });

  it.each([
    ['no front matter', VALID.replace(/^---\n/, ''), /no front matter/],
    ['an id that is not the file name', VALID.replace('id: new-phone', 'id: old-phone'), /must match the file name "new-phone"/],
    ['an unknown audience', VALID.replace('audience: employee', 'audience: everyone'), /audience must be one of employee, admin, developer/],
    ['too few tags', VALID.replace('tags: [authenticator, new phone, move, transfer]', 'tags: [phone]'), /"tags" needs at least 3/],
    ['capitals in tags', VALID.replace('[authenticator, new phone', '[authenticator, New Phone'), /lower case/],
    ['a source that is not https', VALID.replace('https://learn.microsoft.com/example', 'http://example.com'), /not an https address/],
    ['no sources', VALID.replace(/sources:\n {2}- \S+\n/, ''), /"sources" must be a list/],
    ['no short answer', VALID.replace(/---\nBack up[\s\S]*?\n\n## Steps/, '---\n## Steps'), /start with the short answer/],
    ['too many steps', VALID.replace('2. Install Authenticator on the new phone.', Array.from({ length: 7 }, (_, i) => `${i + 2}. Step.`).join('\n')), /at most 7 steps/],
    ['broken YAML', VALID.replace('tags: [authenticator', 'tags: [authenticator: ['), /not valid YAML/],
  ])('refuses %s, saying which file and why', (_what, text, reason) => {
    const message = problem(text);
    expect(message).toMatch(/^knowledge\/mfa\/new-phone\.md: /);
    expect(message).toMatch(reason);
  });
});

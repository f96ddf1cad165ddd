import { userMatchesCard } from '../../../../../src/adapters/bot/cards/user-matches-card';
import { VERBS } from '../../../../../src/adapters/bot/cards/verbs';
import { ESCAPED_MARKDOWN_NAME, expectSoundCard, MARKDOWN_NAME, nodes, texts, worstText } from './card-inspect';

const match = (id: string, displayName: string) => ({
  id,
  displayName,
  userPrincipalName: `${id}@contoso.com`,
  department: 'Sales',
  strength: 'weak' as const,
});

const executes = (card: unknown) => nodes(card).filter((node) => node.type === 'Action.Execute');

describe('userMatchesCard', () => {
  it('names each person the query could mean, with a button to their card that carries only their id', () => {
    const card = userMatchesCard({ query: 'chen', matches: [match('chen-li', 'Chen Li'), match('chen-wu', MARKDOWN_NAME)], more: false });
    expectSoundCard(card, 6_000);
    expect(texts(card)).toContain('Several people match "chen"');
    expect(texts(card)).toContain(ESCAPED_MARKDOWN_NAME);
    expect(texts(card)).toContain('In the last scan: Weak');
    const shows = executes(card).filter((node) => String(node.title).startsWith('Show '));
    expect(shows.map((node) => [node.title, node.verb, node.data])).toEqual([
      ['Show Chen', VERBS.postureUserCheck, { userId: 'chen-li' }],
      // A first word too long for a button (this one, a link) is not put on it.
      ['Show this person', VERBS.postureUserCheck, { userId: 'chen-wu' }],
    ]);
  });

  it('says when more people match than are shown, and how to narrow them', () => {
    const card = userMatchesCard({ query: 'a', matches: [match('a1', 'Ann'), match('a2', 'Abe')], more: true });
    expect(texts(card).join(' ')).toContain('say **user** with more of the name or their UPN');
  });

  it('stays small with the longest names', () => {
    const worst = Array.from({ length: 5 }, (_, i) => ({ ...match(`id-${i}`, worstText(256)), userPrincipalName: worstText(113) }));
    expectSoundCard(userMatchesCard({ query: worstText(200), matches: worst, more: true }), 8_000);
  });
});

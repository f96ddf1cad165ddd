import { sentPrivatelyCard } from '../../../../../src/adapters/bot/cards/sent-privately-card';
import { allText, expectSoundCard, texts } from './card-inspect';

describe('sentPrivatelyCard', () => {
  it('says the answer went to a private chat, with no personal data', () => {
    const card = sentPrivatelyCard({ what: 'list' });
    expectSoundCard(card, 1_000);
    expect(texts(card)[0]).toBe('I sent you the list in a private chat.');
    expect(card.actions).toEqual([]);
    expect(texts(sentPrivatelyCard({ what: 'userStatus' }))[0]).toBe("I sent you that person's status in a private chat.");
    expect(allText(sentPrivatelyCard({ what: 'export' }))).toContain('export');
  });

  it('links to the personal chat only with a Teams https link', () => {
    const link = 'https://teams.microsoft.com/l/chat/0/0?users=28:bot-id';
    expect(sentPrivatelyCard({ what: 'list', chatLink: link }).actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Open our chat', url: link },
    ]);
    expect(sentPrivatelyCard({ what: 'list', chatLink: 'https://evil.example/teams.microsoft.com/' }).actions).toEqual([]);
  });
});

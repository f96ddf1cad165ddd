import { adminRefusalCard } from '../../../../../src/adapters/bot/cards/admin-refusal-card';
import { expectSoundCard, texts } from './card-inspect';

describe('adminRefusalCard', () => {
  it('refuses politely and says who to ask, and nothing else', () => {
    const card = adminRefusalCard({ contact: 'the IT service desk (it-help@contoso.com)' });
    expectSoundCard(card, 1_000);
    expect(texts(card)).toEqual([
      'Sorry, only administrators can use that.',
      'If you need it, please ask the IT service desk \\(it\\-help@contoso\\.com\\).',
    ]);
    expect(card.actions).toBeUndefined();
  });

  it('falls back to "your IT team" when no contact is configured', () => {
    expect(texts(adminRefusalCard({ contact: '  ' }))[1]).toBe('If you need it, please ask your IT team.');
  });
});

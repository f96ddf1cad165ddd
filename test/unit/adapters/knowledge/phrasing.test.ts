import { PhrasingRarity, similarity } from '../../../../src/adapters/knowledge/phrasing';

describe('phrasing similarity', () => {
  const rarity = new PhrasingRarity(['What is MFA?', 'How do I turn on MFA?', 'How do I move Authenticator?', 'How do I reset it?']);

  it('is 1 for the same words in the same order and 0 for nothing shared', () => {
    expect(similarity(rarity.phrasingOf('What is MFA?'), rarity.phrasingOf('what is mfa'))).toBeCloseTo(1);
    expect(similarity(rarity.phrasingOf('What is MFA?'), rarity.phrasingOf('printer toner'))).toBe(0);
  });

  it('tells "what is" from "how do I" though the subject word is the same, and reads "whats" as "what is"', () => {
    const asked = rarity.phrasingOf('whats mfa');
    expect(similarity(asked, rarity.phrasingOf('What is MFA?'))).toBeGreaterThan(similarity(asked, rarity.phrasingOf('How do I turn on MFA?')));
  });

  it('weighs words most questions share ("how do I") below rarer ones', () => {
    const asked = rarity.phrasingOf('how do I move authenticator');
    expect(similarity(asked, rarity.phrasingOf('How do I move Authenticator?'))).toBeGreaterThan(0.9);
    expect(similarity(asked, rarity.phrasingOf('How do I reset it?'))).toBeLessThan(0.4);
  });

  it('meets "multi-factor", "multi factor" and "multifactor" as one word', () => {
    expect(similarity(rarity.phrasingOf('multi-factor'), rarity.phrasingOf('multifactor'))).toBeCloseTo(1);
  });
});

import { questionWords, withSynonyms } from '../../../../src/domain/guidance/question-words';

describe('questionWords', () => {
  it('drops the words every question has and joins words written in pieces', () => {
    expect(questionWords("How do I set up two-factor on my new phone?")).toEqual(['setup', 'twofactor', 'new', 'phone']);
    expect(questionWords('Multi factor, 2-step, sign in, e-mail, Key Vault')).toEqual(['multifactor', 'twostep', 'signin', 'email', 'keyvault']);
  });

  it('finds each word of a group with the others, itself first', () => {
    expect(withSynonyms('2fa')[0]).toBe('2fa');
    expect(withSynonyms('2fa')).toEqual(expect.arrayContaining(['mfa', 'twofactor', 'twostep']));
    expect(withSynonyms('yubikey')).toEqual(['yubikey']);
  });
});

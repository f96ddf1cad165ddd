import { questionWords, stem, withSynonyms } from '../../../../src/domain/guidance/question-words';

describe('questionWords', () => {
  it('drops the words every question has and joins words written in pieces', () => {
    expect(questionWords('How do I set up two-factor on my new phone?')).toEqual(['setup', 'twofactor', 'new', 'phone']);
    expect(questionWords('Multi factor, 2-step, sign in, e-mail, Key Vault')).toEqual([
      'multifactor',
      'twostep',
      'signin',
      'email',
      'keyvault',
    ]);
  });

  it('finds each word of a group with the others, itself first', () => {
    expect(withSynonyms('2fa')[0]).toBe('2fa');
    expect(withSynonyms('2fa')).toEqual(expect.arrayContaining(['mfa', 'twofactor', 'twostep']));
    expect(withSynonyms('yubikey')).toEqual(['yubikey']);
  });
});

describe('questionWords, more phrasings', () => {
  it('joins the forms of "set up", "sign in" / "log in", "roll out", "turn on" and "cut off"', () => {
    expect(questionWords('setting up, logged in, logging on, signed into, rolling out, turned on, cut off')).toEqual([
      'setup',
      'signin',
      'signin',
      'signin',
      'rollout',
      'turnon',
      'cutoff',
    ]);
  });

  it('drops fillers, in any form of the word', () => {
    expect(questionWords('what even is mfa, I just really need it now')).toEqual(['mfa']);
    expect(questionWords('the job needs mail')).toEqual(['job', 'mail']);
  });
});

describe('stem', () => {
  it.each([
    ['texts', 'text'],
    ['logins', 'login'],
    ['policies', 'policy'],
    ['approved', 'approv'],
    ['approve', 'approv'],
    ['approving', 'approv'],
    ['setting', 'set'],
    ['logged', 'log'],
    ['phones', 'phon'],
    ['phone', 'phon'],
  ])('meets the forms of a word: %s -> %s', (word, stemmed) => {
    expect(stem(word)).toBe(stemmed);
  });

  it('leaves short words, numbers, words with digits and words ending in ss, us or is alone', () => {
    for (const word of ['sms', 'app', '535', 'oauth2', 'access', 'status', 'analysis', 'using', 'need']) expect(stem(word)).toBe(word);
  });
});

describe('withSynonyms, by stem', () => {
  it('finds the group of a word in another form', () => {
    expect(withSynonyms('texts')).toEqual(expect.arrayContaining(['sms']));
    expect(withSynonyms('logins')).toEqual(expect.arrayContaining(['signin']));
    expect(withSynonyms('nicked')).toEqual(expect.arrayContaining(['stolen', 'lost']));
  });
});

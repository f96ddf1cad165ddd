import { inEnglish, inUnreadLanguage, languageOf, plainLetters } from '../../../../src/domain/guidance/question-language';

describe('languageOf', () => {
  it.each([
    ["J'ai changé de téléphone, comment je transfère Authenticator ?", 'fr'],
    ['Est-ce que les SMS pour la double authentification vont disparaître ?', 'fr'],
    ['Ich bekomme ständig MFA-Anfragen, obwohl ich mich nicht anmelde.', 'de'],
    ['authenticator neues handy??', 'de'],
    ['perdí mi celular y no puedo entrar al correo, qué hago?', 'es'],
    ['¿Cómo bloqueo la autenticación heredada?', 'es'],
    ['how do I move authenticator to my new phone', 'en'],
  ])('reads %j as %s', (text, language) => {
    expect(languageOf(text)).toBe(language);
  });

  it.each([
    // Words those languages share with English say nothing: these stay English.
    'is there a handy guide for mfa',
    'what licence do I need for conditional access',
    'my bank app sends the 2fa sms to my old number, how do i change it',
    'Not getting push notifications on my iPhone, I have to open the app to see the request',
    'client secret or certificate for the app registration that sends mail?',
  ])('keeps %j English', (text) => {
    expect(languageOf(text)).toBe('en');
  });

  it("reads a question with no sign of any language in the asker's Teams language when it is one of ours, else in English", () => {
    expect(languageOf('MFA?', 'de-DE')).toBe('de');
    expect(languageOf('MFA?', 'fr')).toBe('fr');
    expect(languageOf('MFA?', 'ja-JP')).toBe('en');
    expect(languageOf('MFA?')).toBe('en');
    // The text says more than the locale does.
    expect(languageOf('how do I set up MFA?', 'de-DE')).toBe('en');
  });
});

describe('inEnglish', () => {
  it('reads glossary phrases before words, drops the small words and keeps product names as typed', () => {
    expect(inEnglish("J'ai changé de téléphone, comment je transfère Microsoft Authenticator ?", 'fr')).toBe(
      'changed phone transfer microsoft authenticator',
    );
    expect(inEnglish('Comment activer le MFA pour tous les utilisateurs ?', 'fr')).toBe('enable mfa all users');
    expect(inEnglish('¿Qué es mejor, la app Authenticator o una llave de seguridad FIDO2?', 'es')).toBe(
      'better app authenticator security key fido2',
    );
    expect(inEnglish('Was ist der Unterschied zwischen Sicherheitsstandards und Bedingter Zugriff?', 'de')).toBe(
      'difference security defaults conditional access',
    );
  });

  it('leaves an English question as it is', () => {
    expect(inEnglish('How do I set up MFA?', 'en')).toBe('How do I set up MFA?');
  });

  it('reads letters with accents as plain ones', () => {
    expect(plainLetters('Téléphone Straße ÉCHEC')).toBe('telephone strasse echec');
  });
});

describe('inUnreadLanguage', () => {
  it.each([
    "come posso configurare l'autenticazione a due fattori sul nuovo telefono",
    'Hoe stel ik tweestapsverificatie in op mijn nieuwe telefoon',
  ])('tells a sentence in a language the bot does not read: %j', (text) => {
    expect(inUnreadLanguage(text)).toBe(true);
  });

  it.each([
    'where is the canteen in the building',
    'Authenticator SMTP OAuth MFA',
    '¿Dónde está la cafetería de la oficina?',
    'zanzibar quokka',
  ])('does not take %j for one', (text) => {
    expect(inUnreadLanguage(text)).toBe(false);
  });
});

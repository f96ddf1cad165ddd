/**
 * Questions in French, German and Spanish. The knowledge base is written in English; a question in one of
 * these languages is recognised from its own small words, and its subject words are read into English with a
 * short glossary of the words people use about sign-in and mail, so that it can find the same articles. The
 * answer then says, in the asker's language, that the articles are in English. Anything the glossary does
 * not hold is kept as typed: product names (Authenticator, SMTP, OAuth) read the same in every language.
 */
import { FRENCH } from './glossary/french';
import { GERMAN } from './glossary/german';
import { SPANISH } from './glossary/spanish';

export type AnswerLanguage = 'en' | 'fr' | 'de' | 'es';

export const ANSWER_LANGUAGES: readonly AnswerLanguage[] = ['en', 'fr', 'de', 'es'];
const OTHER_LANGUAGES = ['fr', 'de', 'es'] as const;

/** Lower case, accents dropped ("téléphone" as "telephone", "Straße" as "strasse"). */
export function plainLetters(text: string): string {
  return text
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

/** Words that only say which language a text is in; after plainLetters. */
const FUNCTION_WORDS: Record<AnswerLanguage, ReadonlySet<string>> = {
  en: new Set(
    (
      'the a an is are do does did i my me you your it to of in on for with and or not how what why when where can ' +
      'cant should will would have has this that there be was get got use using if any'
    ).split(' '),
  ),
  fr: new Set(
    (
      'le la les un une des du de est sont je j mon ma mes me m tu ton ta vous votre vos nous notre il elle on ' +
      'ce cet cette ces qu que qui quoi quel quelle quels comment pourquoi quand ou avec pour pas ne n sur dans au aux ' +
      'et mais donc ai avons avez ont suis faut faire fait peux peut doit dois si vont va vraiment tous toutes merci bonjour salut bonsoir beaucoup'
    ).split(' '),
  ),
  de: new Set(
    (
      'der die das den dem des ein eine einen einem einer ist sind ich mein meine meinen mir mich du dein sie ' +
      'wir unser es wie was warum wann wo mit fur und oder nicht kein keine auf im in zu zum zur bei von vom aus ' +
      'habe haben kann konnen muss mussen soll wird werden gibt obwohl gar sich noch schon auch nur zwischen beim uber ' +
      'woran liegt unserem unsere unser tun bekomme immer wieder jetzt danke hallo vielen dank tschuss morgen'
    ).split(' '),
  ),
  es: new Set(
    (
      'el la los las un una unos unas es son yo mi mis me tu su sus nosotros que como por porque cuando donde ' +
      'para en del pero hay puedo puede debo tengo tiene hago hacer cual cuales esta estan estoy si con desde al y o gracias hola muchas buenos buenas dias adios'
    ).split(' '),
  ),
};

/** Words of those languages that are English words too: they say nothing about which language a text is in. */
const ENGLISH_LOOKALIKES = new Set(
  (
    'a an on me in die was son des do am so also bin hat us j m n mail mails email mobile notification ' +
    'notifications application change code codes sms app scanner error smartphone arrive administrator phishing portable ' +
    'licence fin seguro error telephone consultant assistant backup chef depart leer lager obra valide personal pro grave'
  ).split(' '),
);

/**
 * The glossary: a word or phrase (after plainLetters) and the English words it stands for. Phrases are
 * matched before words. Only the subject's words: what the articles are about, not everyday language.
 */
const GLOSSARY: Record<Exclude<AnswerLanguage, 'en'>, Readonly<Record<string, string>>> = {
  fr: FRENCH,
  de: GERMAN,
  es: SPANISH,
};

/** A word of French, German or Spanish that English does not share: one of its small words or of its glossary. */
function isWordOf(language: (typeof OTHER_LANGUAGES)[number], word: string): boolean {
  return (
    !FUNCTION_WORDS.en.has(word) &&
    !ENGLISH_LOOKALIKES.has(word) &&
    (FUNCTION_WORDS[language].has(word) || GLOSSARY[language][word] !== undefined)
  );
}

/** The longest glossary phrase of each language, in words: how far ahead reading looks. */
const LONGEST_PHRASE = Object.fromEntries(
  Object.entries(GLOSSARY).map(([language, glossary]) => [
    language,
    Math.max(...Object.keys(glossary).map((key) => key.split(' ').length)),
  ]),
) as Record<Exclude<AnswerLanguage, 'en'>, number>;

/** The words of a text for telling its language: plain letters, split at anything that is not a letter or digit. */
function tokens(text: string): string[] {
  return plainLetters(text)
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * The language a question is written in. Each language scores a point per word of its own small words and
 * of its glossary, and a few letters only it uses ("¿", "ñ"; "ß", "ä" "ö" "ü"; "ç", "è" "ê"); English wins a
 * tie, so an English question that borrows one word ("handy") stays English. A question with no sign of any
 * language ("MFA?") is read in the asker's Teams language when it is one of ours, else in English.
 */
export function languageOf(text: string, locale?: string): AnswerLanguage {
  const words = tokens(text);
  const raw = text.toLowerCase();
  const score: Record<AnswerLanguage, number> = { en: 0, fr: 0, de: 0, es: 0 };
  for (const word of words) {
    if (FUNCTION_WORDS.en.has(word)) score.en++;
    for (const language of OTHER_LANGUAGES) if (isWordOf(language, word)) score[language]++;
  }
  if (/[¿¡ñ]/.test(raw)) score.es += 2;
  if (/[ßäöü]/.test(raw)) score.de += 2;
  if (/[çèêàùœ]/.test(raw)) score.fr += 2;
  const best = ANSWER_LANGUAGES.reduce((winner, language) => (score[language] > score[winner] ? language : winner), 'en' as AnswerLanguage);
  if (score[best] > 0) return best;
  const fromLocale = (locale ?? '').toLowerCase().split(/[-_]/)[0] as AnswerLanguage;
  return ANSWER_LANGUAGES.includes(fromLocale) ? fromLocale : 'en';
}

/**
 * A sentence of five words or more with at most one of English's small words (Italian's "a", Dutch's "in") and
 * at most one word of the other languages we read (Italian's "telefono"): Italian, Portuguese, Dutch... The card
 * then says which languages the bot reads. Product names alone ("Authenticator SMTP OAuth MFA") are too short to count.
 */
export function inUnreadLanguage(text: string): boolean {
  const words = tokens(text).filter((word) => !/^\d+$/.test(word));
  if (words.length < 5) return false;
  const english = words.filter((word) => FUNCTION_WORDS.en.has(word)).length;
  const ours = words.filter((word) => OTHER_LANGUAGES.some((language) => isWordOf(language, word))).length;
  return english <= 1 && ours <= 1;
}

/**
 * A question read into English for searching: glossary phrases and words become their English words, the
 * language's small words go, anything else stays as typed. An English question comes back as it is.
 */
export function inEnglish(text: string, language: AnswerLanguage): string {
  if (language === 'en') return text;
  const glossary = GLOSSARY[language];
  const words = tokens(text);
  const read: string[] = [];
  for (let at = 0; at < words.length;) {
    // The longest glossary entry starting here, then the language's small words, then the word as typed.
    let length = Math.min(LONGEST_PHRASE[language], words.length - at);
    while (length > 0 && glossary[words.slice(at, at + length).join(' ')] === undefined) length--;
    if (length > 0) read.push(glossary[words.slice(at, at + length).join(' ')]!);
    else if (!FUNCTION_WORDS[language].has(words[at]!)) read.push(words[at]!);
    at += Math.max(length, 1);
  }
  return read.join(' ');
}

import { plainLetters } from './question-language';

/** What a short social message says: hello, thank you, goodbye, or "who are you / what can you do". */
export type SmallTalk = 'greeting' | 'thanks' | 'goodbye' | 'about';

/**
 * Phrases that are the whole of a social message, in the four languages the bot reads (after plainLetters,
 * punctuation and emoji gone). A message is small talk only when it is nothing else: "hi, my phone is lost"
 * is a question, and is answered as one.
 */
const PHRASES: Record<SmallTalk, readonly string[]> = {
  greeting: [
    'hi', 'hii', 'hiya', 'hey', 'hey there', 'hi there', 'hello', 'hello there', 'helo', 'hallo', 'yo', 'howdy', 'greetings',
    'good morning', 'morning', 'good afternoon', 'good evening', 'gm', 'how are you', 'how are you doing', 'hows it going',
    'bonjour', 'salut', 'bonsoir', 'coucou', 'guten morgen', 'guten tag', 'moin', 'servus', 'gruss gott', 'hola', 'buenos dias',
    'buenas tardes', 'buenas', 'ca va', 'wie gehts', 'que tal',
  ],
  thanks: [
    'thanks', 'thank you', 'thx', 'ty', 'thanks a lot', 'thank you so much', 'thanks so much', 'many thanks', 'cheers', 'great thanks',
    'thanks that worked', 'that worked thanks', 'that worked', 'it worked', 'perfect thanks', 'ok thanks', 'okay thanks', 'awesome',
    'great', 'perfect', 'thanks that helped', 'that helped', 'got it thanks', 'merci', 'merci beaucoup', 'danke', 'danke schon',
    'vielen dank', 'gracias', 'muchas gracias',
  ],
  goodbye: ['bye', 'goodbye', 'bye bye', 'see you', 'see ya', 'cya', 'good night', 'au revoir', 'tschuss', 'adios', 'hasta luego'],
  about: [
    'who are you', 'what are you', 'what can you do', 'what do you do', 'are you a bot', 'are you a robot', 'are you human',
    'what is mfa coach', 'who is mfa coach', 'is this a real person', 'is this a person', 'are you a real person', 'are you real',
    'am i talking to a real person', 'am i talking to a bot', 'is this a bot', 'is this a human', 'is this ai', 'are you ai',
    'what is this', 'what is this bot', 'how can you help', 'how can you help me', 'what can i ask', 'what can i ask you',
    'qui es tu', 'qui etes vous', 'wer bist du', 'wer sind sie', 'quien eres', 'que eres',
  ],
};

/** "hi coach", "thanks mfa coach": a name after the phrase changes nothing. */
const FORMS_OF_ADDRESS = /\s+(mfa coach|coach|bot|team|all|everyone|again|mate|buddy)$/;

const BY_PHRASE = new Map<string, SmallTalk>();
for (const [kind, phrases] of Object.entries(PHRASES) as [SmallTalk, readonly string[]][]) for (const phrase of phrases) BY_PHRASE.set(phrase, kind);

/**
 * Beyond the phrases: a short message made only of these words is small talk of the kind its last telling word
 * says ("thx a lot, all sorted now!!", "are you a bot or a real person lol"). Any other word ("code", "phone",
 * "sign") makes it a question.
 */
const TELLING_WORDS: Record<SmallTalk, readonly string[]> = {
  greeting: ['hi', 'hello', 'hey', 'hiya', 'morning', 'afternoon', 'evening', 'bonjour', 'salut', 'hallo', 'hola'],
  thanks: ['thanks', 'thank', 'thx', 'thanx', 'ty', 'cheers', 'sorted', 'worked', 'helped', 'helpful', 'fixed', 'merci', 'danke', 'gracias'],
  goodbye: ['bye', 'goodbye', 'cya', 'later', 'tschuss', 'adios'],
  about: ['bot', 'robot', 'human', 'person', 'ai', 'chatbot', 'machine'],
};
const FILLER = new Set(('a an the u you your all now it its that this ok okay cool lol haha great perfect awesome nice good so much ' +
  'lot lots many very really super again everything is was are am i me talking to or just real actual for help mate buddy ' +
  'coach mfa there see').split(' '));
const BY_WORD = new Map<string, SmallTalk>();
for (const [kind, words] of Object.entries(TELLING_WORDS) as [SmallTalk, readonly string[]][]) for (const word of words) BY_WORD.set(word, kind);
/** Longer than this, a message says more than small talk. */
const MOST_WORDS = 10;

function smallTalkByWords(words: readonly string[]): SmallTalk | undefined {
  if (words.length > MOST_WORDS || !words.every((word) => BY_WORD.has(word) || FILLER.has(word))) return undefined;
  return [...words].reverse().map((word) => BY_WORD.get(word)).find((kind) => kind !== undefined);
}

/** The kind of small talk a whole message is, or undefined when it asks or says anything more. */
export function smallTalkOf(text: string): SmallTalk | undefined {
  const plain = plainLetters(text).replace(/[^a-z0-9]+/g, ' ').trim().replace(/\s+/g, ' ');
  if (plain === '' || plain.length > 60) return undefined;
  const found = BY_PHRASE.get(plain) ?? BY_PHRASE.get(plain.replace(FORMS_OF_ADDRESS, ''));
  if (found) return found;
  // "hi, thanks!" or "ok thank you, bye": two phrases in one message; the last says what it is for.
  const words = plain.split(' ');
  for (let split = 1; split < words.length; split++) {
    const first = BY_PHRASE.get(words.slice(0, split).join(' '));
    const second = BY_PHRASE.get(words.slice(split).join(' ').replace(FORMS_OF_ADDRESS, ''));
    if (first && second) return second;
  }
  return smallTalkByWords(words);
}

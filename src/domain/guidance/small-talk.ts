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

/** The kind of small talk a whole message is, or undefined when it asks or says anything more. */
export function smallTalkOf(text: string): SmallTalk | undefined {
  const plain = plainLetters(text).replace(/[^a-z0-9]+/g, ' ').trim().replace(/\s+/g, ' ');
  if (plain === '' || plain.length > 40) return undefined;
  const found = BY_PHRASE.get(plain) ?? BY_PHRASE.get(plain.replace(FORMS_OF_ADDRESS, ''));
  if (found) return found;
  // "hi, thanks!" or "ok thank you, bye": two phrases in one message; the last says what it is for.
  const words = plain.split(' ');
  for (let split = 1; split < words.length; split++) {
    const first = BY_PHRASE.get(words.slice(0, split).join(' '));
    const second = BY_PHRASE.get(words.slice(split).join(' ').replace(FORMS_OF_ADDRESS, ''));
    if (first && second) return second;
  }
  return undefined;
}

import { plainLetters } from './question-language';
import { FILLER, PHRASES, TELLING_WORDS } from './small-talk-words';

/** What a short social message says: hello, thank you, goodbye, or "who are you / what can you do". */
export type SmallTalk = 'greeting' | 'thanks' | 'goodbye' | 'about';

/** "hi coach", "thanks mfa coach": a name after the phrase changes nothing. */
const FORMS_OF_ADDRESS = /\s+(mfa coach|coach|bot|team|all|everyone|again|mate|buddy)$/;

const BY_PHRASE = new Map<string, SmallTalk>();
for (const [kind, phrases] of Object.entries(PHRASES) as [SmallTalk, readonly string[]][])
  for (const phrase of phrases) BY_PHRASE.set(phrase, kind);

/**
 * Sayings that stand for one telling word wherever they appear in a message: "have a good one" says goodbye,
 * "you're a lifesaver" thanks, "who made you" asks about the bot. They are read before the words, so that
 * "thanks for your help, have a lovely afternoon" ends on a goodbye rather than a greeting.
 */
const SAYINGS: readonly [RegExp, string][] = [
  [/\bhave an? (nice|good|great|lovely|nice|good) (day|one|evening|afternoon|morning|weekend|week|night)\b/g, 'bye'],
  [/\b(enjoy|have) (your|the) (day|evening|weekend)\b/g, 'bye'],
  [/\b(talk|speak|catch|see) (you |u |ya )?(later|soon|tomorrow|around|next time)\b/g, 'bye'],
  [/\b(until|till) next time\b/g, 'bye'],
  [/\b(that s|thats|that is|its|it s) (all|it|everything)( for (now|today))?( from me)?\b/g, 'bye'],
  [/\b(gotta|got to|have to|need to) go\b/g, 'bye'],
  [/\b(take care|signing off|i m off|im off|i m done|im done|all done here|nothing else)\b/g, 'bye'],
  [
    /\b(bonne (journee|soiree|fin de journee)|a plus|a bientot|schonen (tag|abend)( noch)?|bis (dann|spater|bald)|hasta (manana|pronto)|buen dia)\b/g,
    'bye',
  ],
  [/\b(whats|what s|what is) up\b/g, 'hello'],
  [/\bhow (are|r) (you|u|things)( doing)?( today)?\b/g, 'hello'],
  [/\b(hows|how s|how is) it going\b/g, 'hello'],
  [/\bhope (you re|youre|you are|your day is going) (well|good|ok)\b/g, 'hello'],
  [/\b(good|nice) to meet you\b/g, 'hello'],
  [/\b(anyone|anybody) (home|there)\b/g, 'hello'],
  [/\bhappy (monday|tuesday|wednesday|thursday|friday|new year)\b/g, 'hello'],
  [/\b(hallo|hi|hello) (zusammen|alle|everyone)\b/g, 'hello'],
  [/\b(j espere que vous allez bien|comment ca va|como estas|que tal)\b/g, 'hello'],
  [/\b(you re|youre|you are|ur) (a |the )?(lifesaver|life saver|legend|star|hero|best|star)\b/g, 'thanks'],
  [/\b(that|it|this) (did|does) (it|the trick)\b/g, 'thanks'],
  [
    /\b(nice one|good stuff|much appreciated|appreciate (it|that|you)|all (good|set|sorted|working) now|all (good|set|sorted))\b/g,
    'thanks',
  ],
  [/\b(works|working|worked|fixed|sorted) now\b/g, 'thanks'],
  [/\b(ca marche|ca fonctionne|hat geklappt|geht wieder|ya funciona|funciona ya)\b/g, 'thanks'],
  [/\bwho (made|built|created|runs|maintains|owns|wrote|programmed) (you|u|this( bot| chat| thing)?)\b/g, 'bot'],
  [/\b(who s|whos|who is) behind (you|this( bot| chat)?)\b/g, 'bot'],
  [/\bwhat (can|do) (you|u) (help( me)? with|do|know( about)?|cover)\b/g, 'bot'],
  [/\bwhat (topics|kinds? of questions|questions|things) (do|can) (you|u) (cover|answer|help with|do)\b/g, 'bot'],
  [/\bwhat (are|r) (you|u) for\b/g, 'bot'],
  [/\bwhat (is|s) this (chat|bot|thing) for\b/g, 'bot'],
  [/\bwhats this (chat|bot|thing) for\b/g, 'bot'],
  [/\bhow (do i|can i|should i) use (you|this( bot)?)\b/g, 'bot'],
  [/\bhow does (this|it) work\b/g, 'bot'],
  [/\bwhat should i ask( you)?\b/g, 'bot'],
  [/\b(whats|what s|what is) your name\b/g, 'bot'],
  [/\b(whats|what s|what is|who is|who s|whos) (mfa coach|this bot)\b/g, 'bot'],
  [/\b(are|r) (you|u) real\b/g, 'bot'],
  [/\bcan (you|u) help( me)?\b/g, 'bot'],
  [/\bwhat (this bot|you|u) (can|could) (help( me)? with|do)\b/g, 'bot'],
  [/\bwhat (do|can) (you|u) (actually )?know\b/g, 'bot'],
  [/\bthat (ll|will) be (all|it)\b/g, 'bye'],
  [/\bgot it\b/g, 'thanks'],
  [/\b(good|nice|great|clever|smart) bot\b/g, 'thanks'],
  [/\b(you|u) (rock|rule)\b/g, 'thanks'],
  [/\bexactly what i (needed|wanted)\b/g, 'thanks'],
  [/\bfor your (patience|time|help)\b/g, 'thanks'],
  [/\b(g day|gday|top of the morning|kia ora)\b/g, 'hello'],
  [/\b(gotta|got to|have to|need to) (run|dash|head off)\b/g, 'bye'],
  [/\b(peace out|no more questions|schonen feierabend)\b/g, 'bye'],
  [/\bwhat is this (thing|bot|chat)\b/g, 'bot'],
  [/\bwhat (are|r) (you|u) good for\b/g, 'bot'],
  [/\bwhat (kinds?|sorts?|types?) of (questions|things) (can|should|do) i ask( you| u)?\b/g, 'bot'],
  [/\b(which|what) team (owns|runs|made|built|maintains) (you|u|mfa coach|this bot)\b/g, 'bot'],
  [/\bwhat does (mfa coach|this bot|it) (even |actually )?do\b/g, 'bot'],
  [/\b(are|is) (my|our) (chats|messages)( with (you|u))? (logged|saved|stored|recorded|read)\b/g, 'bot'],
  [/\bdo (you|u) (learn|remember|store|keep|read|save|log|record)\b/g, 'bot'],
  [/\b(t es qui|qui es tu|quien esta detras)\b/g, 'bot'],
  [/\bwho am i (talking|speaking|chatting) (to|with)\b/g, 'bot'],
  [/\b(is|are) (someone|anyone|a human|a person)( from it)? (reading|watching|seeing) (this|my messages)\b/g, 'bot'],
  [/\bdo you (learn|remember|store|keep|read) (from )?(my|our) (messages|chats)\b/g, 'bot'],
  [/\bwhat (are|r) your capabilities\b/g, 'bot'],
  [/\bhow smart (are|r) (you|u)\b/g, 'bot'],
  [/\b(which|what) (ai )?model (are|r) (you|u)\b/g, 'bot'],
  [/\b(tu es|es tu|t es) (un robot|un bot|une ia|humain)\b/g, 'bot'],
  [/\b(was kannst du|was konnen sie|bist du (ein bot|ein roboter|eine ki|ein mensch)|wer hat dich gebaut)\b/g, 'bot'],
  [/\b(que puedes hacer|eres (un bot|un robot|humano|una ia)|quien te hizo)\b/g, 'bot'],
];

const BY_WORD = new Map<string, SmallTalk>();
for (const [kind, words] of Object.entries(TELLING_WORDS) as [SmallTalk, readonly string[]][])
  for (const word of words) BY_WORD.set(word, kind);
/**
 * Which kind a message of several is for: a goodbye ends the chat whatever came before ("thanks, bye"), thanks
 * outweigh a hello ("hi, thanks for earlier"), and a question about the bot outweighs a hello ("hey, who are you").
 */
const PRIORITY: readonly SmallTalk[] = ['goodbye', 'thanks', 'about', 'greeting'];
/** Longer than this, a message says more than small talk. */
const MOST_WORDS = 12;

/** A word as a telling word, also with two neighbouring letters swapped back ("thnaks") or a held letter let go ("byeee"). */
function tellingWord(word: string): SmallTalk | undefined {
  const held = word.replace(/(.)\1{2,}/g, '$1');
  for (const form of [word, held, held.replace(/(.)\1/g, '$1')]) {
    const kind = BY_WORD.get(form);
    if (kind) return kind;
  }
  for (let i = 0; i + 1 < word.length && word.length >= 4; i++) {
    const kind = BY_WORD.get(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
    if (kind) return kind;
  }
  return undefined;
}

function smallTalkByWords(words: readonly string[]): SmallTalk | undefined {
  if (words.length > MOST_WORDS) return undefined;
  const kinds = words.map((word) => tellingWord(word) ?? (FILLER.has(word) ? null : undefined));
  if (kinds.includes(undefined)) return undefined;
  return PRIORITY.find((kind) => kinds.includes(kind));
}

/** A message of nothing but a thumbs-up, praying hands or a wave: thanks, or hello. */
function emojiOnly(text: string): SmallTalk | undefined {
  if (text.length > 20 || /[\p{L}\p{N}]/u.test(text)) return undefined;
  if (/\u{1F44D}|\u{1F64F}|\u{1F64C}|\u{1F44C}|\u{2705}/u.test(text)) return 'thanks';
  if (/\u{1F44B}/u.test(text)) return 'greeting';
  return undefined;
}

/** The kind of small talk a whole message is, or undefined when it asks or says anything more. */
export function smallTalkOf(text: string): SmallTalk | undefined {
  const plain = plainLetters(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/\s+/g, ' ');
  if (plain === '') return emojiOnly(text);
  if (plain.length > 80) return undefined;
  const found = BY_PHRASE.get(plain) ?? BY_PHRASE.get(plain.replace(FORMS_OF_ADDRESS, ''));
  if (found) return found;
  // "hi, thanks!" or "ok thank you, bye": two phrases in one message; the last says what it is for.
  const words = plain.split(' ');
  for (let split = 1; split < words.length; split++) {
    const first = BY_PHRASE.get(words.slice(0, split).join(' '));
    const second = BY_PHRASE.get(words.slice(split).join(' ').replace(FORMS_OF_ADDRESS, ''));
    if (first && second) return second;
  }
  const said = SAYINGS.reduce((tidy, [saying, word]) => tidy.replace(saying, word), plain);
  return smallTalkByWords(said.split(' '));
}

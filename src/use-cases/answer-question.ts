import type { Article } from '../domain/guidance/article';
import type { KnowledgeSearch } from '../domain/ports/knowledge-search';
import { inEnglish, inUnreadLanguage, languageOf, type AnswerLanguage } from '../domain/guidance/question-language';
import { questionWords, stem } from '../domain/guidance/question-words';
import { smallTalkOf, type SmallTalk } from '../domain/guidance/small-talk';
import { audienceOf, type QuestionAudience } from '../domain/guidance/question-audience';

/** A model's answer, kept only when it cites articles it was given; `cited` are those articles, in its order. */
export interface WrittenAnswer {
  text: string;
  cited: Article[];
}

export type Answer =
  | {
      kind: 'answer';
      article: Article;
      /** Two or three other articles near the question, for "related questions". */
      related: Article[];
      /** The article's "good to know" points that answer the question (all of them when no question was typed). */
      goodToKnow: string[];
      /** The language the question was asked in, when not English: the card says the article is in English. */
      language?: AnswerLanguage;
      /** Only in model mode: an answer written from these articles, with those it cites (see write-answer.ts). */
      written?: WrittenAnswer;
    }
  /**
   * The best match is too weak to be shown as the answer, but not so weak that nothing is near: "I'm not
   * sure: did you mean…" with the closest articles to pick from. Never a confident card on a weak match.
   */
  | { kind: 'not-sure'; candidates: Article[]; language?: AnswerLanguage }
  /**
   * No article is a confident match: say so, never make an answer up. `outside` names the subject the question
   * is about when it is one the bot knows it does not cover (Outlook features, Wi-Fi, HR, ...).
   */
  | { kind: 'unknown'; outside?: string; language?: AnswerLanguage; unreadLanguage?: true }
  /** A greeting, a thank-you, a goodbye or "who are you": answered in kind, with what the bot can do. */
  | { kind: 'small-talk'; said: SmallTalk; language?: AnswerLanguage };

export interface Confidence {
  /** Share of the question's meaningful words the article must match. */
  minCoverage: number;
  /** The article's score must be at least this. */
  minScore: number;
}

export interface AnswerThresholds {
  /** At or above: the answer, when it also leads the next article by `minLead` times its score. */
  answer: Confidence & { minLead: number };
  /**
   * A subject the bot declines that comes within this share of the best article's score, and holds a word of the
   * question no article has, is what the question is about ("require MFA for everyone in our Okta tenant" is near
   * both "other clouds" and the article on requiring MFA): declined. 1 declines only a subject nearer than every
   * article.
   */
  outsideWithin: number;
  /** Below the answer's, at or above this: "not sure", with the closest articles. Below: "I don't know". */
  notSure: Confidence;
}

/** Fitted on the development sets by npm run eval:fit (docs/benchmarks.md has the figures), never on a held-out set. */
export const DEFAULT_ANSWER_THRESHOLDS: AnswerThresholds = {
  answer: { minCoverage: 0.2, minScore: 30, minLead: 1.1 },
  notSure: { minCoverage: 0.15, minScore: 22 },
  outsideWithin: 0.7,
};

export interface AnswerOptions {
  thresholds?: AnswerThresholds;
  /** The asker's Teams language (activity locale, e.g. "fr-FR"): read only when the question itself does not say. */
  locale?: string;
  /** Whether the asker is an admin, when known: it decides between employee and admin articles when the words do not. */
  asker?: QuestionAudience;
}

/** An article written for the other side (admin steps for an employee's question, or the reverse) counts this much less. */
const AUDIENCE_PENALTY = 0.2;

/** How many articles a "not sure" answer offers. */
const CANDIDATES = 3;

export function answerQuestion(search: KnowledgeSearch, question: string, options: AnswerOptions = {}): Answer {
  const thresholds = options.thresholds ?? DEFAULT_ANSWER_THRESHOLDS;
  const language = languageOf(question, options.locale);
  const asked = language === 'en' ? {} : { language };
  const said = smallTalkOf(question);
  if (said) return { kind: 'small-talk', said, ...asked };
  const english = inEnglish(question, language);
  const { hits: found, outside } = search.lookUp(english, 6, { translated: language !== 'en' });
  const audience = audienceOf(english, options.asker);
  const hits = found
    .map((hit) =>
      audience && hit.article.audience !== 'developer' && hit.article.audience !== audience
        ? { ...hit, score: hit.score * (1 - AUDIENCE_PENALTY) }
        : hit,
    )
    .sort((a, b) => b.score - a.score)
    .slice(0, 4);
  const [best, ...others] = hits;
  const reaches = (hit: { score: number; coverage: number } | undefined, confidence: Confidence) =>
    hit !== undefined && hit.coverage >= confidence.minCoverage && hit.score >= confidence.minScore;
  // A question nearer a subject the bot does not cover than any article is about that subject: the nearest
  // article would only share some of its words ("out of office reply" is not about Office 365 SMTP). One that
  // comes close is too, when it holds a word of the question that no article holds ("okta" in "require MFA for
  // everyone in our Okta tenant"); when it only shares the articles' words ("a code every time I log in"), an
  // article answers.
  const nearer = outside && (!best || outside.score > best.score);
  const nearAndNamed = outside && best && outside.score > best.score * thresholds.outsideWithin && outside.ownWords.length > 0;
  if (outside && (nearer || nearAndNamed)) {
    return reaches(outside, thresholds.answer)
      ? { kind: 'unknown', outside: outside.topic.title, ...asked }
      : { kind: 'unknown', ...asked };
  }
  // Not understood, and written in a language the bot does not read: the card says which ones it does.
  if (!best || !reaches(best, thresholds.notSure))
    return { kind: 'unknown', ...asked, ...(language === 'en' && inUnreadLanguage(question) ? { unreadLanguage: true as const } : {}) };
  // Two articles about as near as each other: the question does not say enough to pick ("codes", "phone problem").
  const leads = !others[0] || best.score >= thresholds.answer.minLead * others[0].score;
  if (!reaches(best, thresholds.answer) || !leads) {
    const candidates = hits
      .filter((hit) => reaches(hit, thresholds.notSure))
      .slice(0, CANDIDATES)
      .map((hit) => hit.article);
    return { kind: 'not-sure', candidates, ...asked };
  }
  // Other close answers to the question first, then the articles nearest the answer itself, up to three.
  const close = others.filter((hit) => hit.score >= best.score / 3).map((hit) => hit.article);
  return {
    kind: 'answer',
    article: best.article,
    related: unique([...close, ...neighboursOf(search, best.article)], best.article.id).slice(0, RELATED),
    goodToKnow: pointsAnswering(best.article, english),
    ...asked,
  };
}

/**
 * The "good to know" points that hold a word of the question the title does not: "can we turn number matching
 * off?" is answered by the point that says it cannot be switched off; "how do I make it stop" by the one on
 * snoozing. A question the title already says all of gets the article without them.
 */
function pointsAnswering(article: Article, question: string): string[] {
  const titled = new Set(questionWords(article.title).map(stem));
  const asked = new Set(
    questionWords(question)
      .map(stem)
      .filter((word) => !titled.has(word)),
  );
  if (asked.size === 0) return [];
  return article.goodToKnow.filter((point) => questionWords(point).some((word) => asked.has(stem(word))));
}

/** How many related questions an answer offers. */
const RELATED = 3;

/**
 * One article by id, as a "related question" button asks for it, with the articles near it as its own related
 * questions (found from its title and the ways people ask it). An id that names no article (stale or forged)
 * gets "I don't know", never an error.
 */
export function answerArticle(search: KnowledgeSearch, id: string): Answer {
  const article = search.article(id);
  if (!article) return { kind: 'unknown' };
  return { kind: 'answer', article, related: neighboursOf(search, article), goodToKnow: article.goodToKnow };
}

/** The articles nearest one article: found from its title and the ways people ask it. */
function neighboursOf(search: KnowledgeSearch, article: Article): Article[] {
  const hits = search.search([article.title, ...article.questions].join('\n'), RELATED + 1);
  return unique(
    hits.map((hit) => hit.article),
    article.id,
  ).slice(0, RELATED);
}

function unique(articles: Article[], without: string): Article[] {
  const seen = new Set([without]);
  return articles.filter((article) => !seen.has(article.id) && seen.add(article.id));
}

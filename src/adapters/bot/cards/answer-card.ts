import type { Article } from '../../../domain/guidance/article';
import type { Answer, WrittenAnswer } from '../../../use-cases/answer-question';
import { escapeArticleMarkdown, escapeMarkdown, renderCard, type AdaptiveCard } from './card-template';
import { clipText, directoryText, TEXT_LIMITS } from './directory-text';
import { VERBS } from './verbs';
import { ANSWER_TEXTS, type AnswerTexts } from './answer-texts';

/** The most an answer card shows of each part; articles are checked when loaded, this is for the card's size. */
export const ANSWER_LIMITS = {
  title: 150,
  shortAnswer: 600,
  step: 300,
  relatedButtons: 3,
  relatedQuestion: 150,
  goodToKnow: 5,
  buttonTitle: 80,
  sources: 3,
  paragraphs: 6,
  paragraph: 600,
  writtenSources: 5,
} as const;

export interface AnswerCardView {
  answer: Answer;
  botName: string;
  /** Who to ask when the bot does not know, as configured (HELP_DESK_CONTACT). */
  helpDesk: string;
  /** In a channel or group chat, "help" needs an @mention; the hint says so. */
  inChannel: boolean;
  /** The article this one was opened from (a related question's button): a way back to it. */
  backTo?: string;
}

/**
 * An article as a card: its title, short answer, numbered steps, the "good to know" points that answer the
 * question, its sources as buttons, and up to three related questions, each a button that shows that article
 * in place. When the best match is weak, "not sure" with the closest articles as buttons; when nothing
 * matched, the plain "I don't know" card that points to help and to the help desk, naming the subject when
 * it is one the bot knows it does not cover. Small talk gets a short reply in kind. Fixed words come from
 * answer-texts.ts, in the language the question was asked in.
 */
export function answerCard(view: AnswerCardView): AdaptiveCard {
  const helpDesk = directoryText(view.helpDesk, TEXT_LIMITS.free) || 'your IT help desk';
  const language = view.answer.language ?? 'en';
  const texts = ANSWER_TEXTS[language];
  const botName = escapeMarkdown(view.botName);
  // Which languages the bot reads: said to a question in another of them, or in one it does not read.
  // Where there is no article to give, the next steps as buttons: one's own status (in personal chat only: its answer
  // replaces the card, and is nobody else's business) and what the bot can do.
  const nextSteps = {
    showStatus: !view.inChannel,
    statusButton: texts.statusButton,
    statusVerb: VERBS.ownStatusCheck,
    helpButton: texts.helpButton,
    helpVerb: VERBS.showHelp,
  };
  const languages = {
    hasLanguages: language !== 'en' || (view.answer.kind === 'unknown' && view.answer.unreadLanguage === true),
    languages: texts.languages,
  };
  switch (view.answer.kind) {
    case 'small-talk': {
      const said = view.answer.said;
      const reply =
        said === 'greeting'
          ? texts.greeting(botName)
          : said === 'about'
            ? texts.about(botName)
            : said === 'thanks'
              ? texts.thanks
              : texts.goodbye;
      return renderCard('answer-small-talk', { reply, howToAsk: texts.howToAsk(view.inChannel, botName), ...nextSteps });
    }
    case 'unknown': {
      const outside = view.answer.outside ? directoryText(view.answer.outside, TEXT_LIMITS.free) : '';
      return renderCard('answer-unknown', {
        heading: outside ? texts.outsideHeading(outside) : texts.unknownHeading,
        whatICover: texts.whatICover,
        ...languages,
        howToAsk: texts.howToAsk(view.inChannel, botName),
        askHelpDesk: texts.askHelpDesk(helpDesk),
        ...nextSteps,
      });
    }
    case 'not-sure':
      return renderCard('answer-not-sure', {
        heading: texts.notSureHeading,
        candidates: relatedButtons(view.answer.candidates, new Set(), texts),
        ...languages,
        hint: texts.notSureHint(helpDesk),
      });
    case 'answer':
      break;
  }
  if (view.answer.written) return writtenAnswerCard(view.answer.article, view.answer.related, view.answer.written, view, helpDesk, texts);
  const { article, related, goodToKnow } = view.answer;
  const steps = article.steps.map((step, index) => ({ number: index + 1, text: articleText(step, ANSWER_LIMITS.step) }));
  const points = goodToKnow.slice(0, ANSWER_LIMITS.goodToKnow).map((point) => ({ text: articleText(point, ANSWER_LIMITS.step) }));
  const buttons = relatedButtons(related, new Set([article.id]), texts, article.id);
  return renderCard('answer', {
    back: view.backTo ? { title: texts.back, verb: VERBS.showAnswer, data: { articleId: view.backTo } } : null,
    hasNote: language !== 'en',
    note: texts.articleInEnglish,
    labels: { steps: texts.steps, goodToKnow: texts.goodToKnow, relatedQuestions: texts.relatedQuestions },
    title: articleText(article.title, ANSWER_LIMITS.title),
    shortAnswer: articleText(article.shortAnswer, ANSWER_LIMITS.shortAnswer),
    hasSteps: steps.length > 0,
    steps,
    hasGoodToKnow: points.length > 0,
    goodToKnow: points,
    footer: `${texts.summarisedFrom(article.sources.length)} ${texts.notWhatYouAsked(helpDesk, view.inChannel)}`,
    hasRelated: buttons.length > 0,
    related: buttons,
    sources: sourceButtons(article),
  });
}

/**
 * Model mode: the written answer in paragraphs, the plain statement that AI wrote it from the articles listed
 * (their titles), those articles' sources as links, and the related questions not already cited.
 */
function writtenAnswerCard(
  article: Article,
  related: Article[],
  written: WrittenAnswer,
  view: AnswerCardView,
  helpDesk: string,
  texts: AnswerTexts,
): AdaptiveCard {
  const citedIds = new Set(written.cited.map((cited) => cited.id));
  // A model's text is not ours: it gets the strict escaping that people's text gets (no link, no bare address).
  const paragraphs = written.text
    .split(/\n\s*\n/)
    .map((part) => articleText(part, ANSWER_LIMITS.paragraph, escapeMarkdown))
    .filter(Boolean)
    .slice(0, ANSWER_LIMITS.paragraphs);
  const buttons = relatedButtons(related, new Set([article.id, ...citedIds]), texts, article.id);
  // Each cited article's first source, then their second ones, and so on: every cited article gets a link.
  const perArticle = written.cited.map((cited) => cited.sources.filter(isHttps).slice(0, ANSWER_LIMITS.sources));
  const urls: string[] = [];
  for (let rank = 0; rank < ANSWER_LIMITS.sources; rank++) {
    for (const url of perArticle.map((list) => list[rank])) if (url !== undefined && !urls.includes(url)) urls.push(url);
  }
  return renderCard('answer-written', {
    title: articleText(written.cited[0]!.title, ANSWER_LIMITS.title),
    paragraphs: paragraphs.map((text) => ({ text })),
    aiNotice: texts.writtenByAi(written.cited.length, urls.length),
    articles: written.cited.map((cited) => ({ title: articleText(cited.title, ANSWER_LIMITS.title) })),
    footer: texts.notWhatYouAsked(helpDesk, view.inChannel),
    relatedQuestions: texts.relatedQuestions,
    hasRelated: buttons.length > 0,
    related: buttons,
    sources: sourceButtons({ sources: urls }, ANSWER_LIMITS.writtenSources),
  });
}

/**
 * Article text for a TextBlock: articles may use **bold** (Teams renders it) and `code` (it does not: the
 * backticks go); everything else that markdown would act on is escaped (escapeArticleMarkdown), so a link or a
 * list can only come from the card itself. Clipped with "…" past maxChars.
 */
export function articleText(text: string, maxChars: number, escape: (text: string) => string = escapeArticleMarkdown): string {
  return clipText(text.replace(/`/g, '').replace(/\s+/g, ' ').trim(), maxChars)
    .split(/\*\*([^*]+?)\*\*/)
    .map((part, index) => (index % 2 === 1 ? `**${escape(part)}**` : escape(part)))
    .join('');
}

/**
 * Each related article as a row, leaving out the articles already on the card: its first question as wrapping text,
 * and a short button that shows it in place of this card. A button's title does not wrap (Teams and the Playground
 * cut a long one at the card's edge), so the question is not on it. `from`: the article shown now, so that the one
 * opened has a way back.
 */
function relatedButtons(
  related: Article[],
  shown: ReadonlySet<string>,
  texts: AnswerTexts,
  from?: string,
): { text: string; title: string; verb: string; articleId: string; data: { articleId: string; from?: string } }[] {
  return related
    .filter((other) => !shown.has(other.id))
    .slice(0, ANSWER_LIMITS.relatedButtons)
    .map((other) => ({
      text: articleText(other.questions[0] ?? other.title, ANSWER_LIMITS.relatedQuestion),
      title: buttonText(texts.show, ANSWER_LIMITS.buttonTitle),
      verb: VERBS.showAnswer,
      articleId: other.id,
      data: from ? { articleId: other.id, from } : { articleId: other.id },
    }));
}

/** Button titles are plain text (no markdown): only the markup an article may use is dropped, and long ones clipped. */
function buttonText(text: string, maxChars: number): string {
  return clipText(
    text
      .replace(/\*\*|`/g, '')
      .replace(/\s+/g, ' ')
      .trim(),
    maxChars,
  );
}

/** "Source: learn.microsoft.com" (numbered when two share a site); the article parser only lets https through. */
/** The publishers of our sources, by site: a button reads "Source: Microsoft Learn", not a bare domain. */
const PUBLISHERS: Readonly<Record<string, string>> = {
  'learn.microsoft.com': 'Microsoft Learn',
  'support.microsoft.com': 'Microsoft Support',
  'techcommunity.microsoft.com': 'Microsoft Tech Community',
  'www.microsoft.com': 'Microsoft',
};

/** Who published a source: its site's publisher, a Microsoft short link with its name (aka.ms/mfasetup), or the site. */
function sourceName(url: URL): string {
  if (url.hostname === 'aka.ms') return `Microsoft, aka.ms${url.pathname.replace(/\/+$/, '')}`;
  return PUBLISHERS[url.hostname] ?? url.hostname;
}

function sourceButtons(article: Pick<Article, 'sources'>, limit: number = ANSWER_LIMITS.sources): { title: string; url: string }[] {
  const sources = article.sources.filter(isHttps).slice(0, limit);
  const names = sources.map((url) => sourceName(new URL(url)));
  return sources.map((url, index) => ({
    title: names.filter((name) => name === names[index]).length > 1 ? `Source ${index + 1}: ${names[index]}` : `Source: ${names[index]}`,
    url,
  }));
}

function isHttps(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

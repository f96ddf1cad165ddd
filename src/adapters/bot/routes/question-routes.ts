import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { answerArticle, answerQuestion, type Answer } from '../../../use-cases/answer-question';
import { writeAnswer } from '../../../use-cases/write-answer';
import type { BotDependencies } from '../bot-dependencies';
import { answerCard } from '../cards/answer-card';
import { asAttachment, type AdaptiveCard } from '../cards/card-template';
import { VERBS } from '../cards/verbs';
import { onCardAction } from './card-actions';
import { whereOf } from '../conversation-reference-mapper';
import { isArticleId } from '../../../domain/guidance/article';
import { addressedToBot } from './addressed-to-bot';

/** A question longer than this is cut before it is searched: nobody asks in more, and search time grows with words. */
export const MAX_QUESTION_CHARS = 500;

/**
 * Questions in free text: any text addressed to the bot. The route table puts this route after the commands and
 * "am I set up?", so it only sees what they did not take. In channels and group chats Teams only delivers messages
 * that mention the bot; a message that does not (an app granted every channel message) is left alone.
 */
export function isQuestion(activity: Partial<Activity>): boolean {
  return activity.type === ActivityTypes.Message && questionOf(activity) !== undefined && addressedToBot(activity);
}

/** Answers from the knowledge base, with an article's card or a plain "I don't know". */
export async function replyToQuestion(context: TurnContext, deps: BotDependencies): Promise<void> {
  const question = questionOf(context.activity)!;
  // Whether the asker is an admin (the directory's answer, cached briefly) picks between admin and employee
  // articles when the question's words do not; unknown when the directory cannot say right now.
  const role = await deps.admin.authorizer.decide(context.activity.from?.aadObjectId);
  const asker = role === 'admin' ? 'admin' : role === 'notAdmin' ? 'employee' : undefined;
  const answer = await withWrittenAnswer(
    answerQuestion(deps.knowledge, question, { locale: context.activity.locale, asker }),
    question,
    deps,
  );
  deps.logger.info(
    {
      answered: answer.kind === 'answer' ? answer.article.id : null,
      kind: answer.kind,
      language: answer.language ?? 'en',
      written: answer.kind === 'answer' && answer.written !== undefined,
      where: whereOf(context.activity),
    },
    'answered a question',
  );
  await context.sendActivity({ attachments: [asAttachment(cardFor(context, deps, answer))] });
}

/** Model mode: a written answer from the articles found, or silently the article's own card. Never logs the question. */
async function withWrittenAnswer(found: Answer, question: string, deps: BotDependencies): Promise<Answer> {
  if (!deps.answerWriter || found.kind !== 'answer') return found;
  return writeAnswer(found, question, deps.answerWriter.writer, {
    timeoutMs: deps.answerWriter.timeoutMs,
    onFallback: (reason, detail) =>
      deps.logger.warn({ reason, detail, article: found.article.id }, "the model's answer was not used; the article's own answer was sent"),
  });
}

/** A related question's button: that article, in place of the card. The id comes from the card, so it is untrusted. */
export function registerAnswerCardAction(app: Application<TurnState>, deps: BotDependencies): void {
  onCardAction(app, deps, VERBS.showAnswer, async (context, data) => {
    const answer = isArticleId(data.articleId) ? answerArticle(deps.knowledge, data.articleId) : ({ kind: 'unknown' } as const);
    if (answer.kind === 'unknown') deps.logger.info({ verb: VERBS.showAnswer }, 'a related-question button named no article');
    // The way back names an article too: only one that exists gets the button.
    const backTo =
      data.from && isArticleId(data.from) && answerArticle(deps.knowledge, data.from).kind !== 'unknown' ? data.from : undefined;
    return cardFor(context, deps, answer, backTo);
  });
}

function cardFor(context: TurnContext, deps: BotDependencies, answer: Answer, backTo?: string): AdaptiveCard {
  return answerCard({
    answer,
    botName: deps.botName,
    helpDesk: deps.helpDesk,
    inChannel: whereOf(context.activity) !== 'personal',
    ...(backTo ? { backTo } : {}),
  });
}

/** The message's text, tidied and cut to MAX_QUESTION_CHARS, or undefined when there is none. */
function questionOf(activity: Partial<Activity>): string | undefined {
  const text = (activity.text ?? '').replace(/\u00a0/g, ' ').trim();
  return text === '' ? undefined : [...text].slice(0, MAX_QUESTION_CHARS).join('');
}

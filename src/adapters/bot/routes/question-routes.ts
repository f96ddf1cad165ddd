import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { isAdminCommandName } from '../../../domain/admin/admin-command';
import { answerArticle, answerQuestion, type Answer } from '../../../use-cases/answer-question';
import { writeAnswer } from '../../../use-cases/write-answer';
import type { BotDependencies } from '../bot-dependencies';
import { answerCard } from '../cards/answer-card';
import { asAttachment, type AdaptiveCard } from '../cards/card-template';
import { VERBS } from '../cards/verbs';
import { onCardAction } from './card-actions';
import { parseCommandText } from '../command-text';
import { whereOf } from '../conversation-reference-mapper';
import { isArticleId } from '../../../domain/guidance/article';

/** A question longer than this is cut before it is searched: nobody asks in more, and search time grows with words. */
export const MAX_QUESTION_CHARS = 500;

/**
 * Questions in free text: any message the earlier routes did not take (commands, "am I set up?") is
 * answered from the knowledge base, with an article's card or a plain "I don't know". Registered just before
 * the message routes (help, then the catch-all, which then only sees messages without text); commands, which
 * are matched on their first word, are never taken for questions, whichever route runs first. In channels and
 * group chats Teams only delivers messages that mention the bot; a message that does not (an app granted every
 * channel message) is left alone.
 */
export function registerQuestionRoutes(app: Application<TurnState>, deps: BotDependencies): void {
  const cardFor = (context: TurnContext, answer: Answer): AdaptiveCard =>
    answerCard({ answer, botName: deps.botName, helpDesk: deps.helpDesk, inChannel: whereOf(context.activity) !== 'personal' });

  app.message(
    async (context) =>
      context.activity.type === ActivityTypes.Message &&
      questionOf(context.activity) !== undefined &&
      !isCommand(context.activity.text) &&
      addressedToBot(context.activity),
    async (context) => {
      const question = questionOf(context.activity)!;
      // Whether the asker is an admin (the directory's answer, cached briefly) picks between admin and employee
      // articles when the question's words do not; unknown when the directory cannot say right now.
      const role = await deps.admin.authorizer.decide(context.activity.from?.aadObjectId);
      const asker = role === 'admin' ? 'admin' : role === 'notAdmin' ? 'employee' : undefined;
      const found = answerQuestion(deps.knowledge, question, { locale: context.activity.locale, asker });
      // Model mode: a written answer from the articles found, or silently the article's own card. Never logs the question.
      const answer =
        deps.answerWriter && found.kind === 'answer'
          ? await writeAnswer(found, question, deps.answerWriter.writer, {
              timeoutMs: deps.answerWriter.timeoutMs,
              onFallback: (reason, detail) =>
                deps.logger.warn(
                  { reason, detail, article: found.article.id },
                  "the model's answer was not used; the article's own answer was sent",
                ),
            })
          : found;
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
      await context.sendActivity({ attachments: [asAttachment(cardFor(context, answer))] });
    },
  );

  // A related question's button: that article, in place of the card. The id comes from the card, so it is untrusted.
  onCardAction(app, deps, VERBS.showAnswer, async (context, data) => {
    const answer = isArticleId(data.articleId) ? answerArticle(deps.knowledge, data.articleId) : ({ kind: 'unknown' } as const);
    if (answer.kind === 'unknown') deps.logger.info({ verb: VERBS.showAnswer }, 'a related-question button named no article');
    return cardFor(context, answer);
  });
}

/** The message's text, tidied and cut to MAX_QUESTION_CHARS, or undefined when there is none. */
function questionOf(activity: Partial<Activity>): string | undefined {
  const text = (activity.text ?? '').replace(/\u00a0/g, ' ').trim();
  return text === '' ? undefined : [...text].slice(0, MAX_QUESTION_CHARS).join('');
}

/** "help" and the admin commands, with or without a slash: their own routes answer them. */
function isCommand(text: string | undefined): boolean {
  const name = parseCommandText(text)?.name;
  return name !== undefined && (name === 'help' || isAdminCommandName(name));
}

/** Personal chat always; elsewhere only when the message mentions the bot. */
function addressedToBot(activity: Partial<Activity>): boolean {
  if (whereOf(activity) === 'personal') return true;
  const botId = activity.recipient?.id;
  return (activity.entities ?? []).some(
    (entity) => entity.type === 'mention' && (entity as { mentioned?: { id?: string } }).mentioned?.id === botId,
  );
}

import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { departments, liveStatusCard, summary, userListAnswer } from '../admin/admin-answers';
import { adminRefusalCard } from '../cards/admin-refusal-card';
import type { AdaptiveCard } from '../cards/card-template';
import { textCard } from '../cards/text-card';
import { VERBS } from '../cards/verbs';
import type { BotDependencies } from '../bot-dependencies';
import { whereOf } from '../conversation-reference-mapper';

/** A card's data is untrusted: it says what to show, never who is asking, and it is checked like typed input. */
interface UsersPageData { list?: unknown; department?: unknown; offset?: unknown }
interface UserCheckData { userId?: unknown }

function asCard(answer: { card?: AdaptiveCard; text?: string }): AdaptiveCard {
  return answer.card ?? textCard(answer.text ?? '');
}

/**
 * Buttons on admin cards (Action.Execute). Each press is authorised again from the sender of the
 * invoke, and answers that name people are only given in personal chat.
 */
export function registerAdminCardActions(app: Application<TurnState>, deps: BotDependencies): void {
  const guarded = (personalOnly: boolean, handler: (context: TurnContext, data: Record<string, unknown>) => Promise<AdaptiveCard>) =>
    async (context: TurnContext, _state: TurnState, data: Record<string, unknown>): Promise<AdaptiveCard> => {
      const decision = await deps.admin.authorizer.decide(context.activity.from?.aadObjectId);
      if (decision === 'unavailable') return textCard("I can't check your admin rights right now. Please try again in a few minutes.");
      if (decision !== 'admin') {
        deps.logger.info({ actorId: context.activity.from?.aadObjectId, verb: (context.activity.value as { action?: { verb?: string } })?.action?.verb }, 'refused an admin card action');
        return adminRefusalCard({ contact: deps.admin.contact });
      }
      if (personalOnly && whereOf(context.activity) !== 'personal') return textCard('That list names people, so I only show it in our private chat.');
      return handler(context, data ?? {});
    };

  app.adaptiveCards.actionExecute(VERBS.postureSummary, guarded(false, async (context, data) =>
    asCard(await summary(deps.admin.answers(context), typeof data.department === 'string' ? data.department : undefined))));

  app.adaptiveCards.actionExecute(VERBS.postureDepartments, guarded(false, async (context) => asCard(await departments(deps.admin.answers(context)))));

  app.adaptiveCards.actionExecute(VERBS.postureUsersPage, guarded(true, async (context, raw) => {
    const data = raw as UsersPageData;
    const list = data.list === 'weak' ? 'weak' : data.list === 'unenrolled' ? 'unenrolled' : undefined;
    const offset = typeof data.offset === 'number' && Number.isInteger(data.offset) && data.offset >= 0 ? data.offset : undefined;
    if (!list || offset === undefined) return textCard('That button is out of date. Ask again with **unenrolled** or **weak**.');
    const department = typeof data.department === 'string' ? data.department : undefined;
    return asCard(await userListAnswer(deps.admin.answers(context), list, department, offset));
  }));

  app.adaptiveCards.actionExecute(VERBS.postureUserCheck, guarded(true, async (context, raw) => {
    const { userId } = raw as UserCheckData;
    const answers = deps.admin.answers(context);
    const person = typeof userId === 'string' ? await answers.store.findUser(userId) : undefined;
    if (!person) return textCard('That person is not in the last scan any more.');
    return liveStatusCard(answers, person);
  }));
}


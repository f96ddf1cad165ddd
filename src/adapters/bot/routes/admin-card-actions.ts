import { NOT_PERMITTED_TO_CHECK_ROLES } from './admin-routes';
import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { answerAdminCommand, departments, summary } from '../admin/admin-answers';
import { liveStatusCard, userListAnswer } from '../admin/user-answers';
import { remindFromCard } from '../admin/remind-from-card';
import { adminRefusalCard } from '../cards/admin-refusal-card';
import type { AdaptiveCard } from '../cards/card-template';
import { textCard } from '../cards/text-card';
import { VERBS } from '../cards/verbs';
import type { BotDependencies } from '../bot-dependencies';
import { whereOf } from '../conversation-reference-mapper';
import { DEFAULT_TREND_DAYS } from '../../../domain/admin/admin-command';
import { onCardAction, type CardActionData, type Verb } from './card-actions';
import { auditTurn } from './audit-turn';

const NOT_IN_SCAN = 'That person is not in the last scan any more.';

function asCard(answer: { card?: AdaptiveCard; text?: string }): AdaptiveCard {
  return answer.card ?? textCard(answer.text ?? '');
}

/**
 * Buttons on admin cards (Action.Execute). Each press is authorised again from the sender of the
 * invoke, and answers that name people are only given in personal chat.
 */
export function registerAdminCardActions(app: Application<TurnState>, deps: BotDependencies): void {
  const route = <V extends Verb>(
    verb: V,
    personalOnly: boolean,
    handler: (context: TurnContext, data: CardActionData<V>) => Promise<AdaptiveCard>,
  ) =>
    onCardAction(app, deps, verb, async (context, data): Promise<AdaptiveCard> => {
      const decision = await deps.admin.authorizer.decide(context.activity.from?.aadObjectId);
      if (decision === 'unavailable') return textCard("I can't check your admin rights right now. Please try again in a few minutes.");
      if (decision === 'notPermitted') return textCard(NOT_PERMITTED_TO_CHECK_ROLES);
      if (decision !== 'admin') {
        deps.logger.info({ actorId: context.activity.from?.aadObjectId, verb }, 'refused an admin card action');
        return adminRefusalCard({ contact: deps.admin.contact });
      }
      if (personalOnly && whereOf(context.activity) !== 'personal')
        return textCard('That list names people, so I only show it in our private chat.');
      return handler(context, data);
    });

  route(VERBS.postureSummary, false, async (context, data) => asCard(await summary(deps.admin.answers(context), data.department)));

  route(VERBS.postureDepartments, false, async (context) => asCard(await departments(deps.admin.answers(context))));

  route(VERBS.postureTrend, false, async (context, data) =>
    asCard(
      await answerAdminCommand(
        { name: 'trend', days: data.days ?? DEFAULT_TREND_DAYS },
        context.activity.from?.aadObjectId ?? 'unknown',
        deps.admin.answers(context),
      ),
    ),
  );

  route(VERBS.postureUsersPage, true, async (context, data) =>
    asCard(await userListAnswer(deps.admin.answers(context), data.list, data.department, data.offset)),
  );

  route(VERBS.postureUserCheck, true, async (context, data) => {
    const answers = deps.admin.answers(context);
    const person = await answers.store.findUser(data.userId);
    if (!person) return textCard(NOT_IN_SCAN);
    return liveStatusCard(answers, person, data.from ? { from: data.from } : {});
  });

  // "Send a reminder" on a person's card: audited as `nudge` is, about the person, and answered on their card (which
  // keeps its way back to the list it was opened from).
  route(VERBS.postureUserNudge, true, async (context, data) => {
    const answers = deps.admin.answers(context);
    const person = await answers.store.findUser(data.userId);
    if (!person) return textCard(NOT_IN_SCAN);
    const audit = auditTurn(context, deps);
    let notice: string;
    try {
      notice = await remindFromCard(answers, person, context.activity.from!.aadObjectId!);
    } catch (error) {
      await audit('nudge <user>', 'failed', person.userPrincipalName);
      throw error;
    }
    await audit('nudge <user>', 'allowed', person.userPrincipalName);
    return liveStatusCard(answers, person, { notice, ...(data.from ? { from: data.from } : {}) });
  });
}

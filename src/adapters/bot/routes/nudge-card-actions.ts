import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { NudgeActionKind } from '../../../domain/nudges/nudge';
import { actOnNudge } from '../../../use-cases/act-on-nudge';
import type { AdaptiveCard } from '../cards/card-template';
import { nudgeCard } from '../cards/nudge-card';
import { VERBS } from '../cards/verbs';
import type { BotDependencies } from '../bot-dependencies';
import { onCardAction } from './card-actions';

/**
 * The nudge card's buttons and its refresh. The actor is the invoke's sender; the card's data only names the
 * nudge (and the snooze length), both checked by the use case. Each answer replaces the card in place.
 */
export function registerNudgeCardActions(app: Application<TurnState>, deps: BotDependencies): void {
  const handle =
    (action: NudgeActionKind) =>
    async (context: TurnContext, data: { nudgeId: string; days?: number | string }): Promise<AdaptiveCard> => {
      const card = await actOnNudge(deps.nudges.actions, {
        nudgeId: data.nudgeId,
        actorId: context.activity.from?.aadObjectId,
        action,
        ...(action === 'snooze' ? { days: data.days } : {}),
      });
      if (card.kind === 'notYours')
        deps.logger.warn(
          { actorId: context.activity.from?.aadObjectId, action },
          'refused a nudge card action from someone the card was not sent to',
        );
      return nudgeCard(card, context.activity.from?.id);
    };
  onCardAction(app, deps, VERBS.nudgeRefresh, handle('viewed'));
  onCardAction(app, deps, VERBS.nudgeDone, handle('recheck'));
  onCardAction(app, deps, VERBS.nudgeSnooze, handle('snooze'));
  onCardAction(app, deps, VERBS.nudgeHelp, handle('help'));
}

import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { isOwnStatusQuestion } from '../../../domain/guidance/own-status-question';
import { adminSafeMessage } from '../../../domain/admin/admin-safe-message';
import { checkOwnStatus } from '../../../use-cases/check-own-status';
import type { BotDependencies } from '../bot-dependencies';
import { asAttachment, type AdaptiveCard } from '../cards/card-template';
import { ownStatusCard } from '../cards/own-status-card';
import { VERBS } from '../cards/verbs';
import { onCardAction } from './card-actions';
import { whereOf } from '../conversation-reference-mapper';
import { answerInPrivate } from './answer-in-private';

/**
 * "Am I set up?": the sender's own status, checked live. Whose status it is comes from the activity's
 * sender alone, so no wording or card data can show someone else's. Asked in a channel or group chat, the
 * answer goes to the personal chat, like every answer about a person. Asked again and again, it answers from
 * the latest check until the person's share of live checks allows a new one.
 */
export function isOwnStatusMessage(activity: Partial<Activity>): boolean {
  return activity.type === ActivityTypes.Message && isOwnStatusQuestion(activity.text);
}

export async function replyToOwnStatusQuestion(context: TurnContext, deps: BotDependencies): Promise<void> {
  const answer = async () => ({ attachments: [asAttachment(await statusCard(context, deps))] });
  const userId = context.activity.from?.aadObjectId;
  if (whereOf(context.activity) === 'personal' || !userId) {
    await context.sendActivity(await answer());
    return;
  }
  // Checked only once it can be delivered: a live check spends the tenant's small reports budget.
  await answerInPrivate(context, deps, userId, answer, 'ownStatus', 'Your MFA status is yours alone, so I only show it');
}

/** "Check again" rereads the sender's status and replaces the card in place; its data is not read at all. */
export function registerOwnStatusCardAction(app: Application<TurnState>, deps: BotDependencies): void {
  onCardAction(app, deps, VERBS.ownStatusCheck, async (context) => statusCard(context, deps));
}

async function statusCard(context: TurnContext, deps: BotDependencies): Promise<AdaptiveCard> {
  const userId = context.activity.from?.aadObjectId;
  const status = userId
    ? await checkOwnStatus(
        { directory: deps.directory, policy: deps.policy, now: deps.now, liveChecks: deps.liveChecks, target: deps.nudgeTarget },
        userId,
      )
    : ({ kind: 'unavailable', error: new Error('the activity names no Microsoft Entra user') } as const);
  if (status.kind === 'unavailable')
    deps.logger.warn({ error: adminSafeMessage(status.error) }, 'An employee asked for their MFA status and the live check failed');
  return ownStatusCard(status);
}

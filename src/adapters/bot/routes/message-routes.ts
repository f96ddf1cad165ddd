import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { capabilitiesFor } from '../../../domain/guidance/capabilities';
import { asAttachment, type AdaptiveCard } from '../cards/card-template';
import { helpCard } from '../cards/help-card';
import { whereOf } from '../conversation-reference-mapper';
import { VERBS } from '../cards/verbs';
import { onCardAction } from './card-actions';
import type { BotDependencies } from '../bot-dependencies';
import { addressedToBot } from './addressed-to-bot';
import { isCommandWord } from './typed-command';

/** "help", "/help", "help me": what the bot can do. */
export function isHelpCommand(activity: Partial<Activity>): boolean {
  return isCommandWord(activity, (name) => name === 'help');
}

export async function replyToHelp(context: TurnContext, deps: BotDependencies): Promise<void> {
  await context.sendActivity({ attachments: [asAttachment(await helpFor(context, deps))] });
}

/** The welcome card's button: the card turns into the help card in place. */
export function registerHelpCardAction(app: Application<TurnState>, deps: BotDependencies): void {
  onCardAction(app, deps, VERBS.showHelp, async (context) => helpFor(context, deps));
}

/** Admins and campaign managers also see their commands; if a role can't be checked right now, they see the common list. */
async function helpFor(context: TurnContext, deps: BotDependencies): Promise<AdaptiveCard> {
  const actorId = context.activity.from?.aadObjectId;
  const [admin, campaignManager] = await Promise.all([deps.admin.authorizer.decide(actorId), deps.campaigns.managers.decide(actorId)]);
  const roles = { admin: admin === 'admin', campaignManager: campaignManager === 'admin' };
  return helpCard({ botName: deps.botName, capabilities: capabilitiesFor(roles), inChannel: whereOf(context.activity) !== 'personal' });
}

/**
 * The last route: a message for the bot that no other route took (an empty one, or a card's Submit without text).
 * A channel message that does not mention the bot is not for it, and gets no answer here either: the question
 * route leaves it alone, and this route must not answer it in its place.
 */
export function isMessageForTheBot(activity: Partial<Activity>): boolean {
  return activity.type === ActivityTypes.Message && addressedToBot(activity);
}

export async function replyToAnythingElse(context: TurnContext): Promise<void> {
  await context.sendActivity(`I'm not sure what you mean. Type **help** to see what I can do.`);
}

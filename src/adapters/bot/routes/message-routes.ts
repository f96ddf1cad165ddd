import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { capabilitiesFor } from '../../../domain/guidance/capabilities';
import { asAttachment } from '../cards/card-template';
import { helpCard } from '../cards/help-card';
import { parseCommandText } from '../command-text';
import { whereOf } from '../conversation-reference-mapper';
import { VERBS } from '../cards/verbs';
import { onCardAction } from './card-actions';
import type { BotDependencies } from '../bot-dependencies';

/**
 * teams-ai's string selectors match any substring ("please help me" would match "help"), so commands
 * are matched on the parsed first word instead. Routes run in registration order; the catch-all is last.
 */
export function commandSelector(name: string) {
  return async (context: TurnContext): Promise<boolean> =>
    context.activity.type === ActivityTypes.Message && parseCommandText(context.activity.text)?.name === name;
}

export function registerMessageRoutes(app: Application<TurnState>, deps: BotDependencies): void {
  // Admins and campaign managers also see their commands; if a role can't be checked right now, they see the common list.
  const help = async (context: TurnContext) => {
    const actorId = context.activity.from?.aadObjectId;
    const [admin, campaignManager] = await Promise.all([deps.admin.authorizer.decide(actorId), deps.campaigns.managers.decide(actorId)]);
    const roles = { admin: admin === 'admin', campaignManager: campaignManager === 'admin' };
    return helpCard({ botName: deps.botName, capabilities: capabilitiesFor(roles), inChannel: whereOf(context.activity) !== 'personal' });
  };

  app.message(commandSelector('help'), async (context) => {
    await context.sendActivity({ attachments: [asAttachment(await help(context))] });
  });

  // The welcome card's button: the card turns into the help card in place.
  onCardAction(app, deps, VERBS.showHelp, async (context) => help(context));

  app.activity(ActivityTypes.Message, async (context) => {
    await context.sendActivity(`I'm not sure what you mean. Type **help** to see what I can do.`);
  });
}

import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder';
import type { BotDependencies } from '../bot-dependencies';
import type { AdaptiveCard } from '../cards/card-template';
import { commandUsageCard, type CommandUsageView } from '../cards/command-usage-card';
import { parseCommandText } from '../command-text';
import { whereOf } from '../conversation-reference-mapper';

/**
 * Whether a message is a command: its first word, as parseCommandText reads it ("/Posture", "posture by department"),
 * is one `isWord` knows. teams-ai's string selectors match any substring ("please help me" would match "help"), so
 * commands are matched on the first word instead.
 */
export function isCommandWord(activity: Partial<Activity>, isWord: (name: string) => boolean): boolean {
  if (activity.type !== ActivityTypes.Message) return false;
  const name = parseCommandText(activity.text)?.name;
  return name !== undefined && isWord(name);
}

/** A command typed wrong: what was typed, what was wrong with it, and how to type it (with the @mention outside personal chat). */
export function usageCardFor(
  context: TurnContext,
  deps: Pick<BotDependencies, 'botName'>,
  usage: Pick<CommandUsageView, 'syntax' | 'description' | 'examples'>,
  problem: string,
): AdaptiveCard {
  return commandUsageCard({
    ...usage,
    typed: context.activity.text ?? '',
    problem,
    inChannel: whereOf(context.activity) !== 'personal',
    botName: deps.botName,
  });
}

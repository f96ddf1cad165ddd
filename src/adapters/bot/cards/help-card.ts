import { PURPOSE, type Capability } from '../../../domain/guidance/capabilities';
import { escapeMarkdown, renderCard, type AdaptiveCard } from './card-template';

export function helpCard(input: { botName: string; capabilities: Capability[]; inChannel: boolean }): AdaptiveCard {
  const howToAsk = input.inChannel
    ? `In a channel or group chat, mention me first: @${input.botName} help.`
    : 'Type a command, with or without a leading slash. Case does not matter.';
  return renderCard('help', {
    botName: input.botName,
    purpose: PURPOSE,
    // "<department>" and the like would be read as HTML and vanish: escaped as the usage cards escape them.
    commands: input.capabilities.map((c) => ({ usage: escapeMarkdown(c.usage), description: escapeMarkdown(c.description) })),
    howToAsk,
  });
}

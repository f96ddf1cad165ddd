import { PURPOSE, type Capability } from '../../../domain/guidance/capabilities';
import { renderCard, type AdaptiveCard } from './card-template';

export function helpCard(input: { botName: string; capabilities: Capability[]; inChannel: boolean }): AdaptiveCard {
  const howToAsk = input.inChannel
    ? `In a channel or group chat, mention me first: @${input.botName} help.`
    : 'Type a command, with or without a leading slash. Case does not matter.';
  return renderCard('help', {
    botName: input.botName,
    purpose: PURPOSE,
    commands: input.capabilities.map((c) => ({ usage: c.usage, description: c.description })),
    howToAsk,
  });
}

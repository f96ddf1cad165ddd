import { PURPOSE, type Capability } from '../../../domain/guidance/capabilities';
import { escapeMarkdown, renderCard, type AdaptiveCard } from './card-template';

/**
 * The help card is the same for everyone with the same roles in the same kind of chat (a handful of variants), and
 * filling its template is most of what a `help` turn costs the bot: each variant is filled once, and each turn gets
 * its own copy, free to change.
 */
const filled = new Map<string, AdaptiveCard>();
const MOST_VARIANTS = 64;

export function helpCard(input: { botName: string; capabilities: Capability[]; inChannel: boolean }): AdaptiveCard {
  const key = JSON.stringify([input.botName, input.inChannel, input.capabilities.map((c) => [c.usage, c.description])]);
  let card = filled.get(key);
  if (!card) {
    card = fillHelpCard(input);
    if (filled.size >= MOST_VARIANTS) filled.clear();
    filled.set(key, card);
  }
  return structuredClone(card);
}

function fillHelpCard(input: { botName: string; capabilities: Capability[]; inChannel: boolean }): AdaptiveCard {
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

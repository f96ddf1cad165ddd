import { PURPOSE } from '../../../domain/guidance/capabilities';
import { escapeMarkdown, renderCard, type AdaptiveCard } from './card-template';

export type InstallScope = 'personal' | 'team' | 'groupChat';

export function welcomeCard(input: { botName: string; userName?: string; scope: InstallScope }): AdaptiveCard {
  const greeting = input.userName
    ? `Hi ${escapeMarkdown(input.userName.split(' ')[0] ?? '')}, I'm ${input.botName}`
    : `Hi, I'm ${input.botName}`;
  const scopeNote =
    input.scope === 'personal'
      ? ''
      : `In this ${input.scope === 'team' ? 'team' : 'chat'}, mention me (@${input.botName}) before a command. Anything personal I only ever send in a 1:1 chat.`;
  return renderCard('welcome', { title: greeting, intro: PURPOSE, scopeNote });
}

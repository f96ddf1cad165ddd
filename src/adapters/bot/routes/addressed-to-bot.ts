import type { Activity } from 'botbuilder';
import { whereOf } from '../conversation-reference-mapper';

/**
 * Whether a message is meant for the bot: always in personal chat; in channels and group chats only when it
 * mentions the bot. Teams delivers other messages only to an app granted every message of a chat.
 */
export function addressedToBot(activity: Partial<Activity>): boolean {
  if (whereOf(activity) === 'personal') return true;
  const botId = activity.recipient?.id;
  return (activity.entities ?? []).some(
    (entity) => entity.type === 'mention' && (entity as { mentioned?: { id?: string } }).mentioned?.id === botId,
  );
}

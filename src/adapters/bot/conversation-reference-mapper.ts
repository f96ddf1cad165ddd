import { TurnContext, type Activity } from 'botbuilder';
import type { StoredConversationReference } from '../../domain/ports/conversation-reference-store';
import type { InstallScope } from './cards/welcome-card';

export function installScopeOf(activity: Partial<Activity>): InstallScope {
  switch (activity.conversation?.conversationType) {
    case 'channel':
      return 'team';
    case 'groupChat':
      return 'groupChat';
    default:
      return 'personal';
  }
}

/** Where an activity happens, in the words of the audit log: a personal chat, a channel or a group chat. */
export function whereOf(activity: Partial<Activity>): 'personal' | 'channel' | 'groupChat' {
  const type = activity.conversation?.conversationType;
  return type === 'channel' ? 'channel' : type === 'groupChat' ? 'groupChat' : 'personal';
}

/** The botbuilder reference is kept whole (it is what a proactive send needs), opaque to the domain. */
export function toStoredReference(activity: Activity, tenantId: string): StoredConversationReference {
  const scope = installScopeOf(activity);
  return {
    conversationId: activity.conversation.id,
    userAadObjectId: scope === 'personal' ? activity.from?.aadObjectId : undefined,
    tenantId,
    scope,
    reference: TurnContext.getConversationReference(activity),
  };
}

import type { ConversationReferenceStore, StoredConversationReference } from '../domain/ports/conversation-reference-store';
import type { AppInstaller, DeliveryOutcome, NudgeMessenger } from '../domain/ports/nudge-delivery';

export interface PersonalChatDeps {
  references: Pick<ConversationReferenceStore, 'findPersonalByUser' | 'save'>;
  installer: AppInstaller;
  messenger: Pick<NudgeMessenger, 'openPersonalChat'>;
}

/**
 * The person's 1:1 chat with the bot, for writing to them first. With no chat yet the bot is installed for them
 * (409 means it already was), then the chat is opened, which Teams answers with the same id each time; the
 * reference is kept so the next message skips both steps.
 */
export async function reachPersonalChat(
  deps: PersonalChatDeps,
  userId: string,
  /**
   * Called before the chat is created: one more request to Teams, which a campaign counts in its send budget.
   * What it answers is called once Teams answered that request, to free its place.
   */
  beforeNewChat?: () => Promise<() => void>,
): Promise<{ kind: 'reached'; reference: StoredConversationReference } | Exclude<DeliveryOutcome, { kind: 'sent' }>> {
  const stored = await deps.references.findPersonalByUser(userId);
  if (stored) return { kind: 'reached', reference: stored };
  const installed = await deps.installer.installFor(userId);
  if (installed.kind !== 'installed' && installed.kind !== 'alreadyInstalled') return installed;
  const answered = await beforeNewChat?.();
  let chat;
  try {
    chat = await deps.messenger.openPersonalChat(userId);
  } finally {
    answered?.();
  }
  if (chat.kind !== 'opened') return chat;
  await deps.references.save(chat.reference);
  return { kind: 'reached', reference: chat.reference };
}

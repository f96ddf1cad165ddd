import type { ConversationReferenceStore, StoredConversationReference } from '../domain/ports/conversation-reference-store';
import type { SendGate } from '../domain/ports/send-gate';
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
  /** Creating the chat is one more request to Teams: it takes its place in the send budget first. */
  gate?: Pick<SendGate, 'place'>,
): Promise<{ kind: 'reached'; reference: StoredConversationReference } | Exclude<DeliveryOutcome, { kind: 'sent' }>> {
  const stored = await deps.references.findPersonalByUser(userId);
  if (stored) return { kind: 'reached', reference: stored };
  const installed = await deps.installer.installFor(userId);
  if (installed.kind !== 'installed' && installed.kind !== 'alreadyInstalled') return installed;
  const release = await gate?.place('newChat');
  let chat;
  try {
    chat = await deps.messenger.openPersonalChat(userId);
  } finally {
    release?.();
  }
  if (chat.kind !== 'opened') return chat;
  await deps.references.save(chat.reference);
  return { kind: 'reached', reference: chat.reference };
}

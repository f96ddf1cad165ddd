import type { ConversationReferenceStore, StoredConversationReference } from '../domain/ports/conversation-reference-store';

export type InstallationChange =
  | { action: 'add'; reference: StoredConversationReference }
  | { action: 'remove'; conversationId: string };

/**
 * Keeps the conversation references that proactive messages need. A reference is stored on install
 * (personal, team or group chat) and marked as gone on uninstall, so nothing is sent to a chat the bot left.
 */
export async function recordInstallation(
  store: ConversationReferenceStore,
  change: InstallationChange,
  now: Date,
): Promise<{ welcome: boolean }> {
  if (change.action === 'remove') {
    await store.markUninstalled(change.conversationId, now);
    return { welcome: false };
  }
  await store.save(change.reference);
  return { welcome: true };
}

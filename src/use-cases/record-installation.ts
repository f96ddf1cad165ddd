import type { ConversationReferenceStore, StoredConversationReference } from '../domain/ports/conversation-reference-store';
import type { Directory } from '../domain/ports/directory';

export type InstallationChange = { action: 'add'; reference: StoredConversationReference } | { action: 'remove'; conversationId: string };

export interface InstallationOutcome {
  /** The name to greet with in a personal chat: the directory's given name when it answers. */
  greetingName?: string;
}

/**
 * Keeps the conversation references that proactive messages need. A reference is stored on install
 * (personal, team or group chat) and marked as gone on uninstall, so nothing is sent to a chat the bot left.
 * The directory lookup is a courtesy: if it fails, the install still counts and the welcome still goes out.
 */
export async function recordInstallation(
  deps: { references: ConversationReferenceStore; directory: Directory; onDirectoryError?: (error: unknown) => void },
  change: InstallationChange,
  now: Date,
): Promise<InstallationOutcome> {
  if (change.action === 'remove') {
    await deps.references.markUninstalled(change.conversationId, now);
    return {};
  }
  await deps.references.save(change.reference);
  const userId = change.reference.userAadObjectId;
  if (change.reference.scope !== 'personal' || !userId) return {};
  const person = await deps.directory.findPerson(userId).catch((error: unknown) => {
    deps.onDirectoryError?.(error);
    return undefined;
  });
  return { greetingName: person?.givenName ?? person?.displayName };
}

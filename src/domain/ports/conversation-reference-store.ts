/** Where the bot can talk to someone: Teams gives a conversation per personal chat, team or group chat. */
export type ConversationScope = 'personal' | 'team' | 'groupChat';

/**
 * A conversation the bot was installed in, captured when Teams tells us (install or first message),
 * so that a nudge can later be sent without the user writing first.
 */
export interface StoredConversationReference {
  conversationId: string;
  /** Entra object id of the user; set for personal chats. */
  userAadObjectId?: string;
  tenantId: string;
  scope: ConversationScope;
  /** The Bot Framework conversation reference, serialized; opaque here so the domain needs no SDK. */
  reference: unknown;
}

export interface ConversationReferenceStore {
  /** Inserts or refreshes; saving again after an uninstall counts as a reinstall. */
  save(ref: StoredConversationReference): Promise<void>;
  /** The user's 1:1 chat with the bot, if the bot is installed there. */
  findPersonalByUser(aadObjectId: string): Promise<StoredConversationReference | undefined>;
  markUninstalled(conversationId: string, at: Date): Promise<void>;
}

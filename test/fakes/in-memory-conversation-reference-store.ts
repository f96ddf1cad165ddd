import type {
  ConversationReferenceStore,
  ConversationScope,
  StoredConversationReference,
} from '../../src/domain/ports/conversation-reference-store';

const SCOPES: readonly ConversationScope[] = ['personal', 'team', 'groupChat'];

interface KeptReference {
  reference: StoredConversationReference;
  uninstalledAt?: Date;
  /** Which change (a save, an uninstall) came last, as the SQL store's clock orders them. */
  lastChange: number;
}

/** `ConversationReferenceStore` in memory, held to the same contract as the SQL store. */
export class InMemoryConversationReferenceStore implements ConversationReferenceStore {
  private readonly kept = new Map<string, KeptReference>();
  private changes = 0;

  async save(ref: StoredConversationReference): Promise<void> {
    if (!SCOPES.includes(ref.scope)) throw new Error(`Unknown conversation scope: ${ref.scope}`);
    const before = this.kept.get(ref.conversationId);
    const userAadObjectId = ref.userAadObjectId ?? before?.reference.userAadObjectId;
    this.kept.set(ref.conversationId, {
      reference: {
        conversationId: ref.conversationId,
        ...(userAadObjectId === undefined ? {} : { userAadObjectId }),
        tenantId: ref.tenantId,
        scope: ref.scope,
        // Kept as JSON, as the SQL store keeps it.
        reference: JSON.parse(JSON.stringify(ref.reference ?? null)) as unknown,
      },
      // Saving again after an uninstall is a reinstall: no uninstalledAt.
      lastChange: ++this.changes,
    });
  }

  async findPersonalByUser(aadObjectId: string): Promise<StoredConversationReference | undefined> {
    const chats = [...this.kept.values()].filter(
      (kept) => kept.reference.userAadObjectId === aadObjectId && kept.reference.scope === 'personal' && !kept.uninstalledAt,
    );
    chats.sort((a, b) => b.lastChange - a.lastChange);
    return chats[0] && copy(chats[0].reference);
  }

  async markUninstalled(conversationId: string, at: Date): Promise<void> {
    const kept = this.kept.get(conversationId);
    if (!kept) return;
    kept.uninstalledAt = new Date(at);
    kept.lastChange = ++this.changes;
  }
}

function copy(reference: StoredConversationReference): StoredConversationReference {
  return { ...reference, reference: JSON.parse(JSON.stringify(reference.reference)) as unknown };
}

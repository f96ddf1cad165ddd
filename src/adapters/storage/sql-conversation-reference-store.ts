import type {
  ConversationReferenceStore,
  ConversationScope,
  StoredConversationReference,
} from '../../domain/ports/conversation-reference-store';
import type { SqlExecutor } from './database';

/**
 * Saving again refreshes the reference (service URLs change) and, after an uninstall, counts as a
 * reinstall: uninstalled_at is cleared and installed_at restarts. A save without a user keeps the one known.
 */
const UPSERT = `
  INSERT INTO conversation_references
    (conversation_id, user_aad_object_id, tenant_id, scope, reference, installed_at, updated_at, uninstalled_at)
  VALUES ($1, $2, $3, $4, $5::jsonb, now(), now(), NULL)
  ON CONFLICT (conversation_id) DO UPDATE SET
    user_aad_object_id = COALESCE(EXCLUDED.user_aad_object_id, conversation_references.user_aad_object_id),
    tenant_id = EXCLUDED.tenant_id,
    scope = EXCLUDED.scope,
    reference = EXCLUDED.reference,
    installed_at = CASE WHEN conversation_references.uninstalled_at IS NULL
                        THEN conversation_references.installed_at ELSE now() END,
    updated_at = now(),
    uninstalled_at = NULL`;

const FIND_PERSONAL = `
  SELECT conversation_id, user_aad_object_id, tenant_id, scope, reference
  FROM conversation_references
  WHERE user_aad_object_id = $1 AND scope = 'personal' AND uninstalled_at IS NULL
  ORDER BY updated_at DESC
  LIMIT 1`;

interface ReferenceRow {
  conversation_id: string;
  user_aad_object_id: string | null;
  tenant_id: string;
  scope: ConversationScope;
  reference: unknown;
}

export class SqlConversationReferenceStore implements ConversationReferenceStore {
  constructor(private readonly db: SqlExecutor) {}

  async save(ref: StoredConversationReference): Promise<void> {
    await this.db.query(UPSERT, [
      ref.conversationId,
      ref.userAadObjectId ?? null,
      ref.tenantId,
      ref.scope,
      JSON.stringify(ref.reference ?? null),
    ]);
  }

  async findPersonalByUser(aadObjectId: string): Promise<StoredConversationReference | undefined> {
    const [row] = await this.db.query<ReferenceRow>(FIND_PERSONAL, [aadObjectId]);
    return row ? toReference(row) : undefined;
  }

  /** Where Teams serves this tenant and who the bot is there, from the most recent conversation. */
  async latestBotEndpoint(): Promise<{ serviceUrl?: string; botId?: string }> {
    const [row] = await this.db.query<{ service_url: string | null; bot_id: string | null }>(
      "SELECT reference->>'serviceUrl' AS service_url, reference->'bot'->>'id' AS bot_id FROM conversation_references WHERE uninstalled_at IS NULL ORDER BY updated_at DESC LIMIT 1",
    );
    return { ...(row?.service_url ? { serviceUrl: row.service_url } : {}), ...(row?.bot_id ? { botId: row.bot_id } : {}) };
  }

  /** A stored conversation by id, e.g. the help desk's channel. */
  async findByConversation(conversationId: string): Promise<StoredConversationReference | undefined> {
    const [row] = await this.db.query<ReferenceRow>(
      'SELECT conversation_id, user_aad_object_id, tenant_id, scope, reference FROM conversation_references WHERE conversation_id = $1 AND uninstalled_at IS NULL',
      [conversationId],
    );
    return row ? toReference(row) : undefined;
  }

  async markUninstalled(conversationId: string, at: Date): Promise<void> {
    await this.db.query('UPDATE conversation_references SET uninstalled_at = $2, updated_at = now() WHERE conversation_id = $1', [
      conversationId,
      at,
    ]);
  }
}

function toReference(row: ReferenceRow): StoredConversationReference {
  return {
    conversationId: row.conversation_id,
    ...(row.user_aad_object_id === null ? {} : { userAadObjectId: row.user_aad_object_id }),
    tenantId: row.tenant_id,
    scope: row.scope,
    reference: row.reference,
  };
}

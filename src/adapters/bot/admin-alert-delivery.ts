import type { CloudAdapterBase, ConversationReference } from 'botbuilder';
import type { PostureAlert } from '../../domain/alerts/posture-alert';
import type { ConversationReferenceStore } from '../../domain/ports/conversation-reference-store';
import type { Directory } from '../../domain/ports/directory';
import { asAttachment } from './cards/card-template';
import { postureAlertCard } from './cards/posture-alert-card';
import { sendProactively } from './proactive-send';

export interface AlertDeliveryDeps {
  adapter: Pick<CloudAdapterBase, 'continueConversationAsync'>;
  botAppId: string;
  directory: Pick<Directory, 'groupMemberIds'>;
  references: Pick<ConversationReferenceStore, 'findPersonalByUser'>;
  /** The admin groups (ADMIN_GROUP_IDS) and the admins named one by one (ADMIN_ALLOW_LIST). */
  adminGroupIds: readonly string[];
  adminAllowList: readonly string[];
}

/**
 * An alert to each admin, privately, in their 1:1 chat with the bot. Only admins who have the bot are written to
 * (nobody is installed for by an alert); an admin whose chat refuses is skipped, never retried: an alert is told
 * once. Admins by directory role alone cannot be listed, so they are not written to.
 */
export async function deliverAlert(
  deps: AlertDeliveryDeps,
  alert: PostureAlert,
): Promise<{ sent: number; notReached: number; failed: number }> {
  const admins = new Set(deps.adminAllowList);
  for (const groupId of deps.adminGroupIds) for (const id of (await deps.directory.groupMemberIds(groupId)) ?? []) admins.add(id);
  const card = asAttachment(postureAlertCard(alert));
  const told = { sent: 0, notReached: 0, failed: 0 };
  for (const adminId of admins) {
    const chat = await deps.references.findPersonalByUser(adminId);
    if (!chat) {
      told.notReached++;
      continue;
    }
    try {
      await sendProactively(deps.adapter, deps.botAppId, chat.reference as Partial<ConversationReference>, { attachments: [card] });
      told.sent++;
    } catch {
      told.failed++;
    }
  }
  return told;
}

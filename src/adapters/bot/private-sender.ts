import type { Activity, CloudAdapterBase, ConversationReference } from 'botbuilder';
import type { ConversationReferenceStore } from '../../domain/ports/conversation-reference-store';
import { sendProactively } from './proactive-send';

export type PrivateDelivery = 'sent' | 'noPersonalChat';

/**
 * Sends something to a person's 1:1 chat with the bot, e.g. a list asked for in a channel: personal data
 * is only ever shown in personal chat. Uses the reference stored when the bot was installed for them.
 */
export class PrivateSender {
  constructor(
    private readonly adapter: Pick<CloudAdapterBase, 'continueConversationAsync'>,
    private readonly references: ConversationReferenceStore,
    /** Empty in demo mode (anonymous bot). */
    private readonly botAppId: string,
  ) {}

  /** `activity` may be made on demand, so an answer that cannot be delivered costs nothing to prepare. */
  async send(userAadObjectId: string, activity: Partial<Activity> | (() => Promise<Partial<Activity>>)): Promise<PrivateDelivery> {
    const stored = await this.references.findPersonalByUser(userAadObjectId);
    if (!stored) return 'noPersonalChat';
    const message = typeof activity === 'function' ? await activity() : activity;
    await sendProactively(this.adapter, this.botAppId, stored.reference as Partial<ConversationReference>, message);
    return 'sent';
  }
}

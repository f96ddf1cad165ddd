import type { Activity, CloudAdapterBase, ConversationReference } from 'botbuilder';
import type { ConversationReferenceStore } from '../../domain/ports/conversation-reference-store';

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
    // Kept out of the adapter's turn error handler, which would swallow it (and apologise in the private chat).
    let failure: unknown;
    await this.adapter.continueConversationAsync(this.botAppId, stored.reference as Partial<ConversationReference>, async (context) => {
      try {
        await context.sendActivity(message);
      } catch (error) {
        failure = error;
      }
    });
    if (failure !== undefined) throw failure;
    return 'sent';
  }
}

import { randomUUID } from 'node:crypto';
import type { ConversationReferenceStore, StoredConversationReference } from '../../../src/domain/ports/conversation-reference-store';
import { eventually } from '../../support/eventually';

export function personalChat(userAadObjectId: string, overrides: Partial<StoredConversationReference> = {}): StoredConversationReference {
  const conversationId = `a:${randomUUID()}`;
  return {
    conversationId,
    userAadObjectId,
    tenantId: 'tenant-1',
    scope: 'personal',
    reference: {
      activityId: 'f:1',
      bot: { id: '28:bot', name: 'MFA Coach' },
      conversation: { id: conversationId, conversationType: 'personal', tenantId: 'tenant-1' },
      channelId: 'msteams',
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
    },
    ...overrides,
  };
}

/**
 * What every `ConversationReferenceStore` promises: the bot finds a person's 1:1 chat while it is installed there.
 * `makeStore` is called before each test; people are new in each test.
 */
export function conversationReferenceStoreContract(name: string, makeStore: () => Promise<ConversationReferenceStore>): void {
  describe(`ConversationReferenceStore on ${name}`, () => {
    let store: ConversationReferenceStore;
    let user: string;

    beforeEach(async () => {
      store = await makeStore();
      user = randomUUID();
    });

    it("finds the user's personal chat with the reference unchanged", async () => {
      const chat = personalChat(user);

      await store.save(chat);

      expect(await store.findPersonalByUser(user)).toEqual(chat);
    });

    it('finds nothing for an unknown user', async () => {
      expect(await store.findPersonalByUser(randomUUID())).toBeUndefined();
    });

    it('does not answer a team or group chat for a personal lookup', async () => {
      await store.save(personalChat(user, { scope: 'team' }));
      await store.save(personalChat(user, { scope: 'groupChat' }));

      expect(await store.findPersonalByUser(user)).toBeUndefined();
    });

    it('refuses an unknown scope', async () => {
      const odd = { ...personalChat(user), scope: 'channel' } as unknown as StoredConversationReference;

      await expect(store.save(odd)).rejects.toThrow();
    });

    it('updates the reference when saved again', async () => {
      const chat = personalChat(user);
      await store.save(chat);
      const moved = { ...chat, reference: { ...(chat.reference as object), serviceUrl: 'https://smba.trafficmanager.net/amer/' } };

      await store.save(moved);

      expect(await store.findPersonalByUser(user)).toEqual(moved);
    });

    it('keeps the known user when a later save has none', async () => {
      const chat = personalChat(user);
      await store.save(chat);
      const withoutUser = { ...chat };
      delete withoutUser.userAadObjectId;

      await store.save(withoutUser);

      expect((await store.findPersonalByUser(user))?.conversationId).toBe(chat.conversationId);
    });

    it('forgets an uninstalled chat', async () => {
      const chat = personalChat(user);
      await store.save(chat);

      await store.markUninstalled(chat.conversationId, new Date('2025-03-04T05:06:07.000Z'));

      expect(await store.findPersonalByUser(user)).toBeUndefined();
    });

    it('finds the chat again once it is saved after an uninstall (a reinstall)', async () => {
      const chat = personalChat(user);
      await store.save(chat);
      await store.markUninstalled(chat.conversationId, new Date());

      await store.save(chat);

      expect(await store.findPersonalByUser(user)).toEqual(chat);
    });

    it('marking an unknown conversation uninstalled is harmless', async () => {
      await expect(store.markUninstalled(`a:${randomUUID()}`, new Date())).resolves.toBeUndefined();
    });

    it('answers the most recently updated personal chat when a user has several', async () => {
      const older = personalChat(user);
      const newer = personalChat(user);
      await store.save(older);
      // The SQL store orders by its clock, which the embedded database keeps in whole milliseconds.
      const savedBy = Date.now();
      await eventually('the clock has moved on since the first save', () => Date.now() > savedBy);
      await store.save(newer);

      expect((await store.findPersonalByUser(user))?.conversationId).toBe(newer.conversationId);
    });
  });
}

import { randomUUID } from 'node:crypto';
import type { Database } from '../../../src/adapters/storage/database';
import { SqlConversationReferenceStore } from '../../../src/adapters/storage/sql-conversation-reference-store';
import type { StoredConversationReference } from '../../../src/domain/ports/conversation-reference-store';
import { databaseTargets } from '../../support/test-database';

function personalChat(userAadObjectId: string, overrides: Partial<StoredConversationReference> = {}): StoredConversationReference {
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

async function installedAt(db: Database, conversationId: string): Promise<Date> {
  const [row] = await db.query<{ installed_at: Date }>('SELECT installed_at FROM conversation_references WHERE conversation_id = $1', [
    conversationId,
  ]);
  return new Date(row!.installed_at);
}

describe.each(databaseTargets())('SqlConversationReferenceStore on $name', (target) => {
  let db: Database;
  let store: SqlConversationReferenceStore;
  let user: string;

  beforeAll(async () => {
    db = await target.openMigrated();
    store = new SqlConversationReferenceStore(db);
  }, 30_000);
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(() => {
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

  it('keeps a reference without a user (team install)', async () => {
    const team = personalChat(user, { scope: 'team' });
    delete team.userAadObjectId;

    await store.save(team);

    const [row] = await db.query<{ user_aad_object_id: string | null; scope: string }>(
      'SELECT user_aad_object_id, scope FROM conversation_references WHERE conversation_id = $1',
      [team.conversationId],
    );
    expect(row).toEqual({ user_aad_object_id: null, scope: 'team' });
  });

  it('refuses an unknown scope', async () => {
    const odd = { ...personalChat(user), scope: 'channel' } as unknown as StoredConversationReference;

    await expect(store.save(odd)).rejects.toThrow();
  });

  it('updates the reference when saved again, without duplicating it', async () => {
    const chat = personalChat(user);
    await store.save(chat);
    const moved = { ...chat, reference: { ...(chat.reference as object), serviceUrl: 'https://smba.trafficmanager.net/amer/' } };

    await store.save(moved);

    expect(await store.findPersonalByUser(user)).toEqual(moved);
    const rows = await db.query('SELECT 1 FROM conversation_references WHERE conversation_id = $1', [chat.conversationId]);
    expect(rows).toHaveLength(1);
  });

  it('keeps the known user when a later save has none', async () => {
    const chat = personalChat(user);
    await store.save(chat);
    const withoutUser = { ...chat };
    delete withoutUser.userAadObjectId;

    await store.save(withoutUser);

    expect((await store.findPersonalByUser(user))?.conversationId).toBe(chat.conversationId);
  });

  it('forgets an uninstalled chat and records when', async () => {
    const chat = personalChat(user);
    await store.save(chat);
    const at = new Date('2025-03-04T05:06:07.000Z');

    await store.markUninstalled(chat.conversationId, at);

    expect(await store.findPersonalByUser(user)).toBeUndefined();
    const [row] = await db.query<{ uninstalled_at: Date }>(
      'SELECT uninstalled_at FROM conversation_references WHERE conversation_id = $1',
      [chat.conversationId],
    );
    expect(new Date(row!.uninstalled_at).toISOString()).toBe(at.toISOString());
  });

  it('treats a save after an uninstall as a reinstall', async () => {
    const chat = personalChat(user);
    await store.save(chat);
    const firstInstall = await installedAt(db, chat.conversationId);
    await store.markUninstalled(chat.conversationId, new Date());

    await new Promise((resolve) => setTimeout(resolve, 20));
    await store.save(chat);

    expect(await store.findPersonalByUser(user)).toEqual(chat);
    expect((await installedAt(db, chat.conversationId)).getTime()).toBeGreaterThan(firstInstall.getTime());
  });

  it('keeps installed_at when an installed chat is saved again', async () => {
    const chat = personalChat(user);
    await store.save(chat);
    const firstInstall = await installedAt(db, chat.conversationId);

    await new Promise((resolve) => setTimeout(resolve, 20));
    await store.save(chat);

    expect((await installedAt(db, chat.conversationId)).getTime()).toBe(firstInstall.getTime());
  });

  it('marking an unknown conversation uninstalled is harmless', async () => {
    await expect(store.markUninstalled(`a:${randomUUID()}`, new Date())).resolves.toBeUndefined();
  });

  it('answers the most recently updated personal chat when a user has several', async () => {
    const older = personalChat(user);
    const newer = personalChat(user);
    await store.save(older);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await store.save(newer);

    expect((await store.findPersonalByUser(user))?.conversationId).toBe(newer.conversationId);
  });
});

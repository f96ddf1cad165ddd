import { randomUUID } from 'node:crypto';
import type { Database } from '../../../src/adapters/storage/database';
import { SqlConversationReferenceStore } from '../../../src/adapters/storage/sql-conversation-reference-store';
import { eventually } from '../../support/eventually';
import { databaseTargets, migratedOnFirstUse } from '../../support/test-database';
import { personalChat } from './conversation-reference-store.contract';

async function installedAt(db: Database, conversationId: string): Promise<Date> {
  const [row] = await db.query<{ installed_at: Date }>('SELECT installed_at FROM conversation_references WHERE conversation_id = $1', [
    conversationId,
  ]);
  return new Date(row!.installed_at);
}

/** Waits until the database's clock is past `instant`, so that what it stamps next is later (PGlite keeps whole milliseconds). */
async function databaseClockPasses(db: Database, instant: Date): Promise<void> {
  await eventually('the database clock has moved past the first install', async () => {
    const [row] = await db.query<{ later: boolean }>('SELECT now() > $1 AS later', [instant]);
    return row!.later;
  });
}

// What only the SQL store can show: what its table holds. The rest of its behaviour is in conversation-reference-store.contract.ts.
describe.each(databaseTargets())('SqlConversationReferenceStore on $name, in its table', (target) => {
  const database = migratedOnFirstUse(target);
  let db: Database;
  let store: SqlConversationReferenceStore;
  let user: string;

  beforeEach(async () => {
    db = await database();
    store = new SqlConversationReferenceStore(db);
    user = randomUUID();
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

  it('keeps one row per conversation when it is saved again', async () => {
    const chat = personalChat(user);
    await store.save(chat);

    await store.save({ ...chat, reference: { ...(chat.reference as object), serviceUrl: 'https://smba.trafficmanager.net/amer/' } });

    const rows = await db.query('SELECT 1 FROM conversation_references WHERE conversation_id = $1', [chat.conversationId]);
    expect(rows).toHaveLength(1);
  });

  it('records when a chat was uninstalled', async () => {
    const chat = personalChat(user);
    await store.save(chat);
    const at = new Date('2025-03-04T05:06:07.000Z');

    await store.markUninstalled(chat.conversationId, at);

    const [row] = await db.query<{ uninstalled_at: Date }>(
      'SELECT uninstalled_at FROM conversation_references WHERE conversation_id = $1',
      [chat.conversationId],
    );
    expect(new Date(row!.uninstalled_at).toISOString()).toBe(at.toISOString());
  });

  it('starts installed_at again when a chat is saved after an uninstall (a reinstall)', async () => {
    const chat = personalChat(user);
    await store.save(chat);
    const firstInstall = await installedAt(db, chat.conversationId);
    await store.markUninstalled(chat.conversationId, new Date());
    await databaseClockPasses(db, firstInstall);

    await store.save(chat);

    expect((await installedAt(db, chat.conversationId)).getTime()).toBeGreaterThan(firstInstall.getTime());
  });

  it('keeps installed_at when an installed chat is saved again', async () => {
    const chat = personalChat(user);
    await store.save(chat);
    const firstInstall = await installedAt(db, chat.conversationId);
    await databaseClockPasses(db, firstInstall);

    await store.save(chat);

    expect((await installedAt(db, chat.conversationId)).getTime()).toBe(firstInstall.getTime());
  });
});

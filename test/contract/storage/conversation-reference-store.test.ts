import { SqlConversationReferenceStore } from '../../../src/adapters/storage/sql-conversation-reference-store';
import { InMemoryConversationReferenceStore } from '../../fakes/in-memory-conversation-reference-store';
import { conversationReferenceStoreContract } from './conversation-reference-store.contract';
import { onFakeAndDatabases } from './on-fake-and-databases';

onFakeAndDatabases(conversationReferenceStoreContract, {
  fake: () => new InMemoryConversationReferenceStore(),
  sql: (db) => new SqlConversationReferenceStore(db),
});

import type { Logger } from 'pino';
import type { ConversationReferenceStore } from '../../domain/ports/conversation-reference-store';
import type { Directory } from '../../domain/ports/directory';

/** What the Teams routes need from the rest of the app; wired once in app/create-app.ts. */
export interface BotDependencies {
  botName: string;
  tenantId: string;
  references: ConversationReferenceStore;
  directory: Directory;
  logger: Logger;
  now: () => Date;
}

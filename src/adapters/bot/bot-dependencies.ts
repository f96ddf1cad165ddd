import type { Logger } from 'pino';
import type { ConversationReferenceStore } from '../../domain/ports/conversation-reference-store';

/** What the Teams routes need from the rest of the app; wired once in app/create-app.ts. */
export interface BotDependencies {
  botName: string;
  tenantId: string;
  references: ConversationReferenceStore;
  logger: Logger;
  now: () => Date;
}

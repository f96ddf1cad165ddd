import type { TurnContext } from 'botbuilder';
import type { AuditEntry } from '../../../domain/ports/audit-log';
import type { BotDependencies } from '../bot-dependencies';
import { whereOf } from '../conversation-reference-mapper';

/**
 * Records what the sender of this turn asked for and how it ended, in the audit log that admin and campaign
 * commands share: who (the activity's sender, never card data), what, where, the outcome, and whom or what it was about.
 */
export function auditTurn(context: TurnContext, deps: Pick<BotDependencies, 'admin' | 'now'>) {
  return (action: string, outcome: AuditEntry['outcome'], subject?: string) =>
    deps.admin.auditLog.record({
      at: deps.now(),
      actorId: context.activity.from?.aadObjectId ?? 'unknown',
      ...(context.activity.from?.name ? { actorName: context.activity.from.name } : {}),
      action,
      where: whereOf(context.activity),
      conversationId: context.activity.conversation.id,
      outcome,
      ...(subject ? { subject } : {}),
    });
}

import type { Activity, TurnContext } from 'botbuilder';
import {
  describeForAudit,
  isAdminCommandName,
  parseAdminCommand,
  type AdminCommand,
  type AdminCommandName,
} from '../../../domain/admin/admin-command';
import type { AuditEntry } from '../../../domain/ports/audit-log';
import { answerAdminCommand, type AdminAnswer } from '../admin/admin-answers';
import { adminRefusalCard } from '../cards/admin-refusal-card';
import { asAttachment } from '../cards/card-template';
import { parseCommandText } from '../command-text';
import { whereOf } from '../conversation-reference-mapper';
import type { BotDependencies } from '../bot-dependencies';
import { answerInPrivate } from './answer-in-private';
import { auditTurn } from './audit-turn';
import { isCommandWord, usageCardFor } from './typed-command';

const CANT_CHECK_ROLE = "I can't check your admin rights right now: Microsoft Graph didn't answer. Please try again in a few minutes.";

/**
 * Admin commands, matched on their first word, in personal chat and (when mentioned) in channels and group chats.
 * Who is asking is always the activity's sender; everyone who is not an admin gets the same polite refusal,
 * whatever they typed. Personal data is answered in personal chat only.
 */
export function isAdminCommand(activity: Partial<Activity>): boolean {
  return isCommandWord(activity, isAdminCommandName);
}

export async function replyToAdminCommand(context: TurnContext, deps: BotDependencies): Promise<void> {
  const { name, args } = parseCommandText(context.activity.text)! as { name: AdminCommandName; args: string[] };
  const actorId = context.activity.from?.aadObjectId;
  const audit = auditTurn(context, deps);

  const decision = await deps.admin.authorizer.decide(actorId);
  if (decision === 'unavailable') {
    await context.sendActivity(CANT_CHECK_ROLE);
    return;
  }
  if (decision === 'notAdmin') {
    await audit(name, 'refused');
    deps.logger.info({ actorId, command: name, where: whereOf(context.activity) }, 'refused an admin command from a non-admin');
    await context.sendActivity({ attachments: [asAttachment(adminRefusalCard({ contact: deps.admin.contact }))] });
    return;
  }

  const parsed = parseAdminCommand(name, args);
  if (!parsed.ok) {
    await context.sendActivity({ attachments: [asAttachment(usageCardFor(context, deps, parsed.usage, parsed.problem))] });
    return;
  }
  await answerAdmin(context, deps, parsed.command, audit);
}

/** An admin's well-formed command: answered, audited with its outcome, and delivered where it may be shown. */
async function answerAdmin(
  context: TurnContext,
  deps: BotDependencies,
  command: AdminCommand,
  audit: ReturnType<typeof auditTurn>,
): Promise<void> {
  const actorId = context.activity.from!.aadObjectId!;
  const action = describeForAudit(command);
  let answer: AdminAnswer;
  try {
    answer = await answerAdminCommand(command, actorId, deps.admin.answers(context));
  } catch (error) {
    await audit(action, 'failed');
    throw error;
  }
  await audit(action, 'allowed');
  await deliver(context, deps, actorId, whereOf(context.activity), answer);
}

async function deliver(
  context: TurnContext,
  deps: BotDependencies,
  actorId: string,
  where: AuditEntry['where'],
  answer: AdminAnswer,
): Promise<void> {
  const activity = answer.card ? { attachments: [asAttachment(answer.card)] } : { text: answer.text ?? '' };
  if (answer.privacy === 'public' || where === 'personal') {
    await context.sendActivity(activity);
    return;
  }
  await answerInPrivate(context, deps, actorId, activity, answer.kind, 'That answer names people, so I only give it');
}

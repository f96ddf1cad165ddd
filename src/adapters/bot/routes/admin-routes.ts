import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { describeForAudit, isAdminCommandName, parseAdminCommand, type AdminCommandName } from '../../../domain/admin/admin-command';
import type { AuditEntry } from '../../../domain/ports/audit-log';
import { answerAdminCommand, type AdminAnswer } from '../admin/admin-answers';
import { adminRefusalCard } from '../cards/admin-refusal-card';
import { asAttachment } from '../cards/card-template';
import { commandUsageCard } from '../cards/command-usage-card';
import { parseCommandText } from '../command-text';
import { whereOf } from '../conversation-reference-mapper';
import type { BotDependencies } from '../bot-dependencies';
import { answerInPrivate } from './answer-in-private';
import { auditTurn } from './audit-turn';

const CANT_CHECK_ROLE = "I can't check your admin rights right now: Microsoft Graph didn't answer. Please try again in a few minutes.";

function adminCommandSelector() {
  return async (context: TurnContext): Promise<boolean> => {
    if (context.activity.type !== ActivityTypes.Message) return false;
    const parsed = parseCommandText(context.activity.text);
    return parsed !== undefined && isAdminCommandName(parsed.name);
  };
}

/**
 * Admin commands, in personal chat and (when mentioned) in channels and group chats. Who is asking is
 * always the activity's sender; everyone who is not an admin gets the same polite refusal, whatever
 * they typed. Personal data is answered in personal chat only.
 */
export function registerAdminRoutes(app: Application<TurnState>, deps: BotDependencies): void {
  app.message(adminCommandSelector(), async (context) => {
    const { name, args } = parseCommandText(context.activity.text)! as { name: AdminCommandName; args: string[] };
    const actorId = context.activity.from?.aadObjectId;
    const where = whereOf(context.activity);
    const audit = auditTurn(context, deps);

    const decision = await deps.admin.authorizer.decide(actorId);
    if (decision === 'unavailable') {
      await context.sendActivity(CANT_CHECK_ROLE);
      return;
    }
    if (decision === 'notAdmin') {
      await audit(name, 'refused');
      deps.logger.info({ actorId, command: name, where }, 'refused an admin command from a non-admin');
      await context.sendActivity({ attachments: [asAttachment(adminRefusalCard({ contact: deps.admin.contact }))] });
      return;
    }

    const parsed = parseAdminCommand(name, args);
    if (!parsed.ok) {
      const usage = commandUsageCard({
        ...parsed.usage,
        typed: context.activity.text ?? '',
        problem: parsed.problem,
        inChannel: where !== 'personal',
        botName: deps.botName,
      });
      await context.sendActivity({ attachments: [asAttachment(usage)] });
      return;
    }

    const action = describeForAudit(parsed.command);
    let answer: AdminAnswer;
    try {
      answer = await answerAdminCommand(parsed.command, actorId!, deps.admin.answers(context));
    } catch (error) {
      await audit(action, 'failed');
      throw error;
    }
    await audit(action, 'allowed');
    await deliver(context, deps, actorId!, where, answer);
  });
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

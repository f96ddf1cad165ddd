import type { Activity, TurnContext } from 'botbuilder';
import {
  auditSubjectOf,
  describeForAudit,
  isAdminCommandName,
  parseAdminCommand,
  type AdminCommandName,
} from '../../../domain/admin/admin-command';
import type { AuditEntry } from '../../../domain/ports/audit-log';
import { answerAdminCommand, type AdminAnswer } from '../admin/admin-answers';
import { adminRefusalCard } from '../cards/admin-refusal-card';
import { asAttachment } from '../cards/card-template';
import type { PrivateAnswer } from '../cards/sent-privately-card';
import { parseCommandText } from '../command-text';
import { whereOf } from '../conversation-reference-mapper';
import type { BotDependencies } from '../bot-dependencies';
import { answerInPrivate } from './answer-in-private';
import { auditTurn } from './audit-turn';
import { isCommandWord, usageCardFor } from './typed-command';

const CANT_CHECK_ROLE = "I can't check your admin rights right now: Microsoft Graph didn't answer. Please try again in a few minutes.";
/** Said when Graph refused the check itself: waiting will not help, granting the permission will. */
export const NOT_PERMITTED_TO_CHECK_ROLES =
  "I can't check who is an admin: Microsoft Graph refused MFA Coach the permission to read group memberships or directory roles. Whoever runs MFA Coach can see which permission is missing with `npm run doctor`.";

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
  if (!(await admitAdmin(context, deps, name))) return;
  const parsed = parseAdminCommand(name, args);
  if (!parsed.ok) {
    await context.sendActivity({ attachments: [asAttachment(usageCardFor(context, deps, parsed.usage, parsed.problem))] });
    return;
  }
  const actorId = context.activity.from!.aadObjectId!;
  await answerAdmin(
    context,
    deps,
    describeForAudit(parsed.command),
    () => answerAdminCommand(parsed.command, actorId, deps.admin.answers(context)),
    auditSubjectOf(parsed.command),
  );
}

/**
 * Whether the sender may use admin commands, whichever route answers the command. A refusal is answered here (the
 * same polite card for everyone who is not an admin, whatever they typed) and audited under `action`.
 */
export async function admitAdmin(context: TurnContext, deps: BotDependencies, action: string): Promise<boolean> {
  const actorId = context.activity.from?.aadObjectId;
  const decision = await deps.admin.authorizer.decide(actorId);
  if (decision === 'unavailable' || decision === 'notPermitted') {
    if (decision === 'notPermitted')
      deps.logger.warn(
        { actorId, command: action },
        'Microsoft Graph refused the admin check: MFA Coach lacks a Graph permission (see npm run doctor)',
      );
    await context.sendActivity(decision === 'notPermitted' ? NOT_PERMITTED_TO_CHECK_ROLES : CANT_CHECK_ROLE);
    return false;
  }
  if (decision === 'notAdmin') {
    await auditTurn(context, deps)(action, 'refused');
    deps.logger.info({ actorId, command: action, where: whereOf(context.activity) }, 'refused an admin command from a non-admin');
    await context.sendActivity({ attachments: [asAttachment(adminRefusalCard({ contact: deps.admin.contact }))] });
    return false;
  }
  return true;
}

/**
 * An admin's well-formed command: answered, audited with its outcome (`action`) and whom or what it was about
 * (`subject`), and delivered where it may be shown.
 */
export async function answerAdmin(
  context: TurnContext,
  deps: BotDependencies,
  action: string,
  answerIt: () => Promise<AdminAnswer>,
  subject?: string,
): Promise<void> {
  const actorId = context.activity.from!.aadObjectId!;
  const audit = auditTurn(context, deps);
  let answer: AdminAnswer;
  try {
    answer = await answerIt();
  } catch (error) {
    await audit(action, 'failed', subject);
    throw error;
  }
  await audit(action, 'allowed', subject);
  await deliver(context, deps, actorId, whereOf(context.activity), answer);
}

/** Why an answer asked for in a channel goes to personal chat instead. */
const WHY_PRIVATE: Partial<Record<PrivateAnswer, string>> = {
  doctor: "That answer shows what this tenant's set-up lacks, so I only give it",
  policy: 'That answer names who is left out of MFA, so I only give it',
  smtp: 'That answer names mailboxes, where they send from and who owns them, so I only give it',
  smtpNudge: 'That answer names who owns a mailbox, so I only give it',
};

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
  const why = WHY_PRIVATE[answer.kind] ?? 'That answer names people, so I only give it';
  await answerInPrivate(context, deps, actorId, activity, answer.kind, why);
}

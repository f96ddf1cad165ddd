import type { Activity, TurnContext } from 'botbuilder';
import { SMTP_COMMAND, isSmtpCommandText, parseSmtpCommand } from '../../../domain/admin/smtp-command';
import { lookUpSmtpSender, readSmtpReadiness } from '../../../use-cases/read-smtp-readiness';
import type { AdminAnswer } from '../admin/admin-answers';
import type { BotDependencies } from '../bot-dependencies';
import { asAttachment } from '../cards/card-template';
import { smtpReadinessCard } from '../cards/smtp-readiness-card';
import { smtpMatchesText, smtpNoMatchText, smtpSenderCard } from '../cards/smtp-sender-card';
import { parseCommandText } from '../command-text';
import { admitAdmin, answerAdmin } from './admin-routes';
import { smtpNudgeAnswer } from '../admin/smtp-nudge-answer';
import { TURN_NEW_CHAT_PATIENCE_MS } from '../admin/nudge-answer';
import { usageCardFor } from './typed-command';

/**
 * "smtp", "smtp scanner@contoso.com": the SMTP AUTH senders. Only those forms: "smtp auth error 535" is a question
 * about SMTP for the knowledge base, whoever asks it.
 */
export function isSmtpCommand(activity: Partial<Activity>): boolean {
  if (activity.type !== 'message') return false;
  const parsed = parseCommandText(activity.text);
  return parsed?.name === SMTP_COMMAND.word && isSmtpCommandText(parsed.args);
}

/**
 * Admitted, audited and delivered as every admin command is. Asked in a channel, the answer goes to the admin's
 * personal chat: it names mailboxes, the addresses they send from and who owns them.
 */
export async function replyToSmtp(context: TurnContext, deps: BotDependencies): Promise<void> {
  const parsed = parseSmtpCommand(parseCommandText(context.activity.text)?.args ?? []);
  const action =
    !parsed.ok || !parsed.account
      ? SMTP_COMMAND.word
      : parsed.nudge
        ? `smtp nudge <account>${parsed.nudge.force ? ' force' : ''}`
        : 'smtp <account>';
  if (!(await admitAdmin(context, deps, action))) return;
  if (!parsed.ok) {
    await context.sendActivity({ attachments: [asAttachment(usageCardFor(context, deps, SMTP_COMMAND, parsed.problem))] });
    return;
  }
  if (parsed.nudge && parsed.account) {
    const { account, nudge } = parsed;
    const actorId = context.activity.from!.aadObjectId!;
    await answerAdmin(
      context,
      deps,
      action,
      async () => ({
        privacy: 'private',
        kind: 'smtpNudge',
        text: smtpNudgeAnswer(
          await deps.admin.smtpNudge({
            about: { accountUpn: account },
            source: 'admin',
            requestedBy: actorId,
            newChatPatienceMs: TURN_NEW_CHAT_PATIENCE_MS,
            ...(nudge.force ? { force: true } : {}),
          }),
          account,
        ),
      }),
      account,
    );
    return;
  }
  await answerAdmin(context, deps, action, () => smtpAnswer(deps, parsed.account), parsed.account);
}

async function smtpAnswer(deps: BotDependencies, account: string | undefined): Promise<AdminAnswer> {
  const smtp = deps.admin.smtp;
  if (account === undefined) return { privacy: 'private', kind: 'smtp', card: smtpReadinessCard(await readSmtpReadiness(smtp)) };
  const found = await lookUpSmtpSender(smtp, account);
  switch (found.kind) {
    case 'found':
      return { privacy: 'private', kind: 'smtp', card: smtpSenderCard(found) };
    case 'several':
      return { privacy: 'private', kind: 'smtp', text: smtpMatchesText(account, found.matches) };
    case 'none':
      return { privacy: 'private', kind: 'smtp', text: smtpNoMatchText(account, found.neverRead) };
  }
}

import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder';
import { recordInstallation } from '../../../use-cases/record-installation';
import { asAttachment } from '../cards/card-template';
import { welcomeCard } from '../cards/welcome-card';
import { installScopeOf, toStoredReference } from '../conversation-reference-mapper';
import type { BotDependencies } from '../bot-dependencies';

/**
 * Teams announces an install twice: `installationUpdate` (action add/remove) and `conversationUpdate`
 * with the bot among the members. Both keep the stored reference current; only the first welcomes,
 * so a new install gets exactly one welcome card.
 */
export function isInstallationUpdate(activity: Partial<Activity>): boolean {
  return activity.type?.toLowerCase() === ActivityTypes.InstallationUpdate.toLowerCase();
}

export async function replyToInstallationUpdate(context: TurnContext, deps: BotDependencies): Promise<void> {
  const action = String(context.activity.action ?? '');
  if (action.startsWith('remove')) {
    await recordInstallation(deps, { action: 'remove', conversationId: context.activity.conversation.id }, deps.now());
    deps.logger.info({ conversationId: context.activity.conversation.id, event: 'uninstalled' }, 'bot uninstalled');
    return;
  }
  await saveAndMaybeWelcome(context, deps, !action.endsWith('upgrade'));
}

/** A conversation update that adds members (as teams-ai's `membersAdded` matches it); only the bot's own addition counts. */
export function isMembersAdded(activity: Partial<Activity>): boolean {
  return activity.type === ActivityTypes.ConversationUpdate && (activity.membersAdded?.length ?? 0) > 0;
}

export async function replyToMembersAdded(context: TurnContext, deps: BotDependencies): Promise<void> {
  if (isBotAmong(context, context.activity.membersAdded)) await saveAndMaybeWelcome(context, deps, false);
}

export function isMembersRemoved(activity: Partial<Activity>): boolean {
  return activity.type === ActivityTypes.ConversationUpdate && (activity.membersRemoved?.length ?? 0) > 0;
}

export async function replyToMembersRemoved(context: TurnContext, deps: BotDependencies): Promise<void> {
  if (!isBotAmong(context, context.activity.membersRemoved)) return;
  await recordInstallation(deps, { action: 'remove', conversationId: context.activity.conversation.id }, deps.now());
}

async function saveAndMaybeWelcome(context: TurnContext, deps: BotDependencies, welcome: boolean): Promise<void> {
  const activity = context.activity;
  const scope = installScopeOf(activity);
  const outcome = await recordInstallation(
    {
      ...deps,
      onDirectoryError: (error) =>
        deps.logger.warn({ err: { message: (error as Error).message } }, 'directory lookup failed; welcoming without it'),
    },
    { action: 'add', reference: toStoredReference(activity, deps.tenantId) },
    deps.now(),
  );
  deps.logger.info({ conversationId: activity.conversation.id, scope, event: 'installed' }, 'bot installed');
  if (!welcome) return;
  const userName = scope === 'personal' ? (outcome.greetingName ?? activity.from?.name) : undefined;
  const card = welcomeCard({ botName: deps.botName, userName, scope });
  await context.sendActivity({ attachments: [asAttachment(card)] });
}

function isBotAmong(context: TurnContext, members: { id: string }[] | undefined): boolean {
  return (members ?? []).some((m) => m.id === context.activity.recipient?.id);
}

import type { Activity, TurnContext } from 'botbuilder';
import { POLICY_COMMAND, parsePolicyCommand } from '../../../domain/admin/policy-command';
import type { BotDependencies } from '../bot-dependencies';
import { asAttachment } from '../cards/card-template';
import { policyCard } from '../cards/policy-card';
import { parseCommandText } from '../command-text';
import { admitAdmin, answerAdmin } from './admin-routes';
import { isCommandWord, usageCardFor } from './typed-command';

/** "policy", "/Policy": the tenant's MFA policies and registration campaign. Admins only, as the posture commands. */
export function isPolicyCommand(activity: Partial<Activity>): boolean {
  return isCommandWord(activity, (name) => name === POLICY_COMMAND.word);
}

/**
 * Admitted, audited and delivered as every admin command is. Asked in a channel, the card goes to the admin's
 * personal chat: it names the people and groups left out of MFA (a break-glass account among them), which is
 * both personal data and a map of the tenant's weak spots.
 */
export async function replyToPolicy(context: TurnContext, deps: BotDependencies): Promise<void> {
  if (!(await admitAdmin(context, deps, POLICY_COMMAND.word))) return;
  const parsed = parsePolicyCommand(parseCommandText(context.activity.text)?.args ?? []);
  if (!parsed.ok) {
    await context.sendActivity({ attachments: [asAttachment(usageCardFor(context, deps, POLICY_COMMAND, parsed.problem))] });
    return;
  }
  // A few Graph reads, a second or two: the admin sees the bot is at it meanwhile.
  await context.sendActivity({ type: 'typing' });
  await answerAdmin(context, deps, POLICY_COMMAND.word, async () => ({
    privacy: 'private',
    kind: 'policy',
    card: policyCard(await deps.admin.policies.read(), deps.now()),
  }));
}

import type { Activity, TurnContext } from 'botbuilder';
import { POLICY_COMMAND, parsePolicyCommand } from '../../../domain/admin/policy-command';
import { readOnlyLines, type CampaignChangeAccess } from '../../../domain/policy/campaign-change-access';
import type { TenantPolicyReport } from '../../../domain/policy/policy-report';
import { campaignChangeAccess } from '../../../use-cases/change-registration-campaign';
import type { BotDependencies } from '../bot-dependencies';
import { asAttachment, type AdaptiveCard } from '../cards/card-template';
import { policyCard, type CampaignChangeView } from '../cards/policy-card';
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
    card: await currentPolicyCard(context, deps),
  }));
}

/**
 * The `policy` card as this sender may use it: the policies read live and, beside the campaign, a form to change it
 * (policy admins, with the write permission) or why it is read-only. Both are asked at once: the form's check is a
 * cached membership and the token's own roles, so it adds nothing to the wait.
 */
export async function currentPolicyCard(context: TurnContext, deps: BotDependencies): Promise<AdaptiveCard> {
  const [report, access] = await Promise.all([
    deps.admin.policies.read(),
    campaignChangeAccess(deps.admin.policyChanges, context.activity.from?.aadObjectId),
  ]);
  return policyCard(report, deps.now(), { ...changeViewOf(report, access) });
}

function changeViewOf(report: TenantPolicyReport, access: CampaignChangeAccess): { change?: CampaignChangeView } {
  if (!report.campaign.read) return {};
  return {
    change: access.may ? { kind: 'form', campaign: report.campaign.campaign } : { kind: 'readOnly', lines: readOnlyLines(access.blockers) },
  };
}

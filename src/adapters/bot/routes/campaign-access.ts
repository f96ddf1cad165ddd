import type { TurnContext } from 'botbuilder';
import type { BotDependencies } from '../bot-dependencies';
import { NOT_PERMITTED_TO_CHECK_ROLES } from './admin-routes';

/** What the sender may do with campaigns: change them (campaign managers), look (admins), or nothing. */
export type CampaignAccess = 'manager' | 'viewer' | 'none' | 'unavailable' | 'notPermitted';

/**
 * Decided from the activity's sender, never from card data: the campaign-manager group(s) first, then the admin
 * role, which may look but not change. A directory that does not answer is 'unavailable', never a yes.
 */
export async function campaignAccess(context: TurnContext, deps: BotDependencies): Promise<CampaignAccess> {
  const actorId = context.activity.from?.aadObjectId;
  const manager = await deps.campaigns.managers.decide(actorId);
  if (manager === 'admin') return 'manager';
  const admin = await deps.admin.authorizer.decide(actorId);
  if (admin === 'admin') return 'viewer';
  if (manager === 'notPermitted' || admin === 'notPermitted') return 'notPermitted';
  return manager === 'unavailable' || admin === 'unavailable' ? 'unavailable' : 'none';
}

export const CANT_CHECK_CAMPAIGN_ROLE =
  "I can't check your campaign rights right now: Microsoft Graph didn't answer. Please try again in a few minutes.";
/** What to say when the sender's rights could not be checked, or undefined when they could. */
export function cantCheckCampaignRights(access: CampaignAccess): string | undefined {
  if (access === 'notPermitted') return NOT_PERMITTED_TO_CHECK_ROLES;
  return access === 'unavailable' ? CANT_CHECK_CAMPAIGN_ROLE : undefined;
}

export const MANAGERS_ONLY = 'Only campaign managers can create or change campaigns. Admins can look at them: try "campaigns".';

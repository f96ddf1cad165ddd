import type { Activity } from 'botbuilder';

/**
 * MFA Coach serves one tenant. Teams puts the tenant in two places; both must name the configured
 * tenant (when present) and at least one must be there, or the activity is refused before any handler runs.
 */
export function activityTenant(activity: Partial<Activity>): string | undefined {
  const fromChannelData = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  const fromConversation = activity.conversation?.tenantId;
  const ids = [fromChannelData, fromConversation].filter((id): id is string => typeof id === 'string' && id !== '');
  if (ids.length === 0) return undefined;
  const first = ids[0]!.toLowerCase();
  return ids.every((id) => id.toLowerCase() === first) ? first : undefined;
}

export function isFromTenant(activity: Partial<Activity>, tenantId: string): boolean {
  return activityTenant(activity) === tenantId.toLowerCase();
}

import type { Campaign, CampaignPlan, CampaignStatus } from '../../../domain/campaigns/campaign';
import type { NudgeTarget } from '../../../domain/nudges/nudge-target';
import type { CampaignSchedule } from '../../../domain/campaigns/campaign-schedule';
import { sendingHoursText, WEEKDAY_SHORT } from '../../../domain/nudges/quiet-hours';
import { directoryText, TEXT_LIMITS } from './directory-text';
import type { TextColor } from './strength-label';

const GAPS: Record<CampaignPlan['audience']['gaps'], string> = {
  both: 'No MFA, or weak methods only',
  none: 'No MFA at all',
  weak: 'Weak methods only (text message, voice call)',
  phoneOnly: 'People who rely on SMS and voice alone',
  missingTarget: 'Everyone without what this campaign asks for',
};

/** What a campaign's cards ask people to set up, and what "I've done it" checks for. */
export const TARGET_TEXT: Record<NudgeTarget, string> = {
  authenticator: 'Microsoft Authenticator (a passkey they already have counts too)',
  passkey: 'A passkey: in Microsoft Authenticator, on their computer or phone, or a security key',
  either: 'Microsoft Authenticator or a passkey',
};

export const STATUS_TEXT: Record<CampaignStatus, { text: string; color: TextColor }> = {
  active: { text: 'Active', color: 'Good' },
  paused: { text: 'Paused: no nudge goes out until it is resumed', color: 'Warning' },
  cancelled: { text: 'Cancelled', color: 'Attention' },
  finished: { text: 'Finished: every run has been delivered', color: 'Default' },
};

export function campaignTitle(campaign: Pick<Campaign, 'number' | 'name'>): string {
  return `Campaign ${campaign.number} · ${directoryText(campaign.name, 80)}`;
}

export function audienceText(audience: CampaignPlan['audience']): string {
  const among =
    audience.scope.kind === 'all'
      ? 'everyone'
      : audience.scope.kind === 'departments'
        ? `people in ${audience.scope.departments.map((d) => directoryText(d, TEXT_LIMITS.department)).join(', ')}`
        : `members of group ${audience.scope.groupId}`;
  const excluded = audience.excluded.length > 0 ? `; ${audience.excluded.length} left out` : '';
  return `${GAPS[audience.gaps]}, among ${among}${excluded}`;
}

export function scheduleText(schedule: CampaignSchedule): string {
  if (schedule.kind === 'once') return `Once, ${schedule.date} at ${schedule.time} (${schedule.timeZone})`;
  const days = [...schedule.weekdays]
    .sort((a, b) => a - b)
    .map((day) => WEEKDAY_SHORT[day])
    .join(', ');
  return `${days} at ${schedule.time} (${schedule.timeZone}), ${schedule.startDate} to ${schedule.endDate}`;
}

function windowText(window: Campaign['window']): string {
  const text = sendingHoursText(window);
  return text === 'always' ? 'any time' : `${text}, in each person's own time zone`;
}

/** The plan as facts, for the status card. */
export function planFacts(campaign: Campaign): { title: string; value: string }[] {
  return [
    { title: 'Audience', value: audienceText(campaign.audience) },
    // A campaign from before the choice asks for what the NUDGE_TARGET setting says.
    { title: 'Asks for', value: campaign.target ? TARGET_TEXT[campaign.target] : 'What the bot asks for by default (NUDGE_TARGET)' },
    { title: 'Schedule', value: scheduleText(campaign.schedule) },
    { title: 'Delivery window', value: windowText(campaign.window) },
    ...(campaign.deadline ? [{ title: 'Deadline on the card', value: campaign.deadline }] : []),
    { title: 'Nudges per person', value: `at most ${campaign.maxNudgesPerPerson}` },
    { title: 'Escalation', value: campaign.escalateAfter ? `their manager is told after ${campaign.escalateAfter} unanswered` : 'off' },
    { title: 'Owner', value: directoryText(campaign.ownerName, TEXT_LIMITS.displayName) },
  ];
}

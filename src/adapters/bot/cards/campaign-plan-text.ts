import type { Campaign, CampaignPlan, CampaignStatus } from '../../../domain/campaigns/campaign';
import { isSmtpAudience } from '../../../domain/campaigns/campaign-audience';
import type { NudgeTarget } from '../../../domain/nudges/nudge-target';
import { runTimes, type CampaignSchedule } from '../../../domain/campaigns/campaign-schedule';
import { sendingHoursText, WEEKDAY_SHORT } from '../../../domain/nudges/quiet-hours';
import { directoryText, TEXT_LIMITS } from './directory-text';
import type { TextColor } from './strength-label';

const GAPS: Record<CampaignPlan['audience']['gaps'], string> = {
  both: 'No MFA, or weak methods only',
  none: 'No MFA at all',
  weak: 'Weak methods only (text message, voice call)',
  phoneOnly: 'People who rely on SMS and voice alone',
  missingTarget: 'Everyone without what this campaign asks for',
  smtpPassword: 'Owners of accounts that sent mail with a password (last 30 days)',
};

/** What a campaign's cards ask people to set up, and what "I've done it" checks for. */
export const TARGET_TEXT: Record<NudgeTarget, string> = {
  authenticator: 'Microsoft Authenticator (a passkey they already have counts too)',
  passkey: 'A passkey: in Microsoft Authenticator, on their computer or phone, or a security key',
  either: 'Microsoft Authenticator or a passkey',
};

export const STATUS_TEXT: Record<CampaignStatus, { text: string; color: TextColor }> = {
  active: { text: 'Active', color: 'Default' },
  paused: { text: 'Paused: no nudge goes out until it is resumed', color: 'Accent' },
  cancelled: { text: 'Cancelled', color: 'Default' },
  finished: { text: 'Finished: every run has been delivered', color: 'Default' },
};

/**
 * What a campaign's last stage is called and how it is told: strong MFA after a nudge, or, for a campaign to owners
 * of password senders, every account on their card off the password (signed in with OAuth since, or quiet for a week).
 */
export interface OutcomeWords {
  /** The chart's bar and the runs table's column. */
  stage: string;
  /** The funnel's fact, and its median's. */
  fact: string;
  median: string;
  /** In the campaign list's line: "3 enrolled". */
  listed: string;
  footnote: string;
  /** How each person is reached, for "Created. It starts now; …". */
  delivery: string;
  /**
   * Whether its cards' buttons are counted (opened, snoozed): an MFA nudge's are; an owner's card only links to how-tos,
   * so those figures would always read 0 and are not shown.
   */
  countsCardActions: boolean;
}

export function outcomeWords(campaign: Pick<Campaign, 'audience'>): OutcomeWords {
  if (isSmtpAudience(campaign.audience))
    return {
      stage: 'Moved off',
      fact: 'Moved off the password after the card',
      median: 'Median time to move',
      listed: 'moved off the password',
      delivery: 'each owner gets one card about all their accounts, within their delivery window',
      countsCardActions: false,
      footnote:
        'Moved off: after the card reached them, no account on it signed in with a password again, and each signed in with OAuth since or stayed quiet for a week, as the latest read of the sign-in log shows.',
    };
  return {
    stage: 'Enrolled',
    fact: 'Enrolled after the nudge',
    median: 'Median time to enrol',
    listed: 'enrolled',
    delivery: 'each person gets the nudge within their delivery window',
    countsCardActions: true,
    footnote: `Enrolled: strong MFA confirmed after a nudge reached them, by their "I've done it" or a later scan.`,
  };
}

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

/** A once-schedule within this long of the campaign's creation was "start now" on the form. */
const STARTED_NOW_MS = 2 * 60_000;

/** `createdAt`: when the campaign was created, so that "start now" reads as such, not as a date picked by hand. */
export function scheduleText(schedule: CampaignSchedule, createdAt?: Date): string {
  if (schedule.kind === 'once') {
    const [at] = runTimes(schedule);
    if (createdAt && at && Math.abs(at.getTime() - createdAt.getTime()) < STARTED_NOW_MS)
      return `Started when it was created (${schedule.date} at ${schedule.time}, ${schedule.timeZone})`;
    return `Once, ${schedule.date} at ${schedule.time} (${schedule.timeZone})`;
  }
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

function asksForText(campaign: Campaign): string {
  if (isSmtpAudience(campaign.audience))
    return 'To move each account off the password: OAuth, a connector relay, High Volume Email or Graph sendMail, whichever fits';
  // A campaign from before the choice asks for what the NUDGE_TARGET setting says.
  return campaign.target ? TARGET_TEXT[campaign.target] : 'What the bot asks for by default (NUDGE_TARGET)';
}

/** The plan as facts, for the status card. */
export function planFacts(campaign: Campaign): { title: string; value: string }[] {
  return [
    { title: 'Audience', value: audienceText(campaign.audience) },
    { title: 'Asks for', value: asksForText(campaign) },
    { title: 'Schedule', value: scheduleText(campaign.schedule, campaign.createdAt) },
    { title: 'Delivery window', value: windowText(campaign.window) },
    ...(campaign.deadline ? [{ title: 'Deadline on the card', value: campaign.deadline }] : []),
    { title: 'Nudges per person', value: `at most ${campaign.maxNudgesPerPerson}` },
    { title: 'Escalation', value: campaign.escalateAfter ? `their manager is told after ${campaign.escalateAfter} unanswered` : 'off' },
    { title: 'Owner', value: directoryText(campaign.ownerName, TEXT_LIMITS.displayName) },
  ];
}

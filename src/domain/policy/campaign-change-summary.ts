import type { PolicyWriteFailure } from '../ports/tenant-policies';
import type { CampaignChange } from './campaign-change';
import { audience, methodName, type CampaignState, type RegistrationCampaign } from './registration-campaign';
import { plural } from './words';

/**
 * A checked change to the registration campaign, told from → to: for the admin before they confirm it, for the
 * card after it was made, and for the audit log. The words here describe settings only, never people.
 */

const STATE_WORDS: Readonly<Record<CampaignState, string>> = {
  microsoftManaged: 'Microsoft managed',
  enabled: 'enabled',
  disabled: 'disabled',
  unknown: 'a state this version does not know',
};

const METHOD_WORDS: Readonly<Record<NonNullable<CampaignChange['target']>, string>> = {
  microsoftAuthenticator: 'Microsoft Authenticator',
  passkey: 'a passkey',
};

/** One line per setting that changes, e.g. "Snooze: 1 day → 3 days". */
export function campaignChangeLines(change: CampaignChange, before: RegistrationCampaign): string[] {
  const lines: string[] = [];
  if (change.state) lines.push(`State: ${STATE_WORDS[before.state]} → ${STATE_WORDS[change.state]}`);
  if (change.target) lines.push(`Method people are asked to set up: ${methodName(before.includes)} → ${METHOD_WORDS[change.target]}`);
  if (change.snoozeDays !== undefined) lines.push(`Snooze: ${snoozeWords(before.snoozeDays)} → ${snoozeWords(change.snoozeDays)}`);
  return lines;
}

/**
 * What the admin should know before confirming, beyond the check's own warnings (passkeys on Graph beta): whom an
 * enabled campaign reaches, and a method chosen while the campaign includes nobody.
 */
export function campaignChangeWarnings(change: CampaignChange, before: RegistrationCampaign): string[] {
  if (change.state === 'enabled') return [enablingWarning(before)];
  if (change.target && before.includes.length === 0)
    return ['The campaign includes nobody yet, so the method applies only once it includes people (or is enabled).'];
  return [];
}

/** Whom an enabled campaign asks: all users only when its included targets say so (or it includes nobody yet). */
function enablingWarning(before: RegistrationCampaign): string {
  const less = before.excludes.length > 0 ? `, less ${plural(before.excludes.length, 'excluded target')}` : '';
  if (before.includes.length === 0)
    return (
      'Enabled, the campaign asks people at their next MFA sign-in. It includes nobody yet, so all users are included, ' +
      `as the Microsoft Entra admin center does${less}.`
    );
  const who = audience(before.includes);
  return who === 'all users'
    ? `Enabled, the campaign asks all users at their next MFA sign-in${less}: its included targets say all users.`
    : `Enabled, the campaign asks only whom it includes at their next MFA sign-in: ${who}${less}, not all users.`;
}

/** The audit log's action, e.g. "policy campaign change state microsoftManaged→enabled, snooze 1→3". */
export function campaignChangeAction(change: CampaignChange, before: RegistrationCampaign): string {
  const parts: string[] = [];
  if (change.state) parts.push(`state ${before.state}→${change.state}`);
  if (change.target) parts.push(`method ${methodKey(before)}→${change.target}`);
  if (change.snoozeDays !== undefined) parts.push(`snooze ${before.snoozeDays ?? '?'}→${change.snoozeDays}`);
  return `${CAMPAIGN_CHANGE_ACTION} ${parts.join(', ')}`;
}

/** What happened to a change that was not made, and what the admin can do about it. */
export function writeFailureLine(failure: PolicyWriteFailure): string {
  const detail = sentence(failure.detail);
  switch (failure.reason) {
    case 'notPermitted':
      return `Nothing was changed. ${detail} Grant it (application permission, admin consent) to change the campaign from Teams.`;
    case 'refused':
      return `Nothing was changed: Microsoft 365 refused the new settings. ${detail}`;
    case 'failed':
      return `Nothing was changed. ${detail} Try again in a few minutes.`;
    case 'uncertain':
      return `Microsoft Graph did not answer in time, so the change may or may not have been made. Say "policy" to see the campaign as it is now. (${detail})`;
  }
}

function sentence(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return /[.!?)]$/.test(line) ? line : `${line}.`;
}

/** The audit log's action for every attempt at a change; a made or failed one adds what it changed. */
export const CAMPAIGN_CHANGE_ACTION = 'policy campaign change';

function methodKey(campaign: RegistrationCampaign): string {
  const methods = [...new Set(campaign.includes.map((i) => i.method))];
  return methods.length === 0 ? 'none' : methods.length === 1 ? methods[0]! : 'mixed';
}

function snoozeWords(days: number | null): string {
  if (days === null) return 'not reported';
  return days === 0 ? '0 days (asked at every MFA sign-in)' : plural(days, 'day');
}

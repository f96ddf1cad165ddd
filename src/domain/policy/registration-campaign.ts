import { listed, plural } from './words';

/**
 * Entra's authentication methods registration campaign: after someone completes an MFA sign-in, Entra asks them
 * to set up a stronger method, and they may put it off ("snooze") for a set number of days.
 *
 * 'microsoftManaged' is Graph's `default`: Microsoft decides, and today that means the campaign runs for people
 * who use text messages or voice calls (Entra docs, "How to run a registration campaign").
 */
export type CampaignState = 'microsoftManaged' | 'enabled' | 'disabled' | 'unknown';

/** What people are asked to set up. Graph v1.0's campaign page says Authenticator only; see PASSKEY_TARGET_WARNING. */
export type CampaignMethod = 'microsoftAuthenticator' | 'passkey' | 'unknown';

export type CampaignTargetKind = 'allUsers' | 'group' | 'user' | 'unknown';

export interface CampaignInclude {
  kind: CampaignTargetKind;
  id: string;
  method: CampaignMethod;
}

export interface CampaignExclude {
  kind: CampaignTargetKind;
  id: string;
}

export interface RegistrationCampaign {
  state: CampaignState;
  /** Days before a snoozed prompt comes back; 0 asks at every MFA sign-in. Null when Graph did not say. */
  snoozeDays: number | null;
  /**
   * Whether registration is forced after three snoozes. Null when not reported: Graph documents the property
   * (`enforceRegistrationAfterAllowedSnoozes`) on its beta resource page only, though Entra's how-to shows it.
   */
  limitedSnoozes: boolean | null;
  includes: readonly CampaignInclude[];
  excludes: readonly CampaignExclude[];
  /** Values not understood, shown to admins and kept as they were when the campaign is written back. */
  unknowns: readonly string[];
}

/** Graph: "Minimum: 0 days. Maximum: 14 days. If the value is 0, the user is prompted during every MFA attempt." */
export const SNOOZE_DAYS_MIN = 0;
export const SNOOZE_DAYS_MAX = 14;
/** Entra: with limited snoozes, people "can skip the interrupt prompt 3 times", then must register. */
export const SNOOZES_BEFORE_REQUIRED = 3;

/**
 * Graph beta only, in part: the beta campaign page documents passkey (FIDO2) campaigns; v1.0's campaign page
 * still says Microsoft Authenticator only, though its include-target page accepts "Fido2". We send it on v1.0
 * and warn, rather than switch the whole write to beta.
 */
export const PASSKEY_TARGET_WARNING =
  'Passkey campaigns are documented on Graph beta; in v1.0 only the include-target page lists "Fido2" while the ' +
  'campaign page still says Microsoft Authenticator only, so Microsoft 365 may refuse the change.';

/** Graph beta only: `enforceRegistrationAfterAllowedSnoozes` is not on the v1.0 campaign page, so we never write it. */
export const SNOOZE_LIMIT_BETA_ONLY =
  'The snooze limit (register after 3 snoozes) is only in Graph beta, so MFA Coach does not change it; ' +
  'set it in the Microsoft Entra admin center.';

/** How Entra's campaign and MFA Coach fit together, for the admin deciding whether to turn the campaign on. */
export const CAMPAIGN_AND_COACH =
  'Entra prompts people to set up a method only after they complete an MFA sign-in, so people with no method at all ' +
  'are never reached by it; MFA Coach reaches them in Teams, and the campaign then moves SMS and call users to Authenticator.';

/** One line describing the campaign as it stands, for the admin card. */
export function campaignLine(campaign: RegistrationCampaign): string {
  if (campaign.state === 'disabled') return 'Registration campaign: off';
  if (campaign.state === 'unknown') return 'Registration campaign: in a state this version does not know';
  const method = methodName(campaign.includes);
  const who =
    campaign.state === 'microsoftManaged'
      ? 'Microsoft managed (Microsoft turns it on for people who sign in with text messages or phone calls)'
      : `on for ${audience(campaign.includes)}${campaign.excludes.length > 0 ? `, ${campaign.excludes.length} excluded` : ''}`;
  const snooze =
    campaign.snoozeDays === null
      ? ''
      : campaign.snoozeDays === 0
        ? ', asked at every MFA sign-in'
        : `, snooze ${plural(campaign.snoozeDays, 'day')}`;
  const limit = campaign.limitedSnoozes === true ? `, required after ${SNOOZES_BEFORE_REQUIRED} snoozes` : '';
  return `Registration campaign: ${who}, asks for ${method}${snooze}${limit}`;
}

/** Whom the campaign includes, in words: "all users", "2 groups and 1 user" or "nobody". */
export function audience(includes: readonly CampaignInclude[]): string {
  if (includes.some((i) => i.kind === 'allUsers')) return 'all users';
  const groups = includes.filter((i) => i.kind === 'group').length;
  const users = includes.filter((i) => i.kind === 'user').length;
  return [groups > 0 ? plural(groups, 'group') : '', users > 0 ? plural(users, 'user') : ''].filter(Boolean).join(' and ') || 'nobody';
}

/** The method the campaign asks for, in words; with nobody included, Authenticator (the admin center's default). */
export function methodName(includes: readonly CampaignInclude[]): string {
  const methods = new Set(includes.map((i) => i.method));
  if (methods.size === 1 && methods.has('passkey')) return 'a passkey';
  if (methods.size <= 1 && !methods.has('unknown')) return 'Microsoft Authenticator';
  return 'a method this version does not know';
}

/** Display names the bot knows for campaign targets; an id it cannot name is shown as it is. */
export type TargetNames = (kind: CampaignTargetKind, id: string) => string | undefined;

/** The `policy` detail for the campaign: state, who is in and out, the snooze limit, and why both are needed. */
export function campaignDetailLines(campaign: RegistrationCampaign, names?: TargetNames): string[] {
  const lines = [campaignLine(campaign)];
  lines.push(`Included: ${targets(campaign.includes, names) || 'nobody'}`);
  lines.push(`Excluded: ${targets(campaign.excludes, names) || 'nobody'}`);
  lines.push(snoozeLimitLine(campaign.limitedSnoozes));
  lines.push(CAMPAIGN_AND_COACH);
  if (campaign.unknowns.length > 0) lines.push(`Not understood: ${campaign.unknowns.join('; ')}`);
  return lines;
}

function snoozeLimitLine(limited: boolean | null): string {
  if (limited === true) return `Snooze limit: people must register after ${SNOOZES_BEFORE_REQUIRED} snoozes`;
  if (limited === false) return 'Snooze limit: none; people may snooze for ever';
  return 'Snooze limit: not reported (Graph shows it in beta only)';
}

/** "all users" or "2 groups (Finance, Sales), 1 user (Ana)". */
function targets(list: readonly { kind: CampaignTargetKind; id: string }[], names?: TargetNames): string {
  if (list.some((t) => t.kind === 'allUsers')) return 'all users';
  const named = (kind: CampaignTargetKind): string[] => list.filter((t) => t.kind === kind).map((t) => names?.(kind, t.id) ?? t.id);
  const groups = named('group');
  const users = named('user');
  const unknown = named('unknown');
  return [
    groups.length > 0 ? `${plural(groups.length, 'group')} (${listed(groups)})` : '',
    users.length > 0 ? `${plural(users.length, 'user')} (${listed(users)})` : '',
    unknown.length > 0 ? `${plural(unknown.length, 'target')} of a kind this version does not know` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

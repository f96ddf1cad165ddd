import { STRENGTHS_STRONGEST_FIRST, type MfaStrength } from '../mfa/mfa-strength';
import { isPhoneOnly } from '../mfa/sms-voice-retirement';
import type { UserMfaStatus } from '../mfa/user-registration';
import { DEFAULT_NUDGE_TARGET, meetsTarget, type NudgeTarget } from '../nudges/nudge-target';

/**
 * Who a campaign is for, resolved again at each run from the latest scan, so that people who set up MFA in
 * the meantime drop out by themselves. `gaps`: people with no MFA, people whose only methods are weak (SMS,
 * voice), both, or people whose only second factor is SMS and/or voice (`phoneOnly`: those Microsoft's end of SMS
 * and voice catches, whatever strength the tenant's policy gives them), or everyone who does not have what the
 * campaign asks for yet (`missingTarget`: with a passkey asked for, people with Microsoft Authenticator too).
 * `smtpPassword` is not about MFA at all: the people who own an account that sent mail with a password in the last
 * 30 days (as the latest read of the sign-in log found them), told how to move it off the password before SMTP AUTH's
 * basic authentication is switched off; their own MFA does not matter.
 * `scope`: everyone, chosen departments (any case), or the members of an Entra group (resolved through the
 * directory by the use case). `excluded`: user principal names left out whatever else holds.
 */
export interface CampaignAudience {
  gaps: 'none' | 'weak' | 'both' | 'phoneOnly' | 'missingTarget' | 'smtpPassword';
  scope: { kind: 'all' } | { kind: 'departments'; departments: string[] } | { kind: 'group'; groupId: string; groupName?: string };
  excluded: string[];
}

/**
 * What to ask the latest scan for: the strengths a campaign's gaps target, and whether only the phone-only.
 * `target`: what the campaign asks for, which decides who `missingTarget` reaches.
 */
export function audienceQuery(
  gaps: CampaignAudience['gaps'],
  target: NudgeTarget = DEFAULT_NUDGE_TARGET,
): { strengths: MfaStrength[]; phoneOnly?: true } {
  switch (gaps) {
    case 'none':
      return { strengths: ['none'] };
    case 'weak':
      return { strengths: ['weak'] };
    case 'both':
      return { strengths: ['none', 'weak'] };
    case 'phoneOnly':
      return { strengths: [...STRENGTHS_STRONGEST_FIRST], phoneOnly: true };
    case 'smtpPassword':
      // Whoever owns a password sender, whatever their own MFA.
      return { strengths: [...STRENGTHS_STRONGEST_FIRST] };
    case 'missingTarget':
      // Asked for a passkey, the strong without one are in too; otherwise strong is what is asked for.
      return { strengths: target === 'passkey' ? [...STRENGTHS_STRONGEST_FIRST] : ['acceptable', 'weak', 'none'] };
  }
}

/** Whether a campaign tells owners of accounts that send mail with a password, rather than nudging about MFA. */
export function isSmtpAudience(audience: Pick<CampaignAudience, 'gaps'>): boolean {
  return audience.gaps === 'smtpPassword';
}

/**
 * Whether one person of the latest scan is in the audience. Guests and disabled accounts are never nudged
 * (they are left out of rates too); `groupMembers` holds the group's member ids when the scope is a group;
 * `target` is what the campaign asks for. For `smtpPassword`, the caller passes only owners of password senders.
 */
export function inAudience(
  person: UserMfaStatus,
  audience: CampaignAudience,
  groupMembers?: ReadonlySet<string>,
  target: NudgeTarget = DEFAULT_NUDGE_TARGET,
): boolean {
  if (!person.countsInRates || person.userType !== 'member' || person.accountEnabled === false) return false;
  if (!audienceQuery(audience.gaps, target).strengths.includes(person.strength)) return false;
  if (audience.gaps === 'phoneOnly' && !isPhoneOnly(person.methods)) return false;
  if (audience.gaps === 'missingTarget' && meetsTarget(target, person.strength, person.methods)) return false;
  const upn = person.userPrincipalName.toLowerCase();
  if (audience.excluded.some((excluded) => excluded.toLowerCase() === upn)) return false;
  switch (audience.scope.kind) {
    case 'all':
      return true;
    case 'departments': {
      const department = (person.department ?? '').trim().toLowerCase();
      return audience.scope.departments.some((wanted) => wanted.trim().toLowerCase() === department);
    }
    case 'group':
      return groupMembers?.has(person.id) ?? false;
  }
}

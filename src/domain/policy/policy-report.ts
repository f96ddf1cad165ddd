import type { PolicyReadFailure } from '../ports/tenant-policies';
import type { MfaAssessment } from './mfa-assessment';
import type { PeopleLeftOut } from './people-left-out';
import { CAMPAIGN_AND_COACH, campaignDetailLines, type RegistrationCampaign, type TargetNames } from './registration-campaign';
import { plural } from './words';
import type { ReadinessLine } from '../mfa/readiness-lines';
import { mfaRequirementLine, policyDetailLines, type PolicyNames } from './policy-summaries';

/** Who must use MFA, as far as it could be read; `notes` say what could not be, and what that changes. */
export type MfaRequirementReport =
  | {
      read: true;
      assessment: MfaAssessment;
      /** Counted against the latest scan's enabled members; absent when they could not be counted (see notes). */
      people?: PeopleLeftOut;
      names: PolicyNames;
      notes: readonly string[];
    }
  | { read: false; failure: PolicyReadFailure };

export type CampaignReport =
  { read: true; campaign: RegistrationCampaign; names: TargetNames } | { read: false; failure: PolicyReadFailure };

/** What `policy` shows: who must use MFA, Entra's registration campaign, and the scan the people come from. */
export interface TenantPolicyReport {
  requirement: MfaRequirementReport;
  campaign: CampaignReport;
  /** When the scan whose people were counted was taken; absent when none was. */
  peopleFrom?: Date;
}

export interface PolicyReportLines {
  requirement: string[];
  campaign: string[];
  /** How Entra's campaign and MFA Coach complement each other: shown whether or not the campaign could be read. */
  together: string;
}

/** The card's sentences, one a line; wording for the rules stays in policy-summaries and registration-campaign. */
export function policyReportLines(report: TenantPolicyReport): PolicyReportLines {
  const { requirement, campaign } = report;
  return {
    requirement: requirement.read
      ? [...policyDetailLines(requirement.assessment, requirement.people, requirement.names), ...requirement.notes]
      : [`Who must use MFA: not read. ${unavailable(requirement.failure, 'Conditional Access and security defaults')}`],
    campaign: campaign.read
      ? campaignDetailLines(campaign.campaign, campaign.names).filter((line) => line !== CAMPAIGN_AND_COACH)
      : [`Registration campaign: not read. ${unavailable(campaign.failure, 'the registration campaign')}`],
    together: CAMPAIGN_AND_COACH,
  };
}

/** What the admin can do about a read that gave nothing: grant the permission named, or try again. */
export function unavailable(failure: PolicyReadFailure, what: string): string {
  if (failure.reason === 'notPermitted')
    return `${sentence(failure.detail)} Grant it (application permission, admin consent) to see ${what} here.`;
  return `${sentence(failure.detail)} Try again in a few minutes.`;
}

/** Why the people left out are not counted, or how, as a note under the policies. */
export const PEOPLE_NOTES = {
  noScan: 'People left out: not counted yet, as there is no completed scan; say "scan", then "policy" again.',
  counted: (enabled: number): string => `People counted: the ${plural(enabled, 'enabled member')} of the latest scan.`,
  /** Without the members of a group or the holders of a role a policy names, a count could show coverage better than it is. */
  notCounted: (failure: PolicyReadFailure): string =>
    `People left out: not counted. ${unavailable(failure, 'how many people that leaves out')}`,
  securityDefaultsUnread: (failure: PolicyReadFailure): string =>
    `Security defaults: not read (${failure.reason === 'notPermitted' ? `MFA Coach lacks ${failure.permission}` : 'Graph failed'}); Conditional Access is judged alone.`,
} as const;

function sentence(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return /[.!?]$/.test(line) ? line : `${line}.`;
}

/**
 * `posture`'s line on who must use MFA ("MFA required for 97% by Conditional Access; 41 people excluded"), under the
 * readiness lines. Unread, it says which permission would let it; nothing required at all is the alarm it is.
 */
export function postureRequirementLine(requirement: MfaRequirementReport): ReadinessLine {
  if (!requirement.read) {
    const why =
      requirement.failure.reason === 'notPermitted' ? `MFA Coach lacks ${requirement.failure.permission}` : 'Graph did not answer';
    return { text: `Who must use MFA by policy: not read (${why}); say "policy" for more`, tone: 'neutral' };
  }
  const { assessment, people } = requirement;
  const text = mfaRequirementLine(assessment, people);
  if (assessment.by === 'nothing') return { text, tone: 'attention' };
  if (people && people.leftOut > 0) return { text, tone: 'warning' };
  return { text, tone: assessment.by === 'conditionalAccess' && !people && !assessment.allUsersIncluded ? 'warning' : 'good' };
}

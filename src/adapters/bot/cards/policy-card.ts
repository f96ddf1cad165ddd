import { policyReportLines, type TenantPolicyReport } from '../../../domain/policy/policy-report';
import type { RegistrationCampaign } from '../../../domain/policy/registration-campaign';
import { renderCard, type AdaptiveCard } from './card-template';
import { clipText } from './directory-text';
import { utcDateText, utcDateTimeText } from './freshness-line';
import { VERBS } from './verbs';

/**
 * A line holds our words and names from the directory (groups, people, policies), clipped; at most so many
 * lines a section. With Graph's longest names the card stays well under Teams' 28 KB.
 */
const LIMITS = { line: 400, lines: 30 };

/**
 * `policy`: who must use MFA (the one-line summary, then each policy that counts or would, who is left out, admin
 * roles), Entra's registration campaign, and how the two fit together. The words come from the domain
 * (policyReportLines); the card only lays them out.
 */
/** What this viewer may do with the campaign: change it (a form filled with its settings), or why not. */
export type CampaignChangeView = { kind: 'form'; campaign: RegistrationCampaign } | { kind: 'readOnly'; lines: readonly string[] };

export interface PolicyCardOptions {
  /** Absent when the campaign could not be read: its section already says why, and there is nothing to change. */
  change?: CampaignChangeView;
  /** Said first, e.g. what a change just did. */
  headline?: string;
}

export function policyCard(report: TenantPolicyReport, readAt: Date, options: PolicyCardOptions = {}): AdaptiveCard {
  const lines = policyReportLines(report);
  const [requirementSummary = '', ...requirementLines] = lines.requirement;
  const [campaignSummary = '', ...campaignLines] = lines.campaign;
  return renderCard('policy', {
    title: 'MFA policy in Microsoft Entra',
    readAt: `Read from Microsoft Entra ${utcDateTimeText(readAt)}.`,
    // Nothing requiring MFA is said with a sign: no text colour reads at AA on both of Teams' themes.
    requirementSummary: cardText(
      report.requirement.read && report.requirement.assessment.by === 'nothing' ? `⚠ ${requirementSummary}` : requirementSummary,
    ),
    requirementLines: section(requirementLines),
    campaignSummary: cardText(campaignSummary),
    campaignLines: section(campaignLines),
    together: cardText(lines.together),
    footnote: footnote(report, options.change?.kind === 'form'),
    headline: cardText(options.headline ?? ''),
    changeNotes: options.change?.kind === 'readOnly' ? section(options.change.lines) : [],
    hasForm: options.change?.kind === 'form',
    form: options.change?.kind === 'form' ? campaignForm(options.change.campaign) : {},
  });
}

/**
 * The form starts at the campaign's settings, and the Review button carries them (`shown`): a field the admin left
 * as it was is not part of the change, whatever Teams sends for it. A setting Graph did not report shows empty.
 */
function campaignForm(campaign: RegistrationCampaign) {
  const methods = new Set(campaign.includes.map((i) => i.method));
  const onlyPasskey = methods.size === 1 && methods.has('passkey');
  const target = onlyPasskey
    ? 'passkey'
    : methods.size === 0 || (methods.size === 1 && methods.has('microsoftAuthenticator'))
      ? 'microsoftAuthenticator'
      : '';
  const state = campaign.state === 'unknown' ? '' : campaign.state;
  return {
    state,
    target,
    snoozeKnown: campaign.snoozeDays !== null,
    snoozeDays: campaign.snoozeDays ?? 0,
    shownSnooze: campaign.snoozeDays ?? '',
    reviewVerb: VERBS.policyCampaignReview,
  };
}

function section(lines: readonly string[]): { text: string }[] {
  const shown = lines.slice(0, LIMITS.lines).map((line) => ({ text: cardText(line) }));
  if (lines.length > LIMITS.lines) shown.push({ text: `… and ${lines.length - LIMITS.lines} more lines, left out to fit in Teams.` });
  return shown;
}

function footnote(report: TenantPolicyReport, campaignChangeable: boolean): string {
  const from = report.peopleFrom ? `People are counted from the scan of ${utcDateText(report.peopleFrom)}. ` : '';
  return campaignChangeable
    ? `${from}Conditional Access and security defaults are read-only here: change them in the Microsoft Entra admin center. ` +
        'A campaign change is written through Microsoft Graph v1.0, after you confirm it, and to the audit log.'
    : `${from}Read-only: change these settings in the Microsoft Entra admin center.`;
}

/**
 * Our words with names from the directory mixed in: what would turn into a link, bold text or a template binding is
 * escaped (not every dot and dash: Teams' mobile clients show such escapes as backslashes).
 */
function cardText(text: string): string {
  return clipText(text.replace(/\s+/g, ' ').trim(), LIMITS.line)
    .replace(/[\\*[\]]/g, (c) => `\\${c}`)
    .replace(/\$\{/g, '$\\{');
}

import type { ManagerSummary } from '../../../domain/campaigns/campaign-escalation';
import { renderCard, type AdaptiveCard } from './card-template';
import { directoryText, TEXT_LIMITS } from './directory-text';
import { countText } from './figure-text';

/** Rows shown; a manager with more reports than this still gets one card, with the rest counted. */
export const MAX_SUMMARY_ROWS = 40;

export function managerSummaryCard(summary: ManagerSummary): AdaptiveCard {
  const shown = [...summary.reports].sort((a, b) => a.displayName.localeCompare(b.displayName)).slice(0, MAX_SUMMARY_ROWS);
  const n = summary.reports.length;
  return renderCard('manager-summary', {
    title: n === 1 ? 'One of your team has not set up MFA yet' : `${countText(n)} of your team have not set up MFA yet`,
    intro:
      `They have had reminders from the "${directoryText(summary.campaignName, 80)}" campaign and have not answered them. ` +
      'Without a second sign-in step, a stolen password is all it takes to get into their work account.',
    reports: shown.map((r) => ({
      name: directoryText(r.displayName, TEXT_LIMITS.displayName),
      upn: directoryText(r.userPrincipalName, TEXT_LIMITS.userPrincipalName),
      count: countText(r.unansweredNudges),
    })),
    more: n > shown.length ? `And ${countText(n - shown.length)} more.` : '',
    ask: `Please ask them to set up Microsoft Authenticator${summary.deadline ? ` by ${summary.deadline}` : ''}: it takes about five minutes.`,
    why: 'You get this because they report to you in the directory. It lists only your direct reports, and each person once per campaign.',
  });
}

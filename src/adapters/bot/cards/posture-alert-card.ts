import type { PostureAlert } from '../../../domain/alerts/posture-alert';
import { renderCard, type AdaptiveCard } from './card-template';
import { buttonName, directoryText, TEXT_LIMITS } from './directory-text';
import { changeText, countText, percentText } from './figure-text';
import { utcDateText, utcDateTimeText } from './freshness-line';
import { STRENGTH_LOOK } from './strength-label';
import { VERBS } from './verbs';

/** The admins one card names; the rest are counted (their buttons would not fit). */
const ADMINS_NAMED = 10;
const ADMIN_BUTTONS = 4;

/** An alert to one admin, in their personal chat: what happened, why it matters, and where to look next. */
export function postureAlertCard(alert: PostureAlert): AdaptiveCard {
  return renderCard('posture-alert', { ...contentOf(alert), verbs: VERBS });
}

interface AlertContent {
  headline: string;
  lines: { text: string }[];
  advice: string;
  people: { title: string; data: { userId: string } }[];
  showTrend: boolean;
}

function contentOf(alert: PostureAlert): AlertContent {
  switch (alert.kind) {
    case 'adminWithoutStrong': {
      const { admins } = alert;
      const named = admins.slice(0, ADMINS_NAMED).map((admin) => ({
        text: `${directoryText(admin.displayName, TEXT_LIMITS.displayName)} (${directoryText(admin.userPrincipalName, TEXT_LIMITS.userPrincipalName)}): ${STRENGTH_LOOK[admin.strength].inSentence} now`,
      }));
      const more =
        admins.length > ADMINS_NAMED
          ? [{ text: `and ${countText(admins.length - ADMINS_NAMED)} more: say **posture** to see them counted.` }]
          : [];
      return {
        headline: admins.length === 1 ? 'An admin account lost strong MFA' : `${countText(admins.length)} admin accounts lost strong MFA`,
        lines: [...named, ...more],
        advice:
          'An admin account without strong MFA is the one attackers want most. Check with them now: a removed method, a new phone, or an account that should not hold the role.',
        people: admins
          .slice(0, ADMIN_BUTTONS)
          .map((admin) => ({ title: `Show ${buttonName(admin.displayName, 'this admin')}`, data: { userId: admin.id } })),
        showTrend: false,
      };
    }
    case 'strongDropped':
      return {
        headline: 'The share with strong MFA fell',
        lines: [
          {
            text: `From ${percentText(alert.fromPercent)} on ${utcDateText(alert.previousTakenAt)} to ${percentText(alert.toPercent)} on ${utcDateText(alert.takenAt)}: ${changeText(alert.toPercent - alert.fromPercent, true).text}.`,
          },
        ],
        advice:
          'A fall this size means something changed: a method switched off in a policy, many new accounts, or a change in who the scan counts.',
        people: [],
        showTrend: true,
      };
    case 'scanFailedTwice':
      return {
        headline: 'The last two scans failed',
        lines: [{ text: `The latest, at ${utcDateTimeText(alert.at)}: ${directoryText(alert.error, TEXT_LIMITS.free)}` }],
        advice:
          'Every figure MFA Coach shows is getting older until a scan completes. Say **doctor** to check what it needs, then **scan** to try again.',
        people: [],
        showTrend: false,
      };
  }
}

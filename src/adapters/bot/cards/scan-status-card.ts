import { renderCard, type AdaptiveCard } from './card-template';
import { directoryText, TEXT_LIMITS } from './directory-text';
import { changeText, countText, percentText } from './figure-text';
import { utcDateTimeText, utcTimeText } from './freshness-line';
import { VERBS } from './verbs';

/**
 * One card for a scan's whole life: the states share a layout and the admin sees them in sequence, so one
 * template with variants reads better than three near-copies.
 */
export type ScanStatusView =
  | {
      state: 'started';
      startedAt: Date;
      /** Whether the finished card will be posted to this conversation; if not, the card says how to look. */
      willPostResult: boolean;
    }
  | {
      /** Someone asked while a scan was already running. */
      state: 'running';
      startedAt: Date;
      /** Display name of the admin who asked for it; absent for a scheduled scan. */
      startedBy?: string;
      /** People read so far, when the scan reports progress. */
      usersRead?: number;
    }
  | {
      state: 'finished';
      startedAt: Date;
      finishedAt: Date;
      /** People the scan read, and those counted in rates. */
      users: number;
      counted: number;
      strongPercent: number;
      anyMfaPercent: number;
      criticalAdmins: number;
      /** Change in % strong since the previous scan; absent after the first. */
      strongChangePoints?: number;
      reportUpdatedAt?: Date;
    }
  | { state: 'failed'; startedAt: Date; failedAt: Date; reason: string };

function durationText(from: Date, to: Date): string {
  const seconds = Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes} min ${seconds % 60} s` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

function content(view: ScanStatusView) {
  switch (view.state) {
    case 'started':
      return {
        title: 'Scan started',
        titleColor: 'Default',
        message:
          `I'm reading everyone's MFA registration from Microsoft Entra (started ${utcTimeText(view.startedAt)}). ` +
          'Microsoft limits how fast the report can be read, so a large tenant takes a few minutes. ' +
          (view.willPostResult ? "I'll post the result here." : 'Ask for "posture" in a few minutes to see the new figures.'),
        facts: [],
        footnote: '',
        showSummary: false,
      };
    case 'running': {
      const by = view.startedBy ? `started by ${directoryText(view.startedBy, TEXT_LIMITS.displayName)}` : 'started by the schedule';
      return {
        title: 'A scan is already running',
        titleColor: 'Default',
        message: `It has been running since ${utcDateTimeText(view.startedAt)}, ${by}. Only one scan runs at a time: its result will be posted when it ends.`,
        facts: view.usersRead === undefined ? [] : [{ title: 'Read so far', value: `${countText(view.usersRead)} people` }],
        footnote: '',
        showSummary: false,
      };
    }
    case 'finished': {
      const change = view.strongChangePoints === undefined ? 'first scan' : changeText(view.strongChangePoints, true).text;
      return {
        title: 'Scan finished',
        titleColor: 'Default',
        message: `Read ${countText(view.users)} people in ${durationText(view.startedAt, view.finishedAt)}.`,
        facts: [
          { title: 'Strong MFA', value: `${percentText(view.strongPercent)} (${change})` },
          { title: 'Any MFA', value: percentText(view.anyMfaPercent) },
          { title: 'Admins without strong MFA', value: view.criticalAdmins > 0 ? `⚠ ${countText(view.criticalAdmins)}` : 'none' },
          { title: 'Counted in rates', value: `${countText(view.counted)} of ${countText(view.users)}` },
        ],
        footnote:
          `Finished ${utcDateTimeText(view.finishedAt)}` +
          (view.reportUpdatedAt ? ` · report updated ${utcDateTimeText(view.reportUpdatedAt)}` : ''),
        showSummary: true,
      };
    }
    case 'failed':
      return {
        title: 'The scan stopped',
        titleColor: 'Default',
        message: `${directoryText(view.reason, TEXT_LIMITS.free)} The figures from the previous scan still stand; try "scan" again later.`,
        facts: [],
        footnote: `Started ${utcDateTimeText(view.startedAt)} · stopped ${utcDateTimeText(view.failedAt)}`,
        showSummary: false,
      };
  }
}

export function scanStatusCard(view: ScanStatusView): AdaptiveCard {
  return renderCard('scan-status', { ...content(view), verbs: VERBS });
}

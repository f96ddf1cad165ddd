/**
 * Every posture answer says how old its data is: when the scan behind it finished, and when Microsoft last
 * refreshed the registration report it read (the report lags hours behind reality). Times are in UTC, labelled,
 * so admins in different time zones read the same card the same way.
 */
export interface Freshness {
  /** When the scan behind the figures finished. */
  takenAt: Date;
  /** The report's own lastUpdatedDateTime (the newest the scan saw); unknown for the per-user fallback. */
  reportUpdatedAt?: Date;
  /** The latest scan, when it is not the one behind the figures: one running now, or one that failed. */
  latestScan?: { status: 'running' | 'succeeded' | 'failed'; startedAt: Date };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** "23 Nov 2025" (UTC). */
export function utcDateText(at: Date): string {
  return `${at.getUTCDate()} ${MONTHS[at.getUTCMonth()]} ${at.getUTCFullYear()}`;
}

/** "10:02 UTC". */
export function utcTimeText(at: Date): string {
  return `${two(at.getUTCHours())}:${two(at.getUTCMinutes())} UTC`;
}

/** "23 Nov 2025 10:02 UTC". */
export function utcDateTimeText(at: Date): string {
  return `${utcDateText(at)} ${utcTimeText(at)}`;
}

function sameUtcDay(a: Date, b: Date): boolean {
  return utcDateText(a) === utcDateText(b);
}

function latestScanText(latest: Freshness['latestScan']): string {
  if (latest?.status === 'running') return ` · a new scan is running (started ${utcDateTimeText(latest.startedAt)})`;
  if (latest?.status === 'failed') return ` · the scan started ${utcDateTimeText(latest.startedAt)} failed`;
  return '';
}

/** "Scanned 23 Nov 2025 10:02 UTC · report updated 08:40 UTC" (the report's date only when it is another day). */
export function freshnessLine(freshness: Freshness): string {
  const scanned = `Scanned ${utcDateTimeText(freshness.takenAt)}`;
  const report = freshness.reportUpdatedAt;
  const reportText = !report
    ? 'report update time unknown'
    : `report updated ${sameUtcDay(report, freshness.takenAt) ? utcTimeText(report) : utcDateTimeText(report)}`;
  return `${scanned} · ${reportText}${latestScanText(freshness.latestScan)}`;
}

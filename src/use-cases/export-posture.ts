import type { DownloadVault } from '../domain/ports/download-vault';
import { keptPeople } from '../domain/mfa/posture-counts';
import type { UserMfaStatus } from '../domain/mfa/user-registration';
import type { PostureStore } from '../domain/ports/posture-store';
import { pagesOfScan } from './scan-pages';
import type { SmtpSender } from '../domain/smtp/smtp-sender';

export const EXPORT_LINK_MINUTES = 15;
const PAGE = 1000;
const COLUMNS = [
  'displayName',
  'userPrincipalName',
  'department',
  'jobTitle',
  'userType',
  'accountEnabled',
  'isAdmin',
  'strength',
  'methods',
  'isCriticalAdmin',
  'countsInRates',
  'reportUpdatedAt',
  // SMTP AUTH with a password in the last 30 days, as the latest read of the sign-in log found (empty: none seen).
  'smtpPasswordSignIns',
  'smtpPasswordLastSeen',
] as const;

export type ExportAnswer =
  { kind: 'noScanYet' } | { kind: 'ready'; token: string; people: number; expiresAt: Date; fileName: string; scannedAt: Date };

/**
 * The scan a download link was made for is no longer the current one (a newer scan replaced it, and its people
 * went with it): the file cannot be written, or could not be finished. The admin asks for the export again.
 */
export class ExportOutdatedError extends Error {
  constructor(readonly scanId: string) {
    super(`The export of scan ${scanId} cannot be written: a newer scan has replaced it.`);
    this.name = 'ExportOutdatedError';
  }
}

/**
 * A one-time link to everyone's status in the latest scan, for the admin who asked. The file is not made now: at a
 * million people it is over a hundred megabytes, so it is written from the scan as it downloads (postureCsv).
 */
export async function exportPosture(
  deps: { store: PostureStore; vault: DownloadVault; now: () => Date },
  actorId: string,
): Promise<ExportAnswer> {
  const [latest] = await deps.store.latestSnapshots(1);
  if (!latest) return { kind: 'noScanYet' };
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + EXPORT_LINK_MINUTES * 60_000);
  const fileName = `mfa-status-${latest.takenAt.toISOString().slice(0, 10)}.csv`;
  const token = await deps.vault.deposit({ actorId, fileName, statusOfScan: latest.scanId, expiresAt }, now);
  return { kind: 'ready', token, people: keptPeople(latest.overall), expiresAt, fileName, scannedAt: latest.takenAt };
}

/**
 * Everyone's status in one scan as CSV, in chunks of a page of people: memory holds one page whatever the tenant's
 * size. Cells that start like a formula are prefixed so a spreadsheet shows them as text, never runs them. Throws
 * ExportOutdatedError before the first chunk when the scan is no longer the current one, and in place of the rest
 * when a newer scan replaces it while the file is written: a file cut short never passes for a whole one.
 */
export async function* postureCsv(
  deps: {
    store: PostureStore;
    /** Accounts that sent mail with a password in the last 30 days, by account id (lower case); absent: columns empty. */
    smtpPasswordSenders?: () => Promise<ReadonlyMap<string, SmtpSender>>;
  },
  scanId: string,
  pageSize = PAGE,
): AsyncGenerator<string> {
  const [latest] = await deps.store.latestSnapshots(1);
  if (latest?.scanId !== scanId) throw new ExportOutdatedError(scanId);
  // The export never fails for the sign-in log's sake: without it, its columns are empty.
  const smtp = (await deps.smtpPasswordSenders?.().catch(() => undefined)) ?? new Map<string, SmtpSender>();
  yield `${COLUMNS.join(',')}\r\n`;
  let written = 0;
  for await (const users of pagesOfScan(deps.store, scanId, pageSize)) {
    yield users.map((user) => `${csvLine(user, smtp.get(user.id.toLowerCase()))}\r\n`).join('');
    written += users.length;
  }
  if (written !== keptPeople(latest.overall)) throw new ExportOutdatedError(scanId);
}

function csvLine(u: UserMfaStatus, sender: SmtpSender | undefined): string {
  return [
    u.displayName,
    u.userPrincipalName,
    u.department ?? '',
    u.jobTitle ?? '',
    u.userType,
    u.accountEnabled ?? '',
    u.isAdmin,
    u.strength,
    u.methods.join(' '),
    u.isCriticalAdmin,
    u.countsInRates,
    u.reportUpdatedAt?.toISOString() ?? '',
    sender ? String(sender.signIns) : '',
    sender?.lastSeen.toISOString() ?? '',
  ]
    .map(csvCell)
    .join(',');
}

export function csvCell(value: string | boolean): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n']/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

import type { DownloadVault } from '../domain/ports/download-vault';
import type { PostureStore } from '../domain/ports/posture-store';
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
 * Everyone's status from the latest scan as CSV, kept for the admin who asked behind a one-time link.
 * Cells that start like a formula are prefixed so a spreadsheet shows them as text, never runs them.
 */
export async function exportPosture(
  deps: {
    store: PostureStore;
    vault: DownloadVault;
    now: () => Date;
    /** Accounts that sent mail with a password in the last 30 days, by account id (lower case); absent: columns empty. */
    smtpPasswordSenders?: () => Promise<ReadonlyMap<string, SmtpSender>>;
  },
  actorId: string,
): Promise<ExportAnswer> {
  const [latest] = await deps.store.latestSnapshots(1);
  if (!latest) return { kind: 'noScanYet' };
  // The export never fails for the sign-in log's sake: without it, its columns are empty.
  const smtp = (await deps.smtpPasswordSenders?.().catch(() => undefined)) ?? new Map<string, SmtpSender>();
  const lines = [COLUMNS.join(',')];
  for (let offset = 0; ; offset += PAGE) {
    const { users } = await deps.store.listUsers({
      strengths: ['strong', 'acceptable', 'weak', 'none'],
      includeExcluded: true,
      offset,
      limit: PAGE,
    });
    for (const u of users) {
      const sender = smtp.get(u.id.toLowerCase());
      lines.push(
        [
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
          .join(','),
      );
    }
    if (users.length < PAGE) break;
  }
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + EXPORT_LINK_MINUTES * 60_000);
  const fileName = `mfa-status-${latest.takenAt.toISOString().slice(0, 10)}.csv`;
  const token = await deps.vault.deposit({ actorId, fileName, content: `${lines.join('\r\n')}\r\n`, expiresAt }, now);
  return { kind: 'ready', token, people: lines.length - 1, expiresAt, fileName, scannedAt: latest.takenAt };
}

export function csvCell(value: string | boolean): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n']/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

import type { DownloadVault } from '../domain/ports/download-vault';
import type { PostureStore } from '../domain/ports/posture-store';

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
] as const;

export type ExportAnswer =
  { kind: 'noScanYet' } | { kind: 'ready'; token: string; people: number; expiresAt: Date; fileName: string; scannedAt: Date };

/**
 * Everyone's status from the latest scan as CSV, kept for the admin who asked behind a one-time link.
 * Cells that start like a formula are prefixed so a spreadsheet shows them as text, never runs them.
 */
export async function exportPosture(
  deps: { store: PostureStore; vault: DownloadVault; now: () => Date },
  actorId: string,
): Promise<ExportAnswer> {
  const [latest] = await deps.store.latestSnapshots(1);
  if (!latest) return { kind: 'noScanYet' };
  const lines = [COLUMNS.join(',')];
  for (let offset = 0; ; offset += PAGE) {
    const { users } = await deps.store.listUsers({
      strengths: ['strong', 'acceptable', 'weak', 'none'],
      includeExcluded: true,
      offset,
      limit: PAGE,
    });
    for (const u of users) {
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

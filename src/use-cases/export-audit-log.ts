import type { AuditLog } from '../domain/ports/audit-log';
import type { DownloadVault } from '../domain/ports/download-vault';
import { csvCell, EXPORT_LINK_MINUTES } from './export-posture';

const PAGE = 1000;
const COLUMNS = ['at', 'actorId', 'actorName', 'action', 'subject', 'where', 'outcome', 'conversationId'] as const;

export interface AuditExport {
  token: string;
  /** How many entries the file holds. */
  rows: number;
  expiresAt: Date;
  fileName: string;
  /** When its oldest entry was recorded; absent when the log is empty. */
  oldest?: Date;
}

/**
 * The whole audit log as CSV, oldest first, kept for the admin who asked behind a one-time link like the posture
 * export. Names and subjects were typed by people: every cell is escaped so a spreadsheet never runs one as a formula.
 */
export async function exportAuditLog(
  deps: { auditLog: Pick<AuditLog, 'inOrder'>; vault: DownloadVault; now: () => Date },
  actorId: string,
): Promise<AuditExport> {
  const lines = [COLUMNS.join(',')];
  let oldest: Date | undefined;
  for (let offset = 0; ; offset += PAGE) {
    const entries = await deps.auditLog.inOrder(offset, PAGE);
    oldest ??= entries[0]?.at;
    for (const e of entries) {
      lines.push(
        [e.at.toISOString(), e.actorId, e.actorName ?? '', e.action, e.subject ?? '', e.where, e.outcome, e.conversationId]
          .map(csvCell)
          .join(','),
      );
    }
    if (entries.length < PAGE) break;
  }
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + EXPORT_LINK_MINUTES * 60_000);
  const fileName = `audit-log-${now.toISOString().slice(0, 10)}.csv`;
  const token = await deps.vault.deposit({ actorId, fileName, content: `${lines.join('\r\n')}\r\n`, expiresAt }, now);
  return { token, rows: lines.length - 1, expiresAt, fileName, ...(oldest ? { oldest } : {}) };
}

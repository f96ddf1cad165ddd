import type { AdminCommand, AuditFilter } from '../../../domain/admin/admin-command';
import type { AuditLog } from '../../../domain/ports/audit-log';
import type { DownloadVault } from '../../../domain/ports/download-vault';
import { exportAuditLog } from '../../../use-cases/export-audit-log';
import { EXPORT_LINK_MINUTES } from '../../../use-cases/export-posture';
import { AUDIT_ENTRIES_SHOWN, readAudit, type AuditReading } from '../../../use-cases/read-audit';
import { escapeMarkdown, type AdaptiveCard } from '../cards/card-template';
import { exportLink, exportReadyCard, EXPORTS_OFF } from '../cards/export-ready-card';
import { countText } from '../cards/figure-text';
import { utcDateText } from '../cards/freshness-line';

export interface AuditAnswerDeps {
  auditLog: AuditLog;
  vault: DownloadVault;
  /** The clock "the last N days" count back from. */
  now: () => Date;
  /** Where browsers reach this bot, for the export's link; unknown = exports are off. */
  publicUrl(): string | undefined;
}

/** What `audit` answers, always privately: the entries are a list of who did what, the export a file of them. */
export interface AuditAnswer {
  kind: 'list' | 'export';
  card?: AdaptiveCard;
  text?: string;
}

const TRY_AUDIT = 'Say **audit** to see the latest entries.';

/** `audit`, `audit <person>`, `audit campaign <number>`, `audit <N> days` and `audit export`. */
export async function auditAnswer(
  command: Extract<AdminCommand, { name: 'audit' }>,
  actorId: string,
  deps: AuditAnswerDeps,
): Promise<AuditAnswer> {
  if ('export' in command) return { kind: 'export', ...(await auditExport(deps, actorId)) };
  return { kind: 'list', text: auditText(await readAudit(deps, command.filter), command.filter) };
}

/**
 * The entries as lines, newest first. Names, actions and subjects were typed by people or came from Teams: each is
 * escaped, so that Teams shows them as written and never as markup or a link.
 */
export function auditText({ entries, more }: AuditReading, filter?: AuditFilter): string {
  if (entries.length === 0) return nothingFound(filter);
  const lines = entries.map(
    (e) =>
      `- ${e.at.toISOString().slice(0, 16).replace('T', ' ')} UTC · ${escapeMarkdown(e.actorName ?? e.actorId)} · ${escapeMarkdown(e.action)}${
        e.subject ? ` (about ${escapeMarkdown(e.subject)})` : ''
      } · ${e.where} · ${e.outcome}`,
  );
  const rest = more ? `\n\nOnly the newest ${AUDIT_ENTRIES_SHOWN} are shown. Say **audit export** for the whole log as a file.` : '';
  return `**${heading(filter)}** (newest first)\n\n${lines.join('\n')}${rest}`;
}

function heading(filter: AuditFilter | undefined): string {
  switch (filter?.kind) {
    case undefined:
      return 'Latest admin commands';
    case 'person':
      return `Admin commands by or about "${escapeMarkdown(filter.text)}"`;
    case 'campaign':
      return `Commands about campaign ${filter.number}`;
    case 'days':
      return `Admin commands of the last ${daysText(filter.days)}`;
  }
}

/** Said plainly, with what to do next: an empty answer must not look like a failure or a hidden filter. */
function nothingFound(filter: AuditFilter | undefined): string {
  switch (filter?.kind) {
    case undefined:
      return 'No admin commands have been recorded yet.';
    case 'person':
      return `Nothing in the audit log was done by or about "${escapeMarkdown(filter.text)}". ${TRY_AUDIT}`;
    case 'campaign':
      return `Nothing in the audit log is about campaign ${filter.number}. ${TRY_AUDIT}`;
    case 'days':
      return `No admin commands were recorded in the last ${daysText(filter.days)}. ${TRY_AUDIT}`;
  }
}

const daysText = (days: number) => (days === 1 ? 'day' : `${countText(days)} days`);

async function auditExport(deps: AuditAnswerDeps, actorId: string): Promise<{ card?: AdaptiveCard; text?: string }> {
  const base = deps.publicUrl();
  if (!base) return { text: EXPORTS_OFF };
  const result = await exportAuditLog(deps, actorId);
  const since = result.oldest ? `, since ${utcDateText(result.oldest)}` : '';
  return {
    card: exportReadyCard({
      title: 'Your audit log export is ready',
      url: exportLink(base, result.token),
      fileName: result.fileName,
      minutes: EXPORT_LINK_MINUTES,
      summary: `Every entry of the audit log (${entriesText(result.rows)}${since}), oldest first: when, who, what, about whom or what, where and how it ended.`,
    }),
  };
}

const entriesText = (n: number) => `${countText(n)} ${n === 1 ? 'entry' : 'entries'}`;

import type { HealthStatus } from '../src/domain/ports/health-check';
import { countsLine, verdictLine, type DoctorReport } from '../src/use-cases/run-doctor';

const STATUS: Record<HealthStatus, string> = { ok: 'ok', warn: 'WARN', fail: 'FAIL' };

/**
 * The doctor's report as plain text for a terminal: the verdict, a table (check, status, summary), then for each
 * check that is not ok what stops working, what to do, and its lines. Only the words of the checks: no token, key
 * or connection string ever reaches a check's result.
 */
export function reportTable(report: DoctorReport, subject: string): string {
  const nameWidth = Math.max('CHECK'.length, ...report.checks.map((c) => c.name.length));
  const row = (name: string, status: string, summary: string) => `${name.padEnd(nameWidth)}  ${status.padEnd(6)}  ${summary}`;
  const lines = [
    `MFA Coach doctor: ${subject}`,
    verdictLine(report),
    '',
    row('CHECK', 'STATUS', 'SUMMARY'),
    ...report.checks.map((c) => row(c.name, STATUS[c.status], c.summary)),
  ];
  const notOk = report.checks.filter((c) => c.status !== 'ok');
  for (const check of notOk) {
    lines.push('', `${check.name} (${STATUS[check.status]}): ${check.summary}`);
    if (check.impact) lines.push(`  Stops working: ${check.impact}`);
    if (check.fix) lines.push(`  To do: ${check.fix}`);
    const details = check.details ?? [];
    const labelWidth = Math.max(0, ...details.map((d) => d.label.length));
    for (const detail of details) lines.push(`  ${STATUS[detail.status].padEnd(4)}  ${detail.label.padEnd(labelWidth)}  ${detail.text}`);
  }
  lines.push('', `${countsLine(report.counts)}; checked in ${(report.tookMs / 1000).toFixed(1)} s.`);
  return lines.join('\n');
}

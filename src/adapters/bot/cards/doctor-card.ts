import type { HealthStatus } from '../../../domain/ports/health-check';
import { verdictLine, type CheckOutcome, type DoctorReport } from '../../../use-cases/run-doctor';
import { renderCard, type AdaptiveCard } from './card-template';
import { clipText } from './directory-text';
import { utcDateTimeText } from './freshness-line';
import type { TextColor } from './strength-label';

/** The verdict's words say it; only a failure is in red (green and amber text cannot be read on Teams' light theme). */
const LOOK: Record<HealthStatus, { text: string; color: TextColor }> = {
  ok: { text: 'OK', color: 'Default' },
  warn: { text: 'WARN', color: 'Default' },
  fail: { text: 'FAIL', color: 'Default' },
};

/**
 * A check's name and finding are always shown, clipped. What stops working, what to do and a check's lines share
 * one budget (escaped characters), failing checks first, then warnings: a report where every check fails with
 * Graph's longest messages stays under 24 KB (Teams takes about 28 KB). What does not fit is in npm run doctor.
 */
const LIMITS = { name: 60, summary: 160, advice: 240, label: 48, detail: 200 };
const ADVICE_BUDGET = 5600;

interface Advice {
  impact: string;
  fix: string;
  details: { label: string; text: string }[];
}

/**
 * The doctor's report: the verdict first, then one row per check (its status, name and finding), and for a check
 * that is not ok what stops working, what to do, and its lines (each permission, say). Ok checks show one line.
 */
export function doctorCard(report: DoctorReport): AdaptiveCard {
  const budget = { left: ADVICE_BUDGET, cut: false };
  const advice = new Map<CheckOutcome, Advice>();
  for (const status of ['fail', 'warn'] as const)
    for (const check of report.checks.filter((c) => c.status === status)) advice.set(check, adviceWithin(check, budget));
  const { ok, warn, fail } = report.counts;
  return renderCard('doctor', {
    title: 'MFA Coach doctor',
    verdict: cardText(verdictLine(report), 400),
    verdictColor: LOOK[report.status].color,
    checkedAt: `Checked ${utcDateTimeText(report.startedAt)}, in ${durationText(report.tookMs)}: ${ok} ok, ${warn} warning${warn === 1 ? '' : 's'}, ${fail} failing.`,
    checks: report.checks.map((check) => ({
      statusText: LOOK[check.status].text,
      statusColor: LOOK[check.status].color,
      name: cardText(check.name, LIMITS.name),
      summary: cardText(check.summary, LIMITS.summary),
      ...(advice.get(check) ?? { impact: '', fix: '', details: [] }),
    })),
    footnote: `${budget.cut ? 'Some advice is left out to fit in Teams: npm run doctor shows all of it. ' : ''}Say "doctor" again after a change; from a terminal, npm run doctor runs the same checks.`,
  });
}

/** "1.2 s", or "40 ms" for a run quicker than a second (not "0.0 s", which reads as if nothing ran). */
function durationText(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function adviceWithin(check: CheckOutcome, budget: { left: number; cut: boolean }): Advice {
  const spend = (text: string | undefined, maxChars: number): string | undefined => {
    if (!text) return undefined;
    const words = cardText(text, maxChars);
    if (words.length > budget.left) {
      budget.cut = true;
      return undefined;
    }
    budget.left -= words.length;
    return words;
  };
  const impact = spend(check.impact, LIMITS.advice);
  const fix = spend(check.fix, LIMITS.advice);
  const details: Advice['details'] = [];
  for (const detail of check.details ?? []) {
    const text = spend(`${LOOK[detail.status].text}: ${detail.text}`, LIMITS.detail);
    if (text === undefined) break;
    details.push({ label: cardText(detail.label, LIMITS.label), text });
  }
  return { impact: impact ? `Stops working: ${impact}` : '', fix: fix ? `To do: ${fix}` : '', details };
}

/**
 * Our own words, with Graph's codes and messages mixed in: only what would turn into a link, bold text or a template
 * binding is escaped (not every dot and dash: Teams' mobile clients show such escapes as backslashes).
 */
function cardText(text: string, maxChars: number): string {
  return clipText(text.replace(/\s+/g, ' ').trim(), maxChars)
    .replace(/[\\*[\]]/g, (c) => `\\${c}`)
    .replace(/\$\{/g, '$\\{');
}

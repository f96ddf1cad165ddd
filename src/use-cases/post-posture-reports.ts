import { nextDueTime, periodDueAt, reportScheduleProblem, type PostureReportSchedule } from '../domain/reports/posture-report';
import type { PostureReportStore, StoredPostureReport } from '../domain/ports/posture-report-store';

export interface PostureReportDeps {
  reports: PostureReportStore;
  now: () => Date;
}

/**
 * An admin's `report weekly …` typed in a conversation: that conversation's report set up (or replaced), or why not.
 * Answers when it will first be posted.
 */
export async function scheduleReport(
  deps: PostureReportDeps,
  report: Omit<StoredPostureReport, 'lastPeriod' | 'createdAt'>,
): Promise<{ kind: 'invalid'; problem: string } | { kind: 'scheduled'; schedule: PostureReportSchedule; firstAt: Date }> {
  const problem = reportScheduleProblem(report);
  if (problem) return { kind: 'invalid', problem };
  const now = deps.now();
  const saved = { ...report, createdAt: now };
  await deps.reports.save(saved);
  return { kind: 'scheduled', schedule: saved, firstAt: nextDueTime(saved, now) };
}

/**
 * What posting one week's report did: posted; gone for good (the bot was removed there); not posted and worth another
 * try; or uncertain (Teams may have taken it: a timeout, a 5xx), which is never tried again, so a week is never posted twice.
 */
export type ReportPostOutcome = 'posted' | 'gone' | 'retry' | 'uncertain';

/**
 * Posts every report whose week is due and not posted yet, each at most once per week across every instance of
 * the bot: the week is claimed in the database first, and given back when the post failed in a way worth trying
 * again (the next tick posts it). A report whose conversation is gone (the bot was removed) is stopped.
 */
export async function postDueReports(
  deps: PostureReportDeps,
  post: (report: StoredPostureReport) => Promise<ReportPostOutcome>,
): Promise<Record<ReportPostOutcome, string[]>> {
  const done: Record<ReportPostOutcome, string[]> = { posted: [], gone: [], retry: [], uncertain: [] };
  const now = deps.now();
  for (const report of await deps.reports.all()) {
    const period = periodDueAt(report, now);
    if (!period || (report.lastPeriod !== undefined && report.lastPeriod >= period)) continue;
    if (!(await deps.reports.claim(report.conversationId, period))) continue;
    const outcome = await post(report).catch((): ReportPostOutcome => 'retry');
    if (outcome === 'gone') await deps.reports.remove(report.conversationId);
    if (outcome === 'retry') await deps.reports.release(report.conversationId, period, report.lastPeriod);
    done[outcome].push(report.conversationId);
  }
  return done;
}

import { summary, type SummaryDeps } from '../../adapters/bot/admin/admin-answers';
import { postPostureReport } from '../../adapters/bot/posture-report-post';
import { SqlPostureReportStore } from '../../adapters/storage/sql-posture-report-store';
import { postDueReports } from '../../use-cases/post-posture-reports';
import type { Platform } from './platform';
import type { PostureSlice } from './posture';
import type { TeamsSlice } from './teams';
import { POSTURE_REPORTS_CRON } from './tuning';

/** Posts the weekly posture reports that are due; pg-boss runs it on one instance per tick, the claim does the rest. */
const POSTURE_REPORTS_JOB = 'posture-reports';

export type ReportsSlice = Awaited<ReturnType<typeof wireReports>>;

/**
 * Weekly posture reports: their store (what `report` sets up), and the job that posts the due ones as the posture
 * card, the same as `posture` answers. `lines`: the card's lines read elsewhere (who must use MFA, SMTP AUTH).
 */
export async function wireReports(
  platform: Platform,
  teams: TeamsSlice,
  posture: PostureSlice,
  lines: Pick<SummaryDeps, 'mfaRequirement' | 'smtpLine'>,
) {
  const { config, jobs, logger, now } = platform;
  const store = new SqlPostureReportStore(platform.db);
  const summaryDeps: SummaryDeps = {
    store: posture.store,
    departmentMinSize: config.posture.departmentMinSize,
    now,
    targets: posture.targets,
    ...lines,
  };
  const postDue = async () => {
    const done = await postDueReports({ reports: store, now }, async (report) =>
      postPostureReport(teams.adapter, teams.botAppId ?? '', report, await summary(summaryDeps)),
    );
    if (Object.values(done).some((ids) => ids.length > 0)) logger.info({ ...done }, 'weekly posture reports posted');
    return done;
  };
  await jobs.work(POSTURE_REPORTS_JOB, async () => {
    await postDue();
  });
  await jobs.schedule(POSTURE_REPORTS_JOB, POSTURE_REPORTS_CRON, 'UTC');
  return { store, postDue };
}

import type { ConversationReference } from 'botbuilder';
import { scanResultCard } from '../../adapters/bot/admin/scan-result-card';
import { asAttachment } from '../../adapters/bot/cards/card-template';
import { registerPostureScanJob, requestPostureScan, type PostureScanJobData } from '../../adapters/jobs/posture-scan-job';
import { SqlAuditLog } from '../../adapters/storage/sql-audit-log';
import { SqlDownloadVault } from '../../adapters/storage/sql-download-vault';
import { SqlPostureStore } from '../../adapters/storage/sql-posture-store';
import { DEFAULT_CLASSIFICATION_POLICY } from '../../domain/mfa/mfa-strength';
import { scanTenant } from '../../use-cases/scan-tenant';
import type { GraphSlice } from './graph';
import type { Platform } from './platform';
import type { TeamsSlice } from './teams';
import { EXPIRED_EXPORTS_CRON } from './tuning';

/** Deletes expired exports nobody fetched. */
const EXPIRED_EXPORTS_JOB = 'expired-exports';

/** The tenant's MFA posture: its scans, their store, the audit log and the one-time export links. */
export type PostureSlice = Awaited<ReturnType<typeof wirePosture>>;

export async function wirePosture(platform: Platform, graph: GraphSlice, teams: TeamsSlice) {
  const { config, logger, jobs, now } = platform;
  const store = new SqlPostureStore(platform.db);
  const vault = new SqlDownloadVault(platform.db);
  // Exports nobody fetched hold personal data: they go as soon as their links expire, not at the next export.
  await jobs.work(EXPIRED_EXPORTS_JOB, async () => {
    await vault.purgeExpired(now());
  });
  await jobs.schedule(EXPIRED_EXPORTS_JOB, EXPIRED_EXPORTS_CRON, 'UTC');
  const classification = { policy: DEFAULT_CLASSIFICATION_POLICY, rates: config.posture.rates };
  const scan = async (data: PostureScanJobData) => {
    const outcome = await scanTenant(
      { directory: graph.scanDirectory, store, ...classification, now, minReportCoverage: config.posture.minReportCoverage },
      data.trigger,
      data.requestedBy,
    );
    logger.info(
      { trigger: data.trigger, outcome: outcome.kind, ...(outcome.kind === 'failed' ? { error: outcome.error } : {}) },
      'posture scan ended',
    );
    if (outcome.kind === 'completed' && outcome.stats.directoryTotalsError) {
      logger.warn(
        { error: outcome.stats.directoryTotalsError },
        "the directory's own registration totals could not be read; the scan completed without them",
      );
    }
    // An admin's `scan` hears the result in the conversation it was asked in.
    if (!data.replyTo) return;
    await teams.adapter.continueConversationAsync(teams.botAppId ?? '', data.replyTo as Partial<ConversationReference>, async (context) => {
      await context.sendActivity({ attachments: [asAttachment(scanResultCard(outcome, now()))] });
    });
  };
  await registerPostureScanJob(jobs, { cron: config.posture.scanCron, timeZone: config.posture.scanTimeZone }, scan);
  if (config.posture.scanOnStart) await requestPostureScan(jobs, { trigger: 'schedule' });
  return { store, vault, auditLog: new SqlAuditLog(platform.db), ...classification };
}

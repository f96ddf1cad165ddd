import type { ConversationReference } from 'botbuilder';
import { scanResultCard } from '../../adapters/bot/admin/scan-result-card';
import { asAttachment, type AdaptiveCard } from '../../adapters/bot/cards/card-template';
import { registerPostureScanJob, requestPostureScan, type PostureScanJobData } from '../../adapters/jobs/posture-scan-job';
import { SqlAuditLog } from '../../adapters/storage/sql-audit-log';
import { SqlDownloadVault } from '../../adapters/storage/sql-download-vault';
import { SqlPostureStore } from '../../adapters/storage/sql-posture-store';
import { SqlSmtpSenderStore } from '../../adapters/storage/sql-smtp-sender-store';
import { SqlStrongTargetStore } from '../../adapters/storage/sql-strong-target-store';
import { DEFAULT_CLASSIFICATION_POLICY } from '../../domain/mfa/mfa-strength';
import { purgeAuditLog } from '../../use-cases/purge-audit-log';
import { scanSmtpSenders } from '../../use-cases/scan-smtp-senders';
import { scanTenant } from '../../use-cases/scan-tenant';
import type { GraphSlice } from './graph';
import type { Platform } from './platform';
import type { TeamsSlice } from './teams';
import { adminAlerts } from './alerts';
import { AUDIT_PURGE_CRON, EXPIRED_EXPORTS_CRON } from './tuning';

/** Deletes expired exports nobody fetched. */
const EXPIRED_EXPORTS_JOB = 'expired-exports';
/** Deletes audit entries past their retention (AUDIT_RETENTION_DAYS). */
const AUDIT_PURGE_JOB = 'audit-purge';

/**
 * What is kept only for a while goes on a schedule, on the platform's clock. Exports nobody fetched hold personal
 * data: they go as soon as their links expire, not at the next export. Audit entries are kept for the retention
 * the operator chose, then deleted once a day: the log's only delete.
 */
async function scheduleHousekeeping(
  { config, logger, jobs, now }: Platform,
  vault: SqlDownloadVault,
  auditLog: SqlAuditLog,
): Promise<void> {
  await jobs.work(EXPIRED_EXPORTS_JOB, async () => {
    await vault.purgeExpired(now());
  });
  await jobs.schedule(EXPIRED_EXPORTS_JOB, EXPIRED_EXPORTS_CRON, 'UTC');
  await jobs.work(AUDIT_PURGE_JOB, async () => {
    const { deleted, cutoff } = await purgeAuditLog({ auditLog, retentionDays: config.posture.auditRetentionDays }, now());
    if (deleted > 0) logger.info({ deleted, cutoff }, 'audit entries past their retention deleted');
  });
  await jobs.schedule(AUDIT_PURGE_JOB, AUDIT_PURGE_CRON, 'UTC');
}

/**
 * The SMTP AUTH senders are read after each scan, whatever its outcome: a separate read of a separate log, which
 * never fails the scan (a refused read is recorded as such; a database failure is logged, the previous read stays).
 */
function smtpSendersReader({ logger, now }: Platform, graph: GraphSlice, store: SqlSmtpSenderStore): () => Promise<void> {
  return async () => {
    try {
      const outcome = await scanSmtpSenders({ log: graph.smtpSignInLog, store, now });
      logger.info(outcome, 'SMTP AUTH senders read from the sign-in log');
    } catch (error) {
      logger.warn({ error: (error as Error).message }, 'the SMTP AUTH senders could not be saved; the previous read stays');
    }
  };
}

/** The tenant's MFA posture: its scans, their store, the audit log and the one-time export links. */
export type PostureSlice = Awaited<ReturnType<typeof wirePosture>>;

async function postScanResult(teams: TeamsSlice, replyTo: unknown, card: AdaptiveCard): Promise<void> {
  await teams.adapter.continueConversationAsync(teams.botAppId ?? '', replyTo as Partial<ConversationReference>, async (context) => {
    await context.sendActivity({ attachments: [asAttachment(card)] });
  });
}

export async function wirePosture(platform: Platform, graph: GraphSlice, teams: TeamsSlice) {
  const { config, logger, jobs, now, metrics } = platform;
  const store = new SqlPostureStore(platform.db);
  const vault = new SqlDownloadVault(platform.db);
  const smtpSenders = new SqlSmtpSenderStore(platform.db);
  const readSmtpSenders = smtpSendersReader(platform, graph, smtpSenders);
  const auditLog = new SqlAuditLog(platform.db);
  await scheduleHousekeeping(platform, vault, auditLog);
  const classification = { policy: DEFAULT_CLASSIFICATION_POLICY, rates: config.posture.rates };
  const alertAdmins = adminAlerts(platform, graph, teams, store);
  const scan = async (data: PostureScanJobData) => {
    const began = performance.now();
    const outcome = await scanTenant(
      { directory: graph.scanDirectory, store, ...classification, now, minReportCoverage: config.posture.minReportCoverage },
      data.trigger,
      data.requestedBy,
    );
    metrics.scans.inc({ outcome: outcome.kind });
    if (outcome.kind !== 'alreadyRunning') metrics.scanSeconds.observe({ outcome: outcome.kind }, (performance.now() - began) / 1000);
    logger.info(
      { trigger: data.trigger, outcome: outcome.kind, ...(outcome.kind === 'failed' ? { error: outcome.error } : {}) },
      'posture scan ended',
    );
    if (outcome.kind !== 'alreadyRunning') await readSmtpSenders();
    if (outcome.kind === 'completed' && outcome.stats.directoryTotalsError) {
      logger.warn(
        { error: outcome.stats.directoryTotalsError },
        "the directory's own registration totals could not be read; the scan completed without them",
      );
    }
    // An admin's `scan` hears the result in the conversation it was asked in; then the admins hear what it changed.
    if (data.replyTo) await postScanResult(teams, data.replyTo, scanResultCard(outcome, now()));
    await alertAdmins(outcome);
  };
  await registerPostureScanJob(jobs, { cron: config.posture.scanCron, timeZone: config.posture.scanTimeZone }, scan);
  if (config.posture.scanOnStart) await requestPostureScan(jobs, { trigger: 'schedule' });
  return { store, vault, smtpSenders, auditLog, targets: new SqlStrongTargetStore(platform.db), ...classification };
}

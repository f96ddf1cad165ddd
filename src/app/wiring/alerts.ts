import { deliverAlert } from '../../adapters/bot/admin-alert-delivery';
import { SqlAlertLedger } from '../../adapters/storage/sql-alert-ledger';
import type { PostureStore } from '../../domain/ports/posture-store';
import { alertsAfterScan } from '../../use-cases/alert-admins';
import type { ScanOutcome } from '../../use-cases/scan-tenant';
import type { GraphSlice } from './graph';
import type { Platform } from './platform';
import type { TeamsSlice } from './teams';

/**
 * What a scan's end tells the admins, privately: an admin account that lost strong MFA, a fall in the share with
 * strong MFA, scans failing twice. A failure here never fails the scan: it is logged, and the next scan looks again.
 */
export function adminAlerts(platform: Platform, graph: GraphSlice, teams: TeamsSlice, store: PostureStore) {
  const { config, logger, now } = platform;
  const ledger = new SqlAlertLedger(platform.db);
  const delivery = {
    adapter: teams.adapter,
    botAppId: teams.botAppId ?? '',
    directory: graph.directory,
    references: teams.references,
    adminGroupIds: config.posture.adminGroupIds,
    adminAllowList: config.posture.adminAllowList,
  };
  return async (outcome: ScanOutcome): Promise<void> => {
    try {
      const alerts = await alertsAfterScan({ store, ledger, now, strongDropPoints: config.posture.alertStrongDropPoints }, outcome);
      for (const alert of alerts) logger.info({ alert: alert.kind, ...(await deliverAlert(delivery, alert)) }, 'admins alerted');
    } catch (error) {
      logger.warn({ error: (error as Error).message }, 'the alerts after a scan could not be worked out or sent');
    }
  };
}

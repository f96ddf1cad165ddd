import type { CampaignStore } from '../../domain/ports/campaign-store';
import type { Database } from './database';
import { joinedParts } from './joined-parts';
import { SqlCampaignRecords } from './campaigns/sql-campaign-records';
import { SqlCampaignReports } from './campaigns/sql-campaign-reports';
import { SqlCampaignRuns } from './campaigns/sql-campaign-runs';
import { SqlDeliveryQueue } from './campaigns/sql-delivery-queue';
import { SqlEscalationLedger } from './campaigns/sql-escalation-ledger';

/**
 * The campaign store on one database: each concern is its own class (campaigns/), joined here into the one
 * object the wiring hands out; each use case's dependencies name only the concerns it uses.
 *
 * `leaseClock`: whose clock the delivery queue's leases run on: the database's (the default, and what production
 * uses), or the times callers pass, for tests that move time instead of waiting for a lease to run out.
 */
export function sqlCampaignStore(db: Database, options: { leaseClock?: 'database' | 'caller' } = {}): CampaignStore {
  return joinedParts<CampaignStore>(
    new SqlCampaignRecords(db),
    new SqlCampaignRuns(db),
    new SqlDeliveryQueue(db, options),
    new SqlCampaignReports(db),
    new SqlEscalationLedger(db),
  );
}

import { joinedParts } from '../../src/adapters/storage/joined-parts';
import type { CampaignReports } from '../../src/domain/ports/campaign-reports';
import type { CampaignRuns } from '../../src/domain/ports/campaign-runs';
import type { CampaignRecords } from '../../src/domain/ports/campaign-store';
import type { EscalationLedger } from '../../src/domain/ports/escalation-ledger';
import { InMemoryCampaignRecords } from './in-memory-campaign-records';
import { InMemoryCampaignReports } from './in-memory-campaign-reports';
import { InMemoryCampaignRuns, type DeliveryClaims } from './in-memory-campaign-runs';
import { InMemoryEscalationLedger } from './in-memory-campaign-escalations';

/** Every campaign concern the fakes keep, in one object, as the wiring hands out the SQL store's. */
export type InMemoryCampaignStore = CampaignRecords & CampaignRuns & DeliveryClaims & CampaignReports & EscalationLedger;

/**
 * The campaign fakes on one shared memory: the campaigns, their runs and deliveries (a cancel there cancels what
 * waits), the escalation ledger and the reports' facts. `store` answers every method; the parts are there for
 * what only a test does (stating facts, looking at a person's escalation).
 */
export function inMemoryCampaignStore() {
  const records = new InMemoryCampaignRecords();
  const runs = new InMemoryCampaignRuns(records);
  const ledger = new InMemoryEscalationLedger(records);
  const reports = new InMemoryCampaignReports();
  return { records, runs, ledger, reports, store: joinedParts<InMemoryCampaignStore>(records, runs, ledger, reports) };
}

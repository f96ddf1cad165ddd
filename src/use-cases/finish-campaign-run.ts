import { nextRunAfter } from '../domain/campaigns/campaign-schedule';
import type { CampaignRun } from '../domain/campaigns/campaign-run';
import type { CampaignRecords } from '../domain/ports/campaign-store';
import { readCampaignReport, type CampaignReading, type CampaignReport } from './manage-campaigns';

/**
 * After a run's last delivery: a campaign whose schedule has no run left is marked finished, and the report its
 * owner is sent is read. Called once per run, by the instance that finished it.
 */
export async function finishCampaignRun(
  deps: { campaigns: Pick<CampaignRecords, 'get' | 'setStatus'> & CampaignReading; now: () => Date },
  run: CampaignRun,
): Promise<{ report: CampaignReport; run: CampaignRun } | undefined> {
  const campaign = await deps.campaigns.get(run.campaignId);
  if (!campaign) return undefined;
  if (campaign.status === 'active' && !nextRunAfter(campaign.schedule, run.scheduledFor)) {
    await deps.campaigns.setStatus(campaign.id, 'finished', ['active'], deps.now());
  }
  const report = await readCampaignReport(deps, campaign.id);
  return report ? { report, run } : undefined;
}

import type { DownloadVault } from '../domain/ports/download-vault';
import type { CampaignRecords } from '../domain/ports/campaign-store';
import type { CampaignRuns } from '../domain/ports/campaign-runs';
import type { CampaignReports } from '../domain/ports/campaign-reports';
import { csvCell, EXPORT_LINK_MINUTES } from './export-posture';
import { isSmtpAudience } from '../domain/campaigns/campaign-audience';
import type { DeliveryFact } from '../domain/campaigns/campaign-funnel';

/** Deliveries read and written at a time. */
const PAGE = 1000;
const COLUMNS = [
  'run',
  'displayName',
  'userPrincipalName',
  'userId',
  'delivery',
  'reason',
  'sentAt',
  'opened',
  'snoozed',
  'enrolledAt',
] as const;

export type CampaignExportAnswer =
  | { kind: 'unknownCampaign' }
  /** `toOwnersOfPasswordSenders`: its last column is when each owner moved off the password, not when they enrolled. */
  | {
      kind: 'ready';
      token: string;
      rows: number;
      expiresAt: Date;
      fileName: string;
      campaignName: string;
      toOwnersOfPasswordSenders: boolean;
    };

/**
 * A one-time link to one line per delivery (person and run) with what followed it, for the person who asked, like
 * the posture export. The file is not made now: at 200,000 deliveries it is tens of megabytes, so it is written from
 * the deliveries as it downloads (campaignCsv); `rows` is how many there are now.
 */
export async function exportCampaign(
  deps: {
    campaigns: Pick<CampaignRecords, 'find'> & Pick<CampaignReports, 'deliveryCount'>;
    vault: DownloadVault;
    now: () => Date;
  },
  ref: string,
  actorId: string,
): Promise<CampaignExportAnswer> {
  const campaign = await deps.campaigns.find(ref);
  if (!campaign) return { kind: 'unknownCampaign' };
  const rows = await deps.campaigns.deliveryCount(campaign.id);
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + EXPORT_LINK_MINUTES * 60_000);
  const fileName = `campaign-${campaign.number}-${now.toISOString().slice(0, 10)}.csv`;
  const token = await deps.vault.deposit({ actorId, fileName, deliveriesOfCampaign: campaign.id, expiresAt }, now);
  const toOwnersOfPasswordSenders = isSmtpAudience(campaign.audience);
  return { kind: 'ready', token, rows, expiresAt, fileName, campaignName: campaign.name, toOwnersOfPasswordSenders };
}

/**
 * A campaign's deliveries as CSV, in chunks of a page: memory holds one page whatever the campaign's size. Names
 * are the latest scan's; someone who left has only their id. Each delivery is written as it stands when its page is
 * read. Cells that start like a formula are prefixed so a spreadsheet shows them as text, never runs them.
 */
export async function* campaignCsv(
  deps: { campaigns: Pick<CampaignRecords, 'get'> & Pick<CampaignRuns, 'runs'> & Pick<CampaignReports, 'deliveryFactsPage'> },
  campaignId: string,
  pageSize = PAGE,
): AsyncGenerator<string> {
  const campaign = await deps.campaigns.get(campaignId);
  // Campaigns are never deleted; a link to one that is not there was not made by this bot.
  if (!campaign) throw new Error(`no campaign ${campaignId} to export`);
  let runTime = await runTimesOf(deps, campaign.id);
  // A campaign to owners of password senders: the last column is when they moved off the password.
  const smtp = isSmtpAudience(campaign.audience);
  yield `${(smtp ? COLUMNS.map((name) => (name === 'enrolledAt' ? 'movedOffPasswordAt' : name)) : COLUMNS).join(',')}\r\n`;
  let after: string | undefined;
  do {
    const page = await deps.campaigns.deliveryFactsPage(campaign.id, after, pageSize);
    // A run started after the link was made: its time is read when its deliveries come.
    if (page.facts.some((fact) => !runTime.has(fact.runId))) runTime = await runTimesOf(deps, campaign.id);
    if (page.facts.length > 0) yield page.facts.map((fact) => `${deliveryCsvLine(fact, runTime.get(fact.runId) ?? '')}\r\n`).join('');
    after = page.next;
  } while (after !== undefined);
}

async function runTimesOf(deps: { campaigns: Pick<CampaignRuns, 'runs'> }, campaignId: string): Promise<Map<string, string>> {
  return new Map((await deps.campaigns.runs(campaignId)).map((run) => [run.id, run.scheduledFor.toISOString()]));
}

/** One delivery's line of the file, its run named by `runTime`. */
export function deliveryCsvLine(fact: DeliveryFact, runTime: string): string {
  return [
    runTime,
    fact.displayName ?? '',
    fact.userPrincipalName ?? '',
    fact.userId,
    fact.status,
    fact.reason ?? '',
    fact.sentAt?.toISOString() ?? '',
    fact.opened,
    fact.snoozed,
    fact.enrolledAt?.toISOString() ?? '',
  ]
    .map(csvCell)
    .join(',');
}

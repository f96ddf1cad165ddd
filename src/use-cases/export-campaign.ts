import type { DownloadVault } from '../domain/ports/download-vault';
import type { CampaignRecords } from '../domain/ports/campaign-store';
import type { CampaignRuns } from '../domain/ports/campaign-runs';
import type { CampaignReports } from '../domain/ports/campaign-reports';
import { csvCell, EXPORT_LINK_MINUTES } from './export-posture';
import { isSmtpAudience } from '../domain/campaigns/campaign-audience';

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
 * One line per delivery (person and run) with what followed it, kept for the person who asked behind a
 * one-time link, like the posture export. Names are the latest scan's; someone who left has only their id.
 */
export async function exportCampaign(
  deps: {
    campaigns: Pick<CampaignRecords, 'find'> & Pick<CampaignRuns, 'runs'> & Pick<CampaignReports, 'deliveryFacts'>;
    vault: DownloadVault;
    now: () => Date;
  },
  ref: string,
  actorId: string,
): Promise<CampaignExportAnswer> {
  const campaign = await deps.campaigns.find(ref);
  if (!campaign) return { kind: 'unknownCampaign' };
  const [runs, facts] = await Promise.all([deps.campaigns.runs(campaign.id), deps.campaigns.deliveryFacts(campaign.id)]);
  const runTime = new Map(runs.map((run) => [run.id, run.scheduledFor.toISOString()]));
  // A campaign to owners of password senders: the last column is when they moved off the password.
  const toOwnersOfPasswordSenders = isSmtpAudience(campaign.audience);
  const columns = toOwnersOfPasswordSenders ? COLUMNS.map((name) => (name === 'enrolledAt' ? 'movedOffPasswordAt' : name)) : COLUMNS;
  const lines = [columns.join(',')];
  for (const fact of facts) {
    lines.push(
      [
        runTime.get(fact.runId) ?? '',
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
        .join(','),
    );
  }
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + EXPORT_LINK_MINUTES * 60_000);
  const fileName = `campaign-${campaign.number}-${now.toISOString().slice(0, 10)}.csv`;
  const token = await deps.vault.deposit({ actorId, fileName, content: `${lines.join('\r\n')}\r\n`, expiresAt }, now);
  return { kind: 'ready', token, rows: facts.length, expiresAt, fileName, campaignName: campaign.name, toOwnersOfPasswordSenders };
}

import type { Logger } from 'pino';
import type { CampaignRun } from '../../domain/campaigns/campaign-run';
import type { CampaignStore } from '../../domain/ports/campaign-store';
import { finishCampaignRun } from '../../use-cases/finish-campaign-run';
import { campaignStatusCard } from './cards/campaign-status-card';
import { asAttachment } from './cards/card-template';
import { countText } from './cards/figure-text';
import { utcDateTimeText } from './cards/freshness-line';
import { outcomeWords } from './cards/campaign-plan-text';
import type { PrivateSender } from './private-sender';

/**
 * When a run finishes, its campaign's owner gets the status card in their 1:1 chat, headed with what the run
 * did. Without a personal chat (they only ever used the bot in a channel) it is logged: the card is one
 * "campaign <n>" away.
 */
export function runSummarySender(
  privateSender: Pick<PrivateSender, 'send'>,
  campaigns: CampaignStore,
  now: () => Date,
  logger: Pick<Logger, 'info' | 'warn'>,
) {
  return async (run: CampaignRun): Promise<void> => {
    const finished = await finishCampaignRun({ campaigns, now }, run);
    if (!finished) return;
    const { report } = finished;
    const funnel = report.runs.find((entry) => entry.run.id === run.id)?.funnel;
    const figures = funnel
      ? `${countText(funnel.delivered)} of ${countText(funnel.targeted)} delivered${funnel.failed > 0 ? `, ${countText(funnel.failed)} failed` : ''}${funnel.enrolled > 0 ? `, ${countText(funnel.enrolled)} ${outcomeWords(report.campaign).listed} so far` : ''}.`
      : '';
    const headline = `The run of ${utcDateTimeText(run.scheduledFor)} has finished: ${figures}`;
    const card = campaignStatusCard({ ...report, headline, canChange: true, now: now() });
    const delivery = await privateSender.send(report.campaign.ownerId, { attachments: [asAttachment(card)] });
    if (delivery === 'noPersonalChat')
      logger.warn(
        { campaignId: report.campaign.id, runId: run.id },
        'the run summary has nowhere to go: its owner has no personal chat with the bot',
      );
    else logger.info({ campaignId: report.campaign.id, runId: run.id }, 'sent the run summary to its owner');
  };
}

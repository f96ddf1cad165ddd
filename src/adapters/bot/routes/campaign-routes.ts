import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import {
  CAMPAIGN_COMMAND_WORDS,
  describeCampaignCommand,
  needsCampaignManager,
  parseCampaignCommand,
  type CampaignCommand,
} from '../../../domain/campaigns/campaign-command';
import { exportCampaign } from '../../../use-cases/export-campaign';
import { EXPORT_LINK_MINUTES } from '../../../use-cases/export-posture';
import { changeCampaign, listCampaigns, readCampaignReport } from '../../../use-cases/manage-campaigns';
import type { BotDependencies } from '../bot-dependencies';
import { adminRefusalCard } from '../cards/admin-refusal-card';
import { campaignFormCard, formValuesOf } from '../cards/campaign-form-card';
import { campaignListCard } from '../cards/campaign-list-card';
import { campaignStatusCard } from '../cards/campaign-status-card';
import { asAttachment, type AdaptiveCard } from '../cards/card-template';
import { commandUsageCard } from '../cards/command-usage-card';
import { exportLink, exportReadyCard, EXPORTS_OFF } from '../cards/export-ready-card';
import { parseCommandText } from '../command-text';
import { whereOf } from '../conversation-reference-mapper';
import { answerInPrivate } from './answer-in-private';
import { auditTurn } from './audit-turn';
import { campaignAccess, CANT_CHECK_CAMPAIGN_ROLE, MANAGERS_ONLY } from './campaign-access';

/** The list shows this many; older campaigns are still reachable by number. */
export const CAMPAIGN_LIST_SIZE = 10;

const isCampaignWord = (name: string) => (CAMPAIGN_COMMAND_WORDS as readonly string[]).includes(name);
const unknown = (ref: string) => `I don't know a campaign "${ref}". Say **campaigns** to see their numbers.`;

/**
 * `campaigns`, `campaign new|<n>|pause|resume|cancel|copy|export <n>`, in personal chat and (mentioned) in
 * channels. Campaign managers may do everything; admins may look; everyone else gets the admin refusal card.
 * Each command is audited with its outcome.
 */
export function registerCampaignRoutes(app: Application<TurnState>, deps: BotDependencies): void {
  const selector = async (context: TurnContext) => {
    if (context.activity.type !== ActivityTypes.Message) return false;
    const parsed = parseCommandText(context.activity.text);
    return parsed !== undefined && isCampaignWord(parsed.name);
  };

  app.message(selector, async (context) => {
    const { name, args } = parseCommandText(context.activity.text)!;
    const audit = auditTurn(context, deps);
    const access = await campaignAccess(context, deps);
    if (access === 'unavailable') {
      await context.sendActivity(CANT_CHECK_CAMPAIGN_ROLE);
      return;
    }
    if (access === 'none') {
      await audit(name, 'refused');
      await context.sendActivity({ attachments: [asAttachment(adminRefusalCard({ contact: deps.admin.contact }))] });
      return;
    }
    const parsed = parseCampaignCommand(name, args);
    if (!parsed.ok) {
      const usage = commandUsageCard({
        ...parsed.usage,
        typed: context.activity.text ?? '',
        problem: parsed.problem,
        inChannel: whereOf(context.activity) !== 'personal',
        botName: deps.botName,
      });
      await context.sendActivity({ attachments: [asAttachment(usage)] });
      return;
    }
    const command = parsed.command;
    if (needsCampaignManager(command) && access !== 'manager') {
      await audit(describeCampaignCommand(command), 'refused');
      await context.sendActivity(MANAGERS_ONLY);
      return;
    }
    try {
      await answer(context, deps, command, access === 'manager', audit);
    } catch (error) {
      await audit(describeCampaignCommand(command), 'failed');
      throw error;
    }
  });
}

async function answer(
  context: TurnContext,
  deps: BotDependencies,
  command: CampaignCommand,
  isManager: boolean,
  audit: ReturnType<typeof auditTurn>,
): Promise<void> {
  const send = (card: AdaptiveCard) => context.sendActivity({ attachments: [asAttachment(card)] });
  const manage = deps.campaigns.manage;
  switch (command.name) {
    case 'list': {
      await audit('campaigns', 'allowed');
      await send(campaignListCard({ campaigns: await listCampaigns(manage, CAMPAIGN_LIST_SIZE), canCreate: isManager }));
      return;
    }
    case 'new': {
      await audit('campaign new', 'allowed');
      await send(campaignFormCard({ ...timeZoneOf(context) }));
      return;
    }
    case 'status': {
      const report = await readCampaignReport(manage, command.ref);
      await audit(describeCampaignCommand(command, report?.campaign.number), 'allowed');
      if (!report) await context.sendActivity(unknown(command.ref));
      else await send(campaignStatusCard({ ...report, canChange: isManager, now: deps.now() }));
      return;
    }
    case 'copy': {
      const campaign = await manage.campaigns.find(command.ref);
      await audit(describeCampaignCommand(command, campaign?.number), 'allowed');
      if (!campaign) await context.sendActivity(unknown(command.ref));
      else await send(campaignFormCard({ values: formValuesOf(campaign), title: `New campaign, copied from campaign ${campaign.number}` }));
      return;
    }
    case 'export': {
      const campaign = await manage.campaigns.find(command.ref);
      await audit(describeCampaignCommand(command, campaign?.number), 'allowed');
      if (!campaign) {
        await context.sendActivity(unknown(command.ref));
        return;
      }
      const base = deps.campaigns.publicUrl();
      if (!base) {
        await context.sendActivity(EXPORTS_OFF);
        return;
      }
      const actorId = context.activity.from!.aadObjectId!;
      const exported = async () => {
        const result = await exportCampaign(
          { campaigns: manage.campaigns, vault: deps.campaigns.vault, now: deps.now },
          campaign.id,
          actorId,
        );
        if (result.kind !== 'ready') return { text: unknown(command.ref) };
        return {
          attachments: [
            asAttachment(
              exportReadyCard({
                url: exportLink(base, result.token),
                fileName: result.fileName,
                minutes: EXPORT_LINK_MINUTES,
                summary: `Every delivery of campaign ${campaign.number} (${result.rows} rows): who, which run, what happened, and whether they enrolled after it.`,
              }),
            ),
          ],
        };
      };
      if (whereOf(context.activity) === 'personal') await context.sendActivity(await exported());
      else await answerInPrivate(context, deps, actorId, exported, 'export', 'That file names people, so I only give it');
      return;
    }
    case 'pause':
    case 'resume':
    case 'cancel': {
      const result = await changeCampaign(manage, command.ref, command.name);
      await audit(
        describeCampaignCommand(command, result.kind === 'unknownCampaign' ? undefined : result.campaign.number),
        result.kind === 'changed' ? 'allowed' : 'refused',
      );
      if (result.kind === 'unknownCampaign') {
        await context.sendActivity(unknown(command.ref));
        return;
      }
      const report = await readCampaignReport(manage, result.campaign.id);
      await send(campaignStatusCard({ ...report!, canChange: true, now: deps.now(), headline: changeHeadline(command.name, result) }));
      return;
    }
  }
}

export function changeHeadline(change: 'pause' | 'resume' | 'cancel', result: Awaited<ReturnType<typeof changeCampaign>>): string {
  if (result.kind === 'notApplicable')
    return `Nothing changed: the campaign is ${result.campaign.status}, so it cannot be ${change === 'cancel' ? 'cancelled' : `${change}d`}.`;
  if (result.kind !== 'changed') return '';
  if (change === 'pause') return 'Paused: no more nudges go out until you resume it. A nudge already on its way finishes.';
  if (change === 'cancel') return 'Cancelled: every nudge still waiting was dropped.';
  return result.nextRun
    ? `Resumed: waiting nudges go out again; the next run is at ${result.nextRun.toISOString().slice(0, 16).replace('T', ' ')} UTC.`
    : 'Resumed: waiting nudges go out again. The schedule has no run left.';
}

/** The time zone Teams reports for the sender's client, as the form's default; the form lets them change it. */
export function timeZoneOf(context: TurnContext): { timeZone?: string } {
  const zone = context.activity.localTimezone;
  return typeof zone === 'string' && /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(zone) ? { timeZone: zone } : {};
}

import { campaignPresets, type CampaignPresetKey } from '../../../domain/campaigns/campaign-presets';
import type { Activity, TurnContext } from 'botbuilder';
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
import { campaignFormCard, formValuesOf, type CampaignFormView } from '../cards/campaign-form-card';
import { knownDepartments } from '../../../use-cases/preview-campaign';
import { campaignListCard } from '../cards/campaign-list-card';
import { campaignStatusCard } from '../cards/campaign-status-card';
import { asAttachment, type AdaptiveCard } from '../cards/card-template';
import { exportLink, exportReadyCard, EXPORTS_OFF } from '../cards/export-ready-card';
import { parseCommandText } from '../command-text';
import { whereOf } from '../conversation-reference-mapper';
import { answerInPrivate } from './answer-in-private';
import { auditTurn } from './audit-turn';
import { isCommandWord, usageCardFor } from './typed-command';
import { campaignAccess, cantCheckCampaignRights, MANAGERS_ONLY } from './campaign-access';

/** The list shows this many; older campaigns are still reachable by number. */
export const CAMPAIGN_LIST_SIZE = 10;

const isCampaignWord = (name: string) => (CAMPAIGN_COMMAND_WORDS as readonly string[]).includes(name);
const unknown = (ref: string) => `I don't know a campaign "${ref}". Say **campaigns** to see their numbers.`;

/**
 * `campaigns`, `campaign new|<n>|pause|resume|cancel|copy|export <n>`, matched on their first word, in personal chat
 * and (mentioned) in channels. Campaign managers may do everything; admins may look; everyone else gets the admin
 * refusal card. Each command is audited with its outcome.
 */
export function isCampaignCommand(activity: Partial<Activity>): boolean {
  return isCommandWord(activity, isCampaignWord);
}

export async function replyToCampaignCommand(context: TurnContext, deps: BotDependencies): Promise<void> {
  const { name, args } = parseCommandText(context.activity.text)!;
  const audit = auditTurn(context, deps);
  const access = await campaignAccess(context, deps);
  const cantCheck = cantCheckCampaignRights(access);
  if (cantCheck) {
    await context.sendActivity(cantCheck);
    return;
  }
  if (access === 'none') {
    await audit(name, 'refused');
    await context.sendActivity({ attachments: [asAttachment(adminRefusalCard({ contact: deps.admin.contact }))] });
    return;
  }
  const parsed = parseCampaignCommand(name, args);
  if (!parsed.ok) {
    await context.sendActivity({ attachments: [asAttachment(usageCardFor(context, deps, parsed.usage, parsed.problem))] });
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
}

/** What answering one campaign command needs: the turn, whether the sender may change campaigns, and the audit. */
interface CampaignTurn {
  context: TurnContext;
  deps: BotDependencies;
  isManager: boolean;
  audit: ReturnType<typeof auditTurn>;
}

async function answer(
  context: TurnContext,
  deps: BotDependencies,
  command: CampaignCommand,
  isManager: boolean,
  audit: ReturnType<typeof auditTurn>,
): Promise<void> {
  const turn: CampaignTurn = { context, deps, isManager, audit };
  switch (command.name) {
    case 'list':
      await audit('campaigns', 'allowed');
      await sendCard(
        turn,
        campaignListCard({ campaigns: await listCampaigns(deps.campaigns.manage, CAMPAIGN_LIST_SIZE), canCreate: isManager }),
      );
      return;
    case 'new':
      await audit('campaign new', 'allowed');
      await sendCard(turn, await newCampaignForm(context, deps));
      return;
    case 'status':
      return answerStatus(turn, command);
    case 'copy':
      return answerCopy(turn, { name: command.name, ref: command.ref });
    case 'export':
      return answerExport(turn, { name: command.name, ref: command.ref });
    case 'pause':
    case 'resume':
    case 'cancel':
      return answerChange(turn, { name: command.name, ref: command.ref });
  }
}

/** A command about one campaign: `ref` is its number or id, as typed. */
type CommandNamed<N extends CampaignCommand['name']> = { name: N; ref: string };

async function sendCard({ context }: CampaignTurn, card: AdaptiveCard): Promise<void> {
  await context.sendActivity({ attachments: [asAttachment(card)] });
}

async function answerStatus(turn: CampaignTurn, command: CommandNamed<'status'>): Promise<void> {
  const report = await readCampaignReport(turn.deps.campaigns.manage, command.ref);
  await turn.audit(describeCampaignCommand(command, report?.campaign.number), 'allowed');
  if (!report) await turn.context.sendActivity(unknown(command.ref));
  else await sendCard(turn, campaignStatusCard({ ...report, canChange: turn.isManager, now: turn.deps.now() }));
}

async function answerCopy(turn: CampaignTurn, command: CommandNamed<'copy'>): Promise<void> {
  const campaign = await turn.deps.campaigns.manage.campaigns.find(command.ref);
  await turn.audit(describeCampaignCommand(command, campaign?.number), 'allowed');
  if (!campaign) await turn.context.sendActivity(unknown(command.ref));
  else
    await sendCard(
      turn,
      await campaignForm(turn.deps, {
        values: formValuesOf(campaign),
        title: `New campaign, copied from campaign ${campaign.number}`,
        defaultTarget: turn.deps.nudgeTarget,
      }),
    );
}

async function answerExport(turn: CampaignTurn, command: CommandNamed<'export'>): Promise<void> {
  const { context, deps } = turn;
  const campaign = await deps.campaigns.manage.campaigns.find(command.ref);
  await turn.audit(describeCampaignCommand(command, campaign?.number), 'allowed');
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
  const exported = () => exportedFile(deps, campaign, actorId, base, command.ref);
  if (whereOf(context.activity) === 'personal') await context.sendActivity(await exported());
  else await answerInPrivate(context, deps, actorId, exported, 'export', 'That file names people, so I only give it');
}

/** The export's download link, made only when it can be delivered. */
async function exportedFile(
  deps: BotDependencies,
  campaign: { id: string; number: number },
  actorId: string,
  base: string,
  ref: string,
): Promise<Partial<Activity>> {
  const manage = deps.campaigns.manage;
  const result = await exportCampaign({ campaigns: manage.campaigns, vault: deps.campaigns.vault, now: deps.now }, campaign.id, actorId);
  if (result.kind !== 'ready') return { text: unknown(ref) };
  const card = exportReadyCard({
    title: `Campaign ${campaign.number}'s deliveries are ready`,
    url: exportLink(base, result.token),
    fileName: result.fileName,
    minutes: EXPORT_LINK_MINUTES,
    summary: `Every delivery of campaign ${campaign.number} (${result.rows} rows): who, which run, what happened, and whether they ${result.toOwnersOfPasswordSenders ? 'moved off the password' : 'enrolled'} after it.`,
  });
  return { attachments: [asAttachment(card)] };
}

async function answerChange(turn: CampaignTurn, command: CommandNamed<'pause' | 'resume' | 'cancel'>): Promise<void> {
  const manage = turn.deps.campaigns.manage;
  const result = await changeCampaign(manage, command.ref, command.name);
  await turn.audit(
    describeCampaignCommand(command, result.kind === 'unknownCampaign' ? undefined : result.campaign.number),
    result.kind === 'changed' ? 'allowed' : 'refused',
  );
  if (result.kind === 'unknownCampaign') {
    await turn.context.sendActivity(unknown(command.ref));
    return;
  }
  const report = await readCampaignReport(manage, result.campaign.id);
  await sendCard(
    turn,
    campaignStatusCard({ ...report!, canChange: true, now: turn.deps.now(), headline: changeHeadline(command.name, result) }),
  );
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

/**
 * A blank campaign form with the presets that make sense now, or one filled from the preset asked for. A preset no
 * longer offered (a card kept past its date) gives the blank form: the manager sees nothing was filled in. What to
 * ask for starts at the bot's setting (a preset leaves it there).
 */
export async function newCampaignForm(
  context: TurnContext,
  deps: Pick<BotDependencies, 'now' | 'nudgeTarget' | 'sendingHours' | 'campaigns'>,
  presetKey?: CampaignPresetKey,
): Promise<AdaptiveCard> {
  const presets = campaignPresets(deps.now());
  const preset = presetKey ? presets.find((p) => p.key === presetKey) : undefined;
  return campaignForm(deps, {
    ...timeZoneOf(context),
    presets,
    defaultTarget: deps.nudgeTarget,
    defaultWindow: deps.sendingHours,
    ...(preset ? { values: preset.values, title: `New campaign: ${preset.title}` } : {}),
  });
}

/**
 * The campaign form with the departments the latest scan knows as its choices. Without them (no scan yet, the store
 * did not answer) the field is typed, and what is typed is checked against the scan when the form is sent.
 */
export async function campaignForm(deps: Pick<BotDependencies, 'campaigns'>, view: CampaignFormView): Promise<AdaptiveCard> {
  const audience = deps.campaigns.manage.audience;
  const departments = audience ? await knownDepartments(audience).catch(() => []) : [];
  return campaignFormCard({ ...view, departments });
}

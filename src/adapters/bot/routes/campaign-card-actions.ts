import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { CampaignForm } from '../../../domain/campaigns/campaign-plan';
import { FORM_FIELDS } from '../../../domain/campaigns/campaign-plan';
import { changeCampaign, createCampaign, previewCampaign, readCampaignReport } from '../../../use-cases/manage-campaigns';
import type { CampaignPreview } from '../../../use-cases/preview-campaign';
import type { CampaignTestResult } from '../../../use-cases/send-campaign-test';
import { countText } from '../cards/figure-text';
import { directoryText, TEXT_LIMITS } from '../cards/directory-text';
import type { BotDependencies } from '../bot-dependencies';
import { adminRefusalCard } from '../cards/admin-refusal-card';
import { campaignStatusCard } from '../cards/campaign-status-card';
import { escapeMarkdown, type AdaptiveCard } from '../cards/card-template';
import { textCard } from '../cards/text-card';
import { utcDateTimeText } from '../cards/freshness-line';
import { VERBS } from '../cards/verbs';
import { outcomeWords } from '../cards/campaign-plan-text';
import { onCardAction, type CardActionData, type Verb } from './card-actions';
import { auditTurn } from './audit-turn';
import { campaignAccess, cantCheckCampaignRights, MANAGERS_ONLY } from './campaign-access';
import { campaignForm, changeHeadline, newCampaignForm, timeZoneOf } from './campaign-routes';
import { campaignFormForList } from '../../../domain/campaigns/list-campaign';
import { sendingHoursText } from '../../../domain/nudges/quiet-hours';

const OUT_OF_DATE = 'That campaign no longer exists. Say **campaigns** to see the current ones.';

/**
 * The campaign form's submit and the status card's buttons (Action.Execute: the card is replaced in place).
 * Each press is authorised again from the sender of the invoke; card data only says which campaign, and is
 * checked like typed input (the store finds nothing for a malformed id).
 */
export function registerCampaignCardActions(app: Application<TurnState>, deps: BotDependencies): void {
  const route = <V extends Verb>(
    verb: V,
    needs: 'manager' | 'viewer',
    handler: (context: TurnContext, data: CardActionData<V>, isManager: boolean) => Promise<AdaptiveCard>,
  ) =>
    onCardAction(app, deps, verb, async (context, data) =>
      whenAllowed(context, deps, needs, (isManager) => handler(context, data, isManager)),
    );

  route(VERBS.campaignNew, 'manager', async (context, data) =>
    data.audience ? formForList(context, deps, data.audience) : newCampaignForm(context, deps, data.preset),
  );

  route(VERBS.campaignCreate, 'manager', async (context, data) => created(context, deps, data));

  route(VERBS.campaignPreview, 'manager', async (_context, data) => previewed(deps, data));

  route(VERBS.campaignTest, 'manager', async (context, data) => tested(context, deps, data));

  route(VERBS.campaignStatus, 'viewer', async (_context, data, isManager) =>
    statusCard(deps, data.campaignId, isManager, { runsPage: data.runsPage ?? 0 }),
  );

  route(VERBS.campaignChange, 'manager', async (context, data) => {
    const { change } = data;
    const result = await changeCampaign(deps.campaigns.manage, data.campaignId, change);
    if (result.kind === 'unknownCampaign') return textCard(OUT_OF_DATE);
    await auditTurn(context, deps)(`campaign ${change} ${result.campaign.number}`, result.kind === 'changed' ? 'allowed' : 'refused');
    return statusCard(deps, result.campaign.id, true, { headline: changeHeadline(change, result) });
  });
}

/** The sender's campaign rights, checked again for this press: the answer, or why not. */
async function whenAllowed(
  context: TurnContext,
  deps: BotDependencies,
  needs: 'manager' | 'viewer',
  answer: (isManager: boolean) => Promise<AdaptiveCard>,
): Promise<AdaptiveCard> {
  const access = await campaignAccess(context, deps);
  const cantCheck = cantCheckCampaignRights(access);
  if (cantCheck) return textCard(cantCheck);
  if (access === 'none') {
    await auditTurn(context, deps)('campaign card action', 'refused');
    deps.logger.info({ actorId: context.activity.from?.aadObjectId }, 'refused a campaign card action');
    return adminRefusalCard({ contact: deps.admin.contact });
  }
  if (needs === 'manager' && access !== 'manager') {
    await auditTurn(context, deps)('campaign card action', 'refused');
    return textCard(MANAGERS_ONLY);
  }
  return answer(access === 'manager');
}

/** The form's fields out of the card's data; anything else the data carries is ignored. */
function formOf(data: Record<string, unknown>): CampaignForm {
  const form: CampaignForm = {};
  for (const field of FORM_FIELDS) if (field in data) form[field] = data[field];
  return form;
}

/** The form's submit: the campaign created and its status card, or the form again with what to fix. */
async function created(
  context: TurnContext,
  deps: BotDependencies,
  data: CardActionData<typeof VERBS.campaignCreate>,
): Promise<AdaptiveCard> {
  const form = formOf(data);
  const owner = { id: context.activity.from!.aadObjectId!, name: context.activity.from?.name ?? 'campaign manager' };
  const result = await createCampaign(deps.campaigns.manage, form, owner);
  if (result.kind === 'invalid')
    return campaignForm(deps, { values: form, problems: result.problems, defaultTarget: deps.nudgeTarget, ...previewOf(result) });
  await auditTurn(context, deps)(`campaign new ${result.campaign.number}`, 'allowed');
  const reach = result.preview
    ? ` It reaches ${countText(result.preview.people)} ${result.preview.people === 1 ? 'person' : 'people'} now.`
    : '';
  const headline = result.firstRun
    ? `Created. ${result.firstRun.getTime() <= deps.now().getTime() ? 'It starts now' : `First run: ${utcDateTimeText(result.firstRun)}`}; ${outcomeWords(result.campaign).delivery}.${reach}`
    : 'Created, but its schedule has no run left.';
  return statusCard(deps, result.campaign.id, true, { headline });
}

/** The Preview button: the form as it was filled in, with whom it would reach now, or what to fix; nothing is created. */
async function previewed(deps: BotDependencies, data: CardActionData<typeof VERBS.campaignPreview>): Promise<AdaptiveCard> {
  const form = formOf(data);
  const result = await previewCampaign(deps.campaigns.manage, form);
  return campaignForm(deps, { values: form, problems: result.problems, defaultTarget: deps.nudgeTarget, ...previewOf(result) });
}

/**
 * "Campaign for these people" on an admin's list: the form filled for the people that list holds, with whom it reaches
 * now already counted, so the manager sees the list's size before choosing when and how often.
 */
async function formForList(
  context: TurnContext,
  deps: BotDependencies,
  audience: NonNullable<CardActionData<typeof VERBS.campaignNew>['audience']>,
): Promise<AdaptiveCard> {
  // Counted as the form will be created: with the zone and window the form shows for the fields left as they are.
  const values = {
    ...campaignFormForList(audience.list, audience.department),
    timeZone: timeZoneOf(context).timeZone ?? 'UTC',
    window: sendingHoursText(deps.sendingHours),
  };
  const result = await previewCampaign(deps.campaigns.manage, values);
  return campaignForm(deps, {
    ...timeZoneOf(context),
    values,
    title: `New campaign: ${directoryText(values.name, TEXT_LIMITS.free)}`,
    defaultTarget: deps.nudgeTarget,
    defaultWindow: deps.sendingHours,
    problems: result.problems,
    ...previewOf(result),
  });
}

/** What the test send did, said on the form the manager is still filling in. */
const TEST_NOTES: Partial<Record<CampaignTestResult['kind'], string>> = {
  sent: 'Sent: the test card is in our private chat, as each person it reaches will get it. Nothing was created.',
  ownersCard:
    'The owners get the card that **smtp nudge** sends, about their own accounts: try it on one account to see it. Nothing was sent.',
  blocked: 'MFA Coach is blocked or removed in your own Teams, so I cannot write to you: add it again to get the test.',
  throttled: 'Teams asked me to slow down: try the test again in a minute. Nothing was created.',
};

/** "Send me a test": the campaign's card to its author only, then the form again as it was filled in. */
async function tested(context: TurnContext, deps: BotDependencies, data: CardActionData<typeof VERBS.campaignTest>): Promise<AdaptiveCard> {
  const form = formOf(data);
  const author = { id: context.activity.from!.aadObjectId!, name: context.activity.from?.name ?? 'there' };
  const result = await deps.campaigns.sendTest(form, author);
  if (result.kind === 'invalid') return campaignForm(deps, { values: form, problems: result.problems, defaultTarget: deps.nudgeTarget });
  await auditTurn(context, deps)('campaign test', result.kind === 'sent' ? 'allowed' : 'failed');
  // Teams' own words about a failure are not ours: escaped before they go into the form's markdown.
  const why = 'reason' in result ? escapeMarkdown(result.reason) : result.kind;
  const note = TEST_NOTES[result.kind] ?? `The test could not be sent to you (${why}). Nothing was created.`;
  return campaignForm(deps, { values: form, defaultTarget: deps.nudgeTarget, note });
}

function previewOf(result: { preview?: CampaignPreview; note?: string }): { preview?: CampaignPreview; note?: string } {
  return { ...(result.preview ? { preview: result.preview } : {}), ...(result.note ? { note: result.note } : {}) };
}

/** The campaign's status card, with a line saying what just changed (`headline`) and the page of runs asked for. */
async function statusCard(
  deps: BotDependencies,
  ref: string,
  isManager: boolean,
  shown: { headline?: string; runsPage?: number },
): Promise<AdaptiveCard> {
  const report = await readCampaignReport(deps.campaigns.manage, ref);
  const { headline, runsPage = 0 } = shown;
  return report
    ? campaignStatusCard({ ...report, canChange: isManager, now: deps.now(), runsPage, ...(headline ? { headline } : {}) })
    : textCard(OUT_OF_DATE);
}

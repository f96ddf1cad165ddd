import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { CampaignForm } from '../../../domain/campaigns/campaign-plan';
import { FORM_FIELDS } from '../../../domain/campaigns/campaign-plan';
import { changeCampaign, createCampaign, previewCampaign, readCampaignReport } from '../../../use-cases/manage-campaigns';
import type { CampaignPreview } from '../../../use-cases/preview-campaign';
import { countText } from '../cards/figure-text';
import type { BotDependencies } from '../bot-dependencies';
import { adminRefusalCard } from '../cards/admin-refusal-card';
import { campaignFormCard } from '../cards/campaign-form-card';
import { campaignStatusCard } from '../cards/campaign-status-card';
import type { AdaptiveCard } from '../cards/card-template';
import { textCard } from '../cards/text-card';
import { utcDateTimeText } from '../cards/freshness-line';
import { VERBS } from '../cards/verbs';
import { outcomeWords } from '../cards/campaign-plan-text';
import { onCardAction, type CardActionData, type Verb } from './card-actions';
import { auditTurn } from './audit-turn';
import { campaignAccess, cantCheckCampaignRights, MANAGERS_ONLY } from './campaign-access';
import { changeHeadline, newCampaignForm } from './campaign-routes';

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

  route(VERBS.campaignNew, 'manager', async (context, data) => newCampaignForm(context, deps, data.preset));

  route(VERBS.campaignCreate, 'manager', async (context, data) => created(context, deps, data));

  route(VERBS.campaignPreview, 'manager', async (_context, data) => previewed(deps, data));

  route(VERBS.campaignStatus, 'viewer', async (_context, data, isManager) => statusCard(deps, data.campaignId, isManager));

  route(VERBS.campaignChange, 'manager', async (context, data) => {
    const { change } = data;
    const result = await changeCampaign(deps.campaigns.manage, data.campaignId, change);
    if (result.kind === 'unknownCampaign') return textCard(OUT_OF_DATE);
    await auditTurn(context, deps)(`campaign ${change} ${result.campaign.number}`, result.kind === 'changed' ? 'allowed' : 'refused');
    return statusCard(deps, result.campaign.id, true, changeHeadline(change, result));
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
    return campaignFormCard({ values: form, problems: result.problems, defaultTarget: deps.nudgeTarget, ...previewOf(result) });
  await auditTurn(context, deps)(`campaign new ${result.campaign.number}`, 'allowed');
  const reach = result.preview
    ? ` It reaches ${countText(result.preview.people)} ${result.preview.people === 1 ? 'person' : 'people'} now.`
    : '';
  const headline = result.firstRun
    ? `Created. ${result.firstRun.getTime() <= deps.now().getTime() ? 'It starts now' : `First run: ${utcDateTimeText(result.firstRun)}`}; ${outcomeWords(result.campaign).delivery}.${reach}`
    : 'Created, but its schedule has no run left.';
  return statusCard(deps, result.campaign.id, true, headline);
}

/** The Preview button: the form as it was filled in, with whom it would reach now, or what to fix; nothing is created. */
async function previewed(deps: BotDependencies, data: CardActionData<typeof VERBS.campaignPreview>): Promise<AdaptiveCard> {
  const form = formOf(data);
  const result = await previewCampaign(deps.campaigns.manage, form);
  return campaignFormCard({ values: form, problems: result.problems, defaultTarget: deps.nudgeTarget, ...previewOf(result) });
}

function previewOf(result: { preview?: CampaignPreview; note?: string }): { preview?: CampaignPreview; note?: string } {
  return { ...(result.preview ? { preview: result.preview } : {}), ...(result.note ? { note: result.note } : {}) };
}

async function statusCard(deps: BotDependencies, ref: string, isManager: boolean, headline?: string): Promise<AdaptiveCard> {
  const report = await readCampaignReport(deps.campaigns.manage, ref);
  return report
    ? campaignStatusCard({ ...report, canChange: isManager, now: deps.now(), ...(headline ? { headline } : {}) })
    : textCard(OUT_OF_DATE);
}

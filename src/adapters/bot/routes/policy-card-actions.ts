import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { readOnlyLines } from '../../../domain/policy/campaign-change-access';
import { NOTHING_TO_CHANGE, type CampaignChangeRequest } from '../../../domain/policy/campaign-change';
import { CAMPAIGN_CHANGE_ACTION, writeFailureLine } from '../../../domain/policy/campaign-change-summary';
import { unavailable, type TenantPolicyReport } from '../../../domain/policy/policy-report';
import type { RegistrationCampaign } from '../../../domain/policy/registration-campaign';
import {
  applyCampaignChange,
  reviewCampaignChange,
  type CampaignChangeActor,
  type CampaignChangeOutcome,
} from '../../../use-cases/change-registration-campaign';
import type { BotDependencies } from '../bot-dependencies';
import { adminRefusalCard } from '../cards/admin-refusal-card';
import { campaignProblemCard, campaignReviewCard } from '../cards/campaign-change-card';
import type { AdaptiveCard } from '../cards/card-template';
import { policyCard } from '../cards/policy-card';
import { textCard } from '../cards/text-card';
import { VERBS } from '../cards/verbs';
import { whereOf } from '../conversation-reference-mapper';
import { NOT_PERMITTED_TO_CHECK_ROLES } from './admin-routes';
import { auditTurn } from './audit-turn';
import { onCardAction, type CardActionData, type Verb } from './card-actions';
import { currentPolicyCard } from './policy-routes';

const CANT_CHECK_ROLE = "I can't check your admin rights right now. Please try again in a few minutes.";
const PERSONAL_ONLY = 'The policy card names people left out of MFA, so I only answer it in our private chat. Say "policy" there.';
const FORM_UNCHANGED = 'Nothing to change: the form still shows the campaign as it is. Change a setting, then press "Review change".';

/**
 * The `policy` card's campaign form: "Review change" (the confirmation card), "Apply" and "Cancel". Each press is
 * decided from the invoke's sender, as the `policy` command is (admins, personal chat), then by the use case
 * (policy admins, the write permission, the campaign as it is now): a card's data says what to change, never who may.
 */
export function registerPolicyCardActions(app: Application<TurnState>, deps: BotDependencies): void {
  const route = <V extends Verb>(
    verb: V,
    action: string,
    handler: (context: TurnContext, data: CardActionData<V>) => Promise<AdaptiveCard>,
  ) => onCardAction(app, deps, verb, async (context, data) => (await refusal(context, deps, action)) ?? handler(context, data));

  route(VERBS.policyCampaignReview, `${CAMPAIGN_CHANGE_ACTION} review`, async (context, data) => {
    const plan = await reviewCampaignChange(deps.admin.policyChanges, actorOf(context, deps), askedFor(data));
    return plan.kind === 'planned' ? campaignReviewCard(plan) : notMade(plan);
  });

  route(VERBS.policyCampaignApply, CAMPAIGN_CHANGE_ACTION, async (context, data) => {
    const outcome = await applyCampaignChange(deps.admin.policyChanges, actorOf(context, deps), data);
    return outcome.kind === 'changed' ? changedCard(deps, outcome.after, outcome.lines) : notMade(outcome);
  });

  route(VERBS.policyCampaignCancel, 'policy', (context) => currentPolicyCard(context, deps));
}

/** Admins only and in personal chat only, as the `policy` command and its card: the refusal, or undefined. */
async function refusal(context: TurnContext, deps: BotDependencies, action: string): Promise<AdaptiveCard | undefined> {
  const actorId = context.activity.from?.aadObjectId;
  const decision = await deps.admin.authorizer.decide(actorId);
  if (decision === 'unavailable') return textCard(CANT_CHECK_ROLE);
  if (decision === 'notPermitted') return textCard(NOT_PERMITTED_TO_CHECK_ROLES);
  if (decision === 'notAdmin') {
    await auditTurn(context, deps)(action, 'refused');
    deps.logger.info({ actorId, action }, 'refused a policy card action from a non-admin');
    return adminRefusalCard({ contact: deps.admin.contact });
  }
  return whereOf(context.activity) === 'personal' ? undefined : textCard(PERSONAL_ONLY);
}

function actorOf(context: TurnContext, deps: BotDependencies): CampaignChangeActor {
  return { id: context.activity.from?.aadObjectId, audit: auditTurn(context, deps) };
}

/**
 * The form sends every field, changed or not: only those that differ from what it showed are asked for, so a
 * setting the admin did not touch is never written (an empty field, a setting Graph did not report, is not asked).
 */
function askedFor(data: CardActionData<typeof VERBS.policyCampaignReview>): CampaignChangeRequest {
  const request: CampaignChangeRequest = {};
  for (const field of ['state', 'target', 'snoozeDays'] as const) {
    const value = data[field];
    const shown = data.shown?.[field];
    if (value === undefined || String(value).trim() === '') continue;
    if (shown !== undefined && String(shown).trim() === String(value).trim()) continue;
    request[field] = value;
  }
  return request;
}

/** The `policy` card again, with the campaign as the change left it (Graph's answer to the write, not a later read). */
async function changedCard(deps: BotDependencies, after: RegistrationCampaign, lines: readonly string[]): Promise<AdaptiveCard> {
  const report = await deps.admin.policies.read();
  const campaign: TenantPolicyReport['campaign'] = {
    read: true,
    campaign: after,
    names: report.campaign.read ? report.campaign.names : () => undefined,
  };
  return policyCard({ ...report, campaign }, deps.now(), {
    change: { kind: 'form', campaign: after },
    headline: `Changed in Microsoft Entra: ${lines.join('; ')}. Recorded in the audit log.`,
  });
}

function notMade(outcome: Exclude<CampaignChangeOutcome, { kind: 'changed' }>): AdaptiveCard {
  switch (outcome.kind) {
    case 'readOnly':
      return campaignProblemCard('You cannot change the campaign from Teams', readOnlyLines(outcome.blockers));
    case 'invalid':
      return campaignProblemCard(
        'The campaign was not changed',
        outcome.refusals.map((r) => (r === NOTHING_TO_CHANGE ? FORM_UNCHANGED : r)),
      );
    case 'notRead':
      return campaignProblemCard("I couldn't read the registration campaign", [unavailable(outcome.failure, 'the registration campaign')]);
    case 'failed':
      return campaignProblemCard(
        outcome.failure.reason === 'uncertain' ? 'The change may not have been made' : 'The campaign was not changed',
        [writeFailureLine(outcome.failure), ...outcome.lines.map((line) => `Asked: ${line}`)],
      );
  }
}

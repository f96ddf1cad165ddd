import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { z } from 'zod';
import { CAMPAIGN_CHANGES, type CampaignChange } from '../../../domain/campaigns/campaign-command';
import { CAMPAIGN_PRESET_KEYS } from '../../../domain/campaigns/campaign-presets';
import type { AdaptiveCard } from '../cards/card-template';
import { textCard } from '../cards/text-card';
import { VERBS } from '../cards/verbs';
import type { BotDependencies } from '../bot-dependencies';

export type Verb = (typeof VERBS)[keyof typeof VERBS];

const id = z.string().min(1).max(100);
// As long as a card may carry (DEPARTMENT_IN_BUTTON_MAX): Entra's names are far shorter.
const department = z.string().min(1).max(200);
/** A registration campaign setting as a card sends it (a choice's value, a number as text or not): checked by the domain. */
const campaignValue = z.union([z.string().max(40), z.number()]).optional();
const listKind = z.enum(['unenrolled', 'weak', 'phone-only']);
/** A page of an admin's user list: which list, whose department, from where. */
const listPage = z.object({ list: listKind, department: department.optional(), offset: z.number().int().min(0) });
const campaignRequest = { state: campaignValue, target: campaignValue, snoozeDays: campaignValue };

/**
 * What each card button may send (Action.Execute data), one schema per verb: a card's data is untrusted input,
 * so it is checked here, in one place, before any handler sees it. Data says what to show, never who asks: the
 * actor is always the invoke's sender. Unknown fields are dropped.
 */
export const CARD_ACTION_DATA = {
  [VERBS.showHelp]: z.object({}),
  [VERBS.showAnswer]: z.object({ articleId: id, from: id.optional() }),
  [VERBS.postureSummary]: z.object({ department: department.optional() }),
  [VERBS.postureDepartments]: z.object({}),
  [VERBS.postureTrend]: z.object({ days: z.number().int().min(1).max(365).optional() }),
  [VERBS.postureUsersPage]: listPage,
  [VERBS.postureUserCheck]: z.object({ userId: id, from: listPage.optional() }),
  [VERBS.postureUserNudge]: z.object({ userId: id, from: listPage.optional() }),
  [VERBS.ownStatusCheck]: z.object({}),
  [VERBS.nudgeRefresh]: z.object({ nudgeId: id }),
  [VERBS.nudgeDone]: z.object({ nudgeId: id }),
  // The snooze length comes from a choice on the card and is checked by the snooze policy, as typed input.
  [VERBS.nudgeSnooze]: z.object({ nudgeId: id, days: z.union([z.number(), z.string().max(100)]) }),
  [VERBS.nudgeHelp]: z.object({ nudgeId: id }),
  // The form's fields are typed input, each checked by the campaign plan with a message for the person.
  [VERBS.campaignCreate]: z.record(z.string(), z.unknown()),
  [VERBS.campaignPreview]: z.record(z.string(), z.unknown()),
  [VERBS.campaignTest]: z.record(z.string(), z.unknown()),
  [VERBS.campaignNew]: z.object({
    preset: z.enum(CAMPAIGN_PRESET_KEYS).optional(),
    audience: z.object({ list: listKind, department: department.optional() }).optional(),
  }),
  // The page of runs the card shows (a card's data comes back as text; anything else reads as the first page).
  [VERBS.campaignStatus]: z.object({ campaignId: id, runsPage: z.coerce.number().int().min(0).max(100_000).catch(0).optional() }),
  [VERBS.campaignChange]: z.object({ campaignId: id, change: z.enum(CAMPAIGN_CHANGES as [CampaignChange, ...CampaignChange[]]) }),
  [VERBS.policyCampaignReview]: z.object({ ...campaignRequest, shown: z.object(campaignRequest).optional() }),
  [VERBS.policyCampaignApply]: z.object(campaignRequest),
  [VERBS.policyCampaignCancel]: z.object({}),
} satisfies Record<Verb, z.ZodTypeAny>;

export type CardActionData<V extends Verb> = z.infer<(typeof CARD_ACTION_DATA)[V]>;

/** The one answer to a button whose data does not fit its verb: an old card, or a forged press. */
export const STALE_BUTTON = 'That button is out of date. Ask me again to get a fresh card.';

const routed = new WeakMap<object, Set<Verb>>();

/**
 * Routes one verb to its handler, with the data checked against the verb's schema first. Each verb may be routed
 * once: a second route for it would never run (teams-ai takes the first), so it is refused at start.
 */
export function onCardAction<V extends Verb>(
  app: Application<TurnState>,
  deps: Pick<BotDependencies, 'logger'>,
  verb: V,
  handler: (context: TurnContext, data: CardActionData<V>) => Promise<AdaptiveCard>,
): void {
  const verbs = routed.get(app) ?? routed.set(app, new Set()).get(app)!;
  if (verbs.has(verb)) throw new Error(`the card action "${verb}" has two routes`);
  verbs.add(verb);
  app.adaptiveCards.actionExecute(verb, async (context, _state, raw: unknown) => {
    const parsed = CARD_ACTION_DATA[verb].safeParse(raw ?? {});
    if (!parsed.success) {
      deps.logger.info(
        { verb, actorId: context.activity.from?.aadObjectId, fields: parsed.error.issues.map((issue) => issue.path.join('.')) },
        'refused a card action whose data does not fit its verb',
      );
      return textCard(STALE_BUTTON);
    }
    return handler(context, parsed.data as CardActionData<V>);
  });
}

/** Every verb a card can send has its route: checked once all routes are registered, so a start without one fails. */
export function assertEveryVerbRouted(app: Application<TurnState>): void {
  const verbs = routed.get(app) ?? new Set();
  const missing = Object.values(VERBS).filter((verb) => !verbs.has(verb));
  if (missing.length > 0) throw new Error(`card actions without a route: ${missing.join(', ')}`);
}

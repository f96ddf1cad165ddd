import type { Activity, TurnContext } from 'botbuilder';
import { Application, TurnState, type TeamsAdapter } from '@microsoft/teams-ai';
import type { TeamsBotAdapter, TurnResponse } from './teams-adapter-factory';
import type { BotDependencies } from './bot-dependencies';
import { CARD_ACTION_ROUTES, ROUTE_TABLE } from './route-table';
import { assertEveryVerbRouted } from './routes/card-actions';
import { activityTenant, isFromTenant } from './tenant-gate';
import { createTurnErrorHandler } from './turn-error-handler';
import { newCorrelationId, withCorrelation } from '../log-correlation';

export interface TeamsBot {
  adapter: TeamsBotAdapter;
  /** Checks the activity's token, then runs its turn; the caller has read and shape-checked the body. */
  process(authorization: string, activity: Activity): Promise<TurnResponse>;
  /** Runs one turn; activities from another tenant stop here, before any route runs. */
  handleTurn(context: TurnContext): Promise<void>;
}

export function createTeamsBot(adapter: TeamsBotAdapter, deps: BotDependencies, botAppId?: string): TeamsBot {
  const bot: TeamsBot = {
    adapter,
    process: (authorization, activity) => adapter.processCheckedActivity(authorization, activity, (context) => bot.handleTurn(context)),
    handleTurn: createTurnHandler(adapter, deps, botAppId),
  };
  return bot;
}

/**
 * One turn: the tenant gate, then the first route that takes the activity. The adapter is Teams' in production;
 * any botbuilder adapter that sends replies will do (the tests use botbuilder's test adapter).
 */
export function createTurnHandler(
  adapter: TeamsAdapter,
  deps: BotDependencies,
  botAppId?: string,
): (context: TurnContext) => Promise<void> {
  const app = createBotApplication(adapter, deps, botAppId);
  return async (context) => {
    const began = performance.now();
    if (!isFromTenant(context.activity, deps.tenantId)) {
      deps.logger.warn(
        { activityType: context.activity.type, activityId: context.activity.id, tenantId: activityTenant(context.activity) ?? 'missing' },
        'refused an activity from another tenant',
      );
      deps.observeTurn?.('other tenant', (performance.now() - began) / 1000);
      return;
    }
    try {
      const correlation = { correlationId: newCorrelationId('turn'), activityId: context.activity.id ?? '' };
      await withCorrelation(correlation, () => app.run(context));
    } finally {
      deps.observeTurn?.(routeTaken(context), (performance.now() - began) / 1000);
    }
  };
}

/** Where a route that took the turn leaves its name, for the turn's figures. */
const ROUTE_TAKEN = 'mfaCoachRouteTaken';

/** The table's route that took the turn; a card's button or an invoke otherwise (their routes are one per verb). */
function routeTaken(context: TurnContext): string {
  const named = context.turnState.get(ROUTE_TAKEN) as string | undefined;
  if (named) return named;
  const { type, value } = context.activity;
  return type === 'invoke' || value !== undefined ? 'card action' : 'none';
}

function createBotApplication(adapter: TeamsAdapter, deps: BotDependencies, botAppId?: string): Application<TurnState> {
  const app = new Application<TurnState>({
    adapter,
    // No storage: no route keeps anything in botbuilder's turn state (what a turn needs between turns lives in
    // the product's own tables), so teams-ai neither reads nor writes it, and a turn asks the database nothing
    // it does not use. A route that comes to need turn state brings storage back.
    botAppId,
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
    turnStateFactory: () => new TurnState(),
  });
  app.error(createTurnErrorHandler(deps.logger));
  // In the table's order: teams-ai runs the first route that takes the activity.
  for (const route of ROUTE_TABLE) {
    app.addRoute(
      async (context) => route.takes(context.activity),
      (context) => {
        context.turnState.set(ROUTE_TAKEN, route.name);
        return route.reply(context, deps);
      },
    );
  }
  for (const register of CARD_ACTION_ROUTES) register(app, deps);
  // A button whose verb nobody answers would fail only when pressed: refuse to start instead.
  assertEveryVerbRouted(app);
  return app;
}

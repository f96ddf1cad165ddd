import type { Activity, Storage, TurnContext } from 'botbuilder';
import { Application, TurnState } from '@microsoft/teams-ai';
import type { TeamsBotAdapter, TurnResponse } from './teams-adapter-factory';
import type { BotDependencies } from './bot-dependencies';
import { registerInstallationRoutes } from './routes/installation-routes';
import { registerAdminCardActions } from './routes/admin-card-actions';
import { registerAdminRoutes } from './routes/admin-routes';
import { registerCampaignCardActions } from './routes/campaign-card-actions';
import { registerCampaignRoutes } from './routes/campaign-routes';
import { registerMessageRoutes } from './routes/message-routes';
import { registerOwnStatusRoutes } from './routes/own-status-routes';
import { registerQuestionRoutes } from './routes/question-routes';
import { registerNudgeCardActions } from './routes/nudge-card-actions';
import { assertEveryVerbRouted } from './routes/card-actions';
import { activityTenant, isFromTenant } from './tenant-gate';
import { createTurnErrorHandler } from './turn-error-handler';

export interface TeamsBot {
  adapter: TeamsBotAdapter;
  /** Checks the activity's token, then runs its turn; the caller has read and shape-checked the body. */
  process(authorization: string, activity: Activity): Promise<TurnResponse>;
  /** Runs one turn; activities from another tenant stop here, before state is loaded or any route runs. */
  handleTurn(context: TurnContext): Promise<void>;
}

export function createTeamsBot(adapter: TeamsBotAdapter, storage: Storage, deps: BotDependencies, botAppId?: string): TeamsBot {
  const app = new Application<TurnState>({
    adapter,
    storage,
    botAppId,
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
    turnStateFactory: () => new TurnState(),
  });
  app.error(createTurnErrorHandler(deps.logger));
  registerInstallationRoutes(app, deps);
  registerAdminRoutes(app, deps);
  registerAdminCardActions(app, deps);
  registerCampaignRoutes(app, deps);
  registerCampaignCardActions(app, deps);
  registerOwnStatusRoutes(app, deps);
  registerNudgeCardActions(app, deps);
  registerQuestionRoutes(app, deps);
  registerMessageRoutes(app, deps);
  // A button whose verb nobody answers would fail only when pressed: refuse to start instead.
  assertEveryVerbRouted(app);

  const bot: TeamsBot = {
    adapter,
    process: (authorization, activity) => adapter.processCheckedActivity(authorization, activity, (context) => bot.handleTurn(context)),
    async handleTurn(context) {
      if (!isFromTenant(context.activity, deps.tenantId)) {
        deps.logger.warn(
          { activityType: context.activity.type, activityId: context.activity.id, tenantId: activityTenant(context.activity) ?? 'missing' },
          'refused an activity from another tenant',
        );
        return;
      }
      await app.run(context);
    },
  };
  return bot;
}

import { TestAdapter, type Activity, type TurnContext } from 'botbuilder';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import { activityFactory, type TeamsActivity } from '../../../../emulators/connector/activity-factory';
import { createTurnHandler } from '../../../../src/adapters/bot/teams-bot';
import type { AdaptiveCard } from '../../../../src/adapters/bot/cards/card-template';
import { fakeBotDependencies } from './fake-bot-dependencies';

export const TENANT = '6f1d2c3b-4a59-4e68-8f7a-9b0c1d2e3f40';

/** Activities shaped like the ones Teams posts (ids, tenant, the bot's @mention in channels). */
export const teams = activityFactory({
  serviceUrl: 'https://smba.example/teams/',
  botId: 'b07c0ac4-0000-4000-8000-000000000001',
  tenantId: TENANT,
});

/** A Teams activity as botbuilder reads the JSON Teams posts (its times stay text here; no route reads them). */
export function asActivity(activity: TeamsActivity | Partial<Activity>): Partial<Activity> {
  return structuredClone(activity) as Partial<Activity>;
}

/**
 * The bot as teams-ai runs it, behind botbuilder's TestAdapter, with its use cases' stores in memory: a Teams activity
 * goes in, and the test reads everything the bot sent back (messages, and a card action's invoke response).
 */
export function testChat() {
  const fakes = fakeBotDependencies(TENANT);
  let handleTurn: (context: TurnContext) => Promise<void> = async () => undefined;
  const adapter = new TestAdapter((context) => handleTurn(context));
  // teams-ai types its adapter as Teams' own; a test adapter carries the same turns.
  handleTurn = createTurnHandler(adapter as unknown as TeamsAdapter, fakes.deps);
  return {
    ...fakes,
    adapter,
    /** Runs one activity through the bot; answers what it sent back, in order. */
    async send(activity: TeamsActivity | Partial<Activity>): Promise<Partial<Activity>[]> {
      await adapter.processActivity(asActivity(activity));
      return adapter.activeQueue.splice(0);
    },
  };
}

/** The one Adaptive Card a reply carries. */
export function cardOf(reply: Partial<Activity> | undefined): AdaptiveCard {
  const attachments = reply?.attachments ?? [];
  expect(attachments.map((attachment) => attachment.contentType)).toEqual(['application/vnd.microsoft.card.adaptive']);
  return attachments[0]!.content as AdaptiveCard;
}

/** The card a card action answered with (Action.Execute: it replaces the pressed card in place). */
export function invokeCardOf(reply: Partial<Activity> | undefined): AdaptiveCard {
  expect(reply?.type).toBe('invokeResponse');
  const body = (reply!.value as { status: number; body: { type: string; value: AdaptiveCard } }).body;
  expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
  return body.value;
}

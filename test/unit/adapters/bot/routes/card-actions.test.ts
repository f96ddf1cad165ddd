import type { Application, TurnState } from '@microsoft/teams-ai';
import {
  assertEveryVerbRouted,
  CARD_ACTION_DATA,
  onCardAction,
  STALE_BUTTON,
  type Verb,
} from '../../../../../src/adapters/bot/routes/card-actions';
import { VERBS } from '../../../../../src/adapters/bot/cards/verbs';

type Handler = (context: unknown, state: unknown, data: unknown) => Promise<unknown>;

/** Just enough of teams-ai's Application to see what is routed, and to press a button. */
function fakeApp() {
  const handlers = new Map<string, Handler>();
  const app = {
    adaptiveCards: { actionExecute: (verb: string, handler: Handler) => handlers.set(verb, handler) },
  } as unknown as Application<TurnState>;
  return { app, handlers };
}

const logger = { info: jest.fn() } as never;
const context = { activity: { from: { aadObjectId: 'someone' } } };

describe('card actions', () => {
  it('has a schema for every verb a card can send', () => {
    expect(Object.keys(CARD_ACTION_DATA).sort()).toEqual(Object.values(VERBS).sort());
  });

  it('gives the handler typed data, and answers a forged or stale payload in one place, without calling it', async () => {
    const { app, handlers } = fakeApp();
    const seen: unknown[] = [];
    onCardAction(app, { logger }, VERBS.campaignChange, async (_context, data) => {
      seen.push(data);
      return { type: 'AdaptiveCard', body: [] } as never;
    });
    const press = handlers.get(VERBS.campaignChange)!;
    await press(context, {}, { campaignId: 'c-1', change: 'pause', extra: 'dropped' });
    expect(seen).toEqual([{ campaignId: 'c-1', change: 'pause' }]);
    for (const forged of [{ campaignId: 'c-1', change: 'delete' }, { campaignId: 7, change: 'pause' }, {}, null, 'pause']) {
      expect(JSON.stringify(await press(context, {}, forged))).toContain(STALE_BUTTON);
    }
    expect(seen).toHaveLength(1);
  });

  it('refuses a second route for one verb (teams-ai would never run it) and a start with a verb left unrouted', () => {
    const { app } = fakeApp();
    const answer = async () => ({}) as never;
    onCardAction(app, { logger }, VERBS.showHelp, answer);
    expect(() => onCardAction(app, { logger }, VERBS.showHelp, answer)).toThrow('two routes');
    expect(() => assertEveryVerbRouted(app)).toThrow(VERBS.postureTrend);
    for (const verb of Object.values(VERBS) as Verb[]) if (verb !== VERBS.showHelp) onCardAction(app, { logger }, verb, answer);
    expect(() => assertEveryVerbRouted(app)).not.toThrow();
  });
});

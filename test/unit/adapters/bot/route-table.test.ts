import { ActivityTypes, TurnContext, type Activity } from 'botbuilder';
import { ROUTE_TABLE, type Route } from '../../../../src/adapters/bot/route-table';
import { ROUTING_EXAMPLES } from './routing-examples';

/** The activity as the routes see it: teams-ai takes the bot's @mention out of a message's text first. */
function asRoutesSeeIt(activity: Partial<Activity>): Partial<Activity> {
  const seen = structuredClone(activity);
  if (seen.type === ActivityTypes.Message) seen.text = TurnContext.removeRecipientMention(seen as Activity);
  return seen;
}

/** The route that answers an activity, as teams-ai picks it: the first in `table` that takes it. */
function routeFor(activity: Partial<Activity>, table: readonly Route[] = ROUTE_TABLE): Route | undefined {
  return table.find((route) => route.takes(activity));
}

const winners = (table: readonly Route[]) => ROUTING_EXAMPLES.map((example) => routeFor(asRoutesSeeIt(example.activity), table)?.name);
const expected = ROUTING_EXAMPLES.map((example) => example.route);

function swapped(i: number, j: number): Route[] {
  const table = [...ROUTE_TABLE];
  [table[i], table[j]] = [table[j]!, table[i]!];
  return table;
}

describe('the route table', () => {
  it.each(ROUTING_EXAMPLES.map((example) => [example.what, example.route ?? 'no route', example] as const))(
    'routes %s to %s',
    (_what, _route, example) => {
      expect(routeFor(asRoutesSeeIt(example.activity))?.name).toBe(example.route);
    },
  );

  it('names each route once, says why it stands where it does, and ends with the route that takes every message for the bot', () => {
    const names = ROUTE_TABLE.map((route) => route.name);
    expect(new Set(names).size).toBe(names.length);
    for (const route of ROUTE_TABLE) expect(route.why.length).toBeGreaterThan(20);
    expect(names.at(-1)).toBe('anything else');
    expect(names.filter((name) => !expected.includes(name))).toEqual([]);
  });

  it('fails on any swap of two routes that an example shows both taking, when it changes who answers', () => {
    const pinned: string[] = [];
    ROUTE_TABLE.forEach((first, i) =>
      ROUTE_TABLE.slice(i + 1).forEach((second, offset) => {
        const bothTake = ROUTING_EXAMPLES.some((example) => {
          const seen = asRoutesSeeIt(example.activity);
          return first.takes(seen) && second.takes(seen);
        });
        if (!bothTake) return;
        // Swapped, the table must answer some example differently, or the examples would let the swap through.
        expect({ swapped: `${first.name} / ${second.name}`, same: winners(swapped(i, i + 1 + offset)) }).not.toEqual({
          swapped: `${first.name} / ${second.name}`,
          same: expected,
        });
        pinned.push(`${first.name} before ${second.name}`);
      }),
    );
    expect(pinned.sort()).toEqual(
      [
        'members added before members removed',
        'admin command before question',
        'admin command before anything else',
        'campaign command before question',
        'campaign command before anything else',
        'doctor before question',
        'doctor before anything else',
        'policy before question',
        'policy before anything else',
        'smtp before question',
        'smtp before anything else',
        'help before question',
        'help before anything else',
        'own status before question',
        'own status before anything else',
        'question before anything else',
      ].sort(),
    );
  });

  it('leaves card actions to their own routes: no route of the table takes an invoke', () => {
    const press = ROUTING_EXAMPLES.find((example) => example.activity.type === ActivityTypes.Invoke)!;
    expect(ROUTE_TABLE.filter((route) => route.takes(press.activity)).map((route) => route.name)).toEqual([]);
  });
});

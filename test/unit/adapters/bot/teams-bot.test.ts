import type { Activity } from 'botbuilder';
import { ROUTE_TABLE } from '../../../../src/adapters/bot/route-table';
import { PEOPLE } from './fake-bot-dependencies';
import { ROUTING_EXAMPLES } from './routing-examples';
import { teams, testChat } from './test-chat';

/** Which routes of the table replied to one activity, run through teams-ai as the bot registers them. */
async function routesThatReplied(activity: Partial<Activity>): Promise<string[]> {
  const chat = testChat();
  const spies = ROUTE_TABLE.map((route) => jest.spyOn(route, 'reply'));
  try {
    await chat.send(activity);
    return ROUTE_TABLE.filter((_route, i) => spies[i]!.mock.calls.length > 0).map((route) => route.name);
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

describe('the bot, run by teams-ai behind a test adapter', () => {
  it.each(ROUTING_EXAMPLES.map((example) => [example.what, example.route ?? 'no route', example] as const))(
    'routes %s to %s, as the table says',
    async (_what, _route, example) => {
      expect(await routesThatReplied(example.activity)).toEqual(example.route === undefined ? [] : [example.route]);
    },
  );

  it('stops an activity from another tenant before any route, and logs it', async () => {
    const chat = testChat();
    const stranger = teams.aMessage({ text: 'help', user: PEOPLE.employee, tenantId: 'a2b3c4d5-0000-4000-8000-000000000009' });
    expect(await chat.send(stranger)).toEqual([]);
    expect(chat.logs).toContainEqual(expect.objectContaining({ msg: 'refused an activity from another tenant', activityType: 'message' }));
  });
});

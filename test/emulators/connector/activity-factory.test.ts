import { MemoryStorage, MessageFactory, Response, TurnContext } from 'botbuilder';
import { Application, TeamsAdapter } from '@microsoft/teams-ai';
import { activityFactory, ConnectorEmulator, startConnectorEmulator, TeamsActivity, teamsUserId } from '../../../emulators/connector';
import { BOT_ID, callConnector, oneToOne, TENANT, USER } from './call-connector';

const ada = { aadObjectId: USER, name: 'Ada Lovelace' };
const factory = activityFactory({ serviceUrl: 'http://127.0.0.1:9/', botId: BOT_ID, tenantId: TENANT });

describe('activity factory: Teams shapes', () => {
  it('builds a 1:1 message with Teams ids, tenant and no mention', () => {
    const message = factory.aMessage({ text: 'status', user: ada });

    expect(message).toEqual(
      expect.objectContaining({
        type: 'message',
        channelId: 'msteams',
        serviceUrl: 'http://127.0.0.1:9/',
        text: 'status',
        from: { id: teamsUserId(USER), aadObjectId: USER, name: 'Ada Lovelace' },
        recipient: { id: `28:${BOT_ID}`, name: 'MFA Coach' },
        conversation: { conversationType: 'personal', tenantId: TENANT, id: factory.personalConversationId(ada) },
        channelData: { tenant: { id: TENANT } },
      }),
    );
    expect(message.conversation.id).toMatch(/^a:/);
    expect(message.entities).toEqual([expect.objectContaining({ type: 'clientInfo' })]);
  });

  it('mentions the bot in channel messages, in the text and as an entity', () => {
    const message = factory.aMessage({ text: 'posture', user: ada, conversationType: 'channel' });

    expect(message.text).toBe('<at>MFA Coach</at> posture');
    expect(message.entities).toContainEqual({
      type: 'mention',
      mentioned: { id: `28:${BOT_ID}`, name: 'MFA Coach' },
      text: '<at>MFA Coach</at>',
    });
    expect(message.conversation).toEqual(
      expect.objectContaining({
        conversationType: 'channel',
        isGroup: true,
        id: expect.stringMatching(/^19:[0-9a-f]+@thread\.tacv2;messageid=\d+$/),
      }),
    );
    expect(message.channelData).toEqual(
      expect.objectContaining({
        tenant: { id: TENANT },
        team: expect.objectContaining({ id: expect.stringMatching(/^19:/) }),
        channel: expect.any(Object),
      }),
    );
  });

  it('can leave the mention out, and builds group chats', () => {
    const message = factory.aMessage({ text: 'hi', user: ada, conversationType: 'groupChat', mentionBot: false });

    expect(message.text).toBe('hi');
    expect(message.conversation).toEqual(
      expect.objectContaining({ conversationType: 'groupChat', id: expect.stringMatching(/@thread\.v2$/) }),
    );
  });

  it('builds installationUpdate add/remove and the conversationUpdate that lists the bot', () => {
    const added = factory.anInstallationUpdate({ action: 'add', scope: 'personal', user: ada });
    const removed = factory.anInstallationUpdate({ action: 'remove', scope: 'team', user: ada });
    const botAdded = factory.aConversationUpdateBotAdded({ scope: 'team', user: ada });

    expect(added).toEqual(
      expect.objectContaining({
        type: 'installationUpdate',
        action: 'add',
        conversation: expect.objectContaining({ conversationType: 'personal' }),
      }),
    );
    expect(removed).toEqual(
      expect.objectContaining({
        type: 'installationUpdate',
        action: 'remove',
        conversation: expect.objectContaining({ conversationType: 'channel' }),
      }),
    );
    expect(removed.channelData).toEqual(expect.objectContaining({ settings: { selectedChannel: { id: expect.stringMatching(/^19:/) } } }));
    expect(botAdded).toEqual(expect.objectContaining({ type: 'conversationUpdate', membersAdded: [{ id: `28:${BOT_ID}` }] }));
    expect(botAdded.channelData.eventType).toBe('teamMemberAdded');
  });

  it('builds an Action.Execute invoke', () => {
    const invoke = factory.anAdaptiveCardInvoke({ verb: 'done', data: { nudgeId: 'n1' }, user: ada, replyToId: '1767765488332' });

    expect(invoke).toEqual(
      expect.objectContaining({
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb: 'done', data: { nudgeId: 'n1' } }, trigger: 'manual' },
        replyToId: '1767765488332',
      }),
    );
  });

  it('asks for a tenant when there is no default', () => {
    const bare = activityFactory({ serviceUrl: 'http://127.0.0.1:9/', botId: BOT_ID });
    expect(() => bare.aMessage({ text: 'hi', user: ada })).toThrow(/tenantId/);
  });
});

/** Post an activity to the bot the way /api/messages would, and keep what the bot answered on the HTTP response. */
async function deliver(adapter: TeamsAdapter, app: Application, activity: TeamsActivity): Promise<{ status: number; body: unknown }> {
  const answer = { status: 0, body: undefined as unknown };
  const res: Response = {
    socket: undefined,
    status: (code: number) => (answer.status = code),
    header: () => undefined,
    send: (body: unknown) => (answer.body = body),
    end: () => undefined,
  };
  await adapter.process({ body: { ...activity }, headers: {}, method: 'POST' }, res, async (context: TurnContext) => {
    await app.run(context);
  });
  return answer;
}

describe('activity factory + Connector emulator with a teams-ai bot', () => {
  let connector: ConnectorEmulator;
  let adapter: TeamsAdapter;
  let app: Application;
  let teams: ReturnType<typeof activityFactory>;
  const seen: string[] = [];

  beforeEach(async () => {
    seen.length = 0;
    connector = await startConnectorEmulator();
    teams = activityFactory({ serviceUrl: connector.url, botId: BOT_ID, tenantId: TENANT });
    // No app id: the demo/anonymous mode, where botbuilder sends no Authorization header.
    adapter = new TeamsAdapter({});
    app = new Application({ adapter, storage: new MemoryStorage() });
    app.message(/^status$/i, async (context) => {
      await context.sendActivity(MessageFactory.text(`status for ${context.activity.from.aadObjectId}`));
    });
    app.conversationUpdate('membersAdded', async (context) => {
      seen.push('membersAdded');
      await context.sendActivity('Welcome to MFA Coach');
    });
    app.activity('installationUpdate', async (context) => {
      seen.push(`installationUpdate:${context.activity.action}`);
    });
    app.adaptiveCards.actionExecute('done', async (_context, _state, data: { nudgeId?: string }) => `checked ${data.nudgeId}`);
  });
  afterEach(() => connector.close());

  it('a 1:1 message is answered in the conversation createConversation would give for that user', async () => {
    const answer = await deliver(adapter, app, teams.aMessage({ text: 'status', user: ada }));
    const created = await callConnector(connector.url, 'POST', 'v3/conversations', oneToOne(USER));
    const conversationId = (created.body as { id: string }).id;

    expect(answer.status).toBe(200);
    expect(connector.activities(conversationId)).toEqual([
      expect.objectContaining({ kind: 'reply', activity: expect.objectContaining({ text: `status for ${USER}` }) }),
    ]);
  });

  it('a channel message that @mentions the bot reaches the route once teams-ai strips the mention', async () => {
    const message = teams.aMessage({ text: 'status', user: ada, conversationType: 'channel' });
    await deliver(adapter, app, message);

    expect(connector.activities(message.conversation.id)).toHaveLength(1);
  });

  it('routes installationUpdate and the membersAdded conversationUpdate', async () => {
    await deliver(adapter, app, teams.anInstallationUpdate({ action: 'add', scope: 'personal', user: ada }));
    await deliver(adapter, app, teams.aConversationUpdateBotAdded({ scope: 'personal', user: ada }));

    expect(seen).toEqual(['installationUpdate:add', 'membersAdded']);
    expect(connector.activities(teams.personalConversationId(ada)).map((a) => a.activity.text)).toEqual(['Welcome to MFA Coach']);
  });

  it('routes an Action.Execute invoke by verb and returns the invoke response on the HTTP answer', async () => {
    const answer = await deliver(
      adapter,
      app,
      teams.anAdaptiveCardInvoke({ verb: 'done', data: { nudgeId: 'n1' }, user: ada, replyToId: '1767765488332' }),
    );

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(
      expect.objectContaining({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'checked n1' }),
    );
    expect(connector.received()).toEqual([]);
  });
});

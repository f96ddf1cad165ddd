import {
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConversationParameters,
  ConversationReference,
  MessageFactory,
  TurnContext,
} from 'botbuilder';
import { ConnectorClient, MicrosoftAppCredentials, PasswordServiceClientCredentialFactory, TokenCredentials } from 'botframework-connector';
import type { ServiceClientCredentials } from 'botframework-connector';
import { ConnectorEmulator, personalConversationId, startConnectorEmulator, teamsUserId } from '../../../emulators/connector';
import { BOT_ID, TENANT, USER } from './call-connector';

// The emulator is only useful if botbuilder's own client and the emulator agree on paths, encodings and shapes, so
// these tests drive it with botframework-connector's ConnectorClient and botbuilder's CloudAdapter, not with fetch.

const card = (title: string) =>
  CardFactory.adaptiveCard({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: title }] });
const oneToOne = (): ConversationParameters =>
  ({
    isGroup: false,
    bot: { id: `28:${BOT_ID}`, name: 'MFA Coach' },
    members: [{ id: teamsUserId(USER), name: 'Ada' }],
    tenantId: TENANT,
    channelData: { tenant: { id: TENANT } },
  }) as ConversationParameters;

describe('Connector emulator with botframework-connector ConnectorClient', () => {
  let connector: ConnectorEmulator;
  let client: ConnectorClient;

  beforeEach(async () => {
    connector = await startConnectorEmulator();
    client = new ConnectorClient(MicrosoftAppCredentials.Empty, { baseUri: connector.url });
  });
  afterEach(() => connector.close());

  it('creates a conversation, sends, replies and updates; the emulator records them in order', async () => {
    const created = await client.conversations.createConversation(oneToOne());
    const conversationId = created.id ?? '';
    const sent = await client.conversations.sendToConversation(conversationId, {
      ...MessageFactory.attachment(card('Set up Authenticator')),
    });
    const replied = await client.conversations.replyToActivity(conversationId, sent.id, {
      ...MessageFactory.text('Tell me when done'),
      replyToId: sent.id,
    });
    const updated = await client.conversations.updateActivity(conversationId, sent.id, {
      ...MessageFactory.attachment(card('Done, thanks')),
      id: sent.id,
    });

    expect(conversationId).toBe(personalConversationId(BOT_ID, USER));
    expect(updated.id).toBe(sent.id);
    expect(connector.activities(conversationId).map((a) => [a.kind, a.activityId])).toEqual([
      ['send', sent.id],
      ['reply', replied.id],
      ['update', sent.id],
    ]);
    expect(connector.cards(conversationId).map((c) => (c.body as { text: string }[])[0]?.text)).toEqual([
      'Set up Authenticator',
      'Done, thanks',
    ]);
    expect(connector.received().map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /v3/conversations',
      `POST /v3/conversations/${encodeURIComponent(conversationId)}/activities`,
      `POST /v3/conversations/${encodeURIComponent(conversationId)}/activities/${sent.id}`,
      `PUT /v3/conversations/${encodeURIComponent(conversationId)}/activities/${sent.id}`,
    ]);
    expect(connector.received()[0]?.headers.authorization).toBeUndefined();
  });

  it('reads the member of the 1:1 chat', async () => {
    const { id } = await client.conversations.createConversation(oneToOne());
    const members = await client.conversations.getConversationMembers(id ?? '');

    expect(members).toEqual([expect.objectContaining({ id: teamsUserId(USER), aadObjectId: USER, name: 'Ada' })]);
  });

  it('surfaces 403 ConversationBlockedByUser as a RestError with statusCode and code', async () => {
    connector.blockUser(USER);
    const error = await client.conversations.createConversation(oneToOne()).catch((e: unknown) => e);

    expect(error).toMatchObject({ name: 'RestError', statusCode: 403, code: 'ConversationBlockedByUser' });
  });

  it('retries a 429 itself, waiting for retry-after-ms, so the bot sees success after a throttled attempt', async () => {
    const scaled = await startConnectorEmulator({ timeScale: 0.2 });
    try {
      const scaledClient = new ConnectorClient(MicrosoftAppCredentials.Empty, { baseUri: scaled.url });
      for (let i = 0; i < 8; i += 1) await scaledClient.conversations.sendToConversation('a:1alice', MessageFactory.text(`#${i}`));

      expect(scaled.stats()).toEqual(expect.objectContaining({ sends: 8, throttled: 1 }));
      expect(scaled.activities().map((a) => a.activity.text)).toEqual(['#0', '#1', '#2', '#3', '#4', '#5', '#6', '#7']);
    } finally {
      await scaled.close();
    }
  });

  it('sends a bearer token that requireAuth accepts, and the record keeps only the scheme', async () => {
    const secured = await startConnectorEmulator({ requireAuth: true });
    try {
      const anonymous = new ConnectorClient(MicrosoftAppCredentials.Empty, { baseUri: secured.url });
      const withToken = new ConnectorClient(new TokenCredentials('not-a-real-token'), { baseUri: secured.url });

      await expect(anonymous.conversations.sendToConversation('a:1x', MessageFactory.text('hi'))).rejects.toMatchObject({
        statusCode: 401,
      });
      await expect(withToken.conversations.sendToConversation('a:1x', MessageFactory.text('hi'))).resolves.toEqual(
        expect.objectContaining({ id: expect.any(String) }),
      );
      expect(secured.received().map((r) => [r.status, r.headers.authorization])).toEqual([
        [401, undefined],
        [201, 'Bearer'],
      ]);
    } finally {
      await secured.close();
    }
  });
});

/** Outbound credentials without a login server: the bot app id is set (so the adapter is not anonymous) but no token is fetched. */
class NoLoginCredentialFactory extends PasswordServiceClientCredentialFactory {
  constructor(appId: string) {
    super(appId, 'unused');
  }

  override async createCredentials(): Promise<ServiceClientCredentials> {
    return MicrosoftAppCredentials.Empty;
  }
}

describe('Connector emulator with botbuilder CloudAdapter (proactive messaging)', () => {
  let connector: ConnectorEmulator;
  let adapter: CloudAdapter;

  beforeEach(async () => {
    connector = await startConnectorEmulator();
    adapter = new CloudAdapter(
      new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: BOT_ID }, new NoLoginCredentialFactory(BOT_ID)),
    );
  });
  afterEach(() => connector.close());

  it('createConversationAsync then continueConversationAsync: send a card and update it in place', async () => {
    let reference: Partial<ConversationReference> | undefined;
    await adapter.createConversationAsync(BOT_ID, 'msteams', connector.url, '', oneToOne(), async (context) => {
      reference = TurnContext.getConversationReference(context.activity);
    });
    expect(reference?.conversation?.id).toBe(personalConversationId(BOT_ID, USER));

    let cardId = '';
    await adapter.continueConversationAsync(BOT_ID, reference ?? {}, async (context) => {
      cardId = (await context.sendActivity(MessageFactory.attachment(card('Please register Authenticator'))))?.id ?? '';
    });
    await adapter.continueConversationAsync(BOT_ID, reference ?? {}, async (context) => {
      await context.updateActivity({ ...MessageFactory.attachment(card('Registered, thank you')), id: cardId });
    });

    const conversationId = reference?.conversation?.id ?? '';
    // continueConversationAsync runs the logic on a made-up event with a fresh uuid, and sendActivity replies to the
    // turn's activity: a proactive send goes out as POST …/activities/{uuid}, a reply to an id Teams never issued.
    // Teams accepts that, so the emulator does too (records it as a 'reply').
    expect(connector.activities(conversationId).map((a) => [a.kind, a.activityId])).toEqual([
      ['reply', cardId],
      ['update', cardId],
    ]);
    expect(connector.received()[1]?.path).toMatch(
      new RegExp(`^/v3/conversations/${encodeURIComponent(conversationId)}/activities/[0-9a-f-]{36}$`),
    );
    expect(connector.cards(conversationId).map((c) => (c.body as { text: string }[])[0]?.text)).toEqual([
      'Please register Authenticator',
      'Registered, thank you',
    ]);
    // What botbuilder puts on a proactive send: the bot as sender, the conversation, the serviceUrl as given.
    expect(connector.activities(conversationId)[0]?.activity).toEqual(
      expect.objectContaining({ type: 'message', from: expect.objectContaining({ id: `28:${BOT_ID}` }), serviceUrl: connector.url }),
    );
  });

  it('lets a blocked user surface as a 403 with the documented code through the adapter', async () => {
    connector.blockUser(USER);
    const failure = await adapter
      .createConversationAsync(BOT_ID, 'msteams', connector.url, '', oneToOne(), async () => undefined)
      .catch((e: unknown) => e);

    expect(failure).toMatchObject({ statusCode: 403, code: 'ConversationBlockedByUser' });
  });
});

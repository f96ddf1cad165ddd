import { ConnectorEmulator, personalConversationId, startConnectorEmulator, teamsUserId } from '../../../emulators/connector';
import { activitiesPath, BOT_ID, callConnector, cardActivity, oneToOne, TENANT, text, USER } from './call-connector';

describe('Connector emulator: conversations and activities', () => {
  let connector: ConnectorEmulator;
  const printed: string[] = [];

  beforeEach(async () => {
    printed.length = 0;
    connector = await startConnectorEmulator({ log: (line) => printed.push(line) });
  });
  afterEach(() => connector.close());

  it('serves a serviceUrl that ends with a slash, like Teams', () => {
    expect(connector.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('gives the same 1:1 conversation id for the same bot and user, whichever id form names the user', async () => {
    const first = await callConnector(connector.url, 'POST', 'v3/conversations', oneToOne(USER));
    const again = await callConnector(connector.url, 'POST', 'v3/conversations', oneToOne(USER));
    const by29 = await callConnector(connector.url, 'POST', 'v3/conversations', oneToOne(teamsUserId(USER)));
    const other = await callConnector(connector.url, 'POST', 'v3/conversations', oneToOne('0f9e8d7c-6b5a-4c3d-2e1f-0a9b8c7d6e5f'));

    expect(first.status).toBe(201);
    const id = (first.body as { id: string }).id;
    expect(id).toMatch(/^a:/);
    expect(id).toBe(personalConversationId(BOT_ID, USER));
    expect(again.body).toEqual({ id });
    expect(by29.body).toEqual({ id });
    expect((other.body as { id: string }).id).not.toBe(id);
    expect(connector.stats().conversationsCreated).toBe(4);
  });

  it('records createConversation with an activity as a send and answers its activity id', async () => {
    const answer = await callConnector(connector.url, 'POST', 'v3/conversations', oneToOne(USER, cardActivity('Welcome')));
    const { id, activityId } = answer.body as { id: string; activityId: string };

    expect(activityId).toMatch(/^\d+$/);
    expect(connector.activities(id)).toEqual([expect.objectContaining({ kind: 'send', conversationId: id, activityId })]);
    expect(connector.cards(id)).toEqual([expect.objectContaining({ type: 'AdaptiveCard' })]);
  });

  it('refuses createConversation without a tenant or with two members', async () => {
    const noTenant = await callConnector(connector.url, 'POST', 'v3/conversations', {
      bot: { id: `28:${BOT_ID}` },
      members: [{ id: USER }],
    });
    const twoMembers = await callConnector(connector.url, 'POST', 'v3/conversations', {
      ...oneToOne(USER),
      members: [{ id: USER }, { id: 'someone-else' }],
    });

    expect(noTenant.status).toBe(400);
    expect(noTenant.body).toEqual({ error: { code: 'BadArgument', message: expect.stringContaining('tenant') } });
    expect(twoMembers.status).toBe(400);
  });

  it('records send, reply and update in order, with ids decoded and cards extracted', async () => {
    const conversationId = personalConversationId(BOT_ID, USER);
    const sent = await callConnector(connector.url, 'POST', activitiesPath(conversationId), cardActivity('Step 1'));
    const sentId = (sent.body as { id: string }).id;
    const replied = await callConnector(connector.url, 'POST', activitiesPath(conversationId, sentId), {
      ...text('thanks'),
      replyToId: sentId,
    });
    const updated = await callConnector(connector.url, 'PUT', activitiesPath(conversationId, sentId), {
      ...cardActivity('Step 2'),
      id: sentId,
    });
    await callConnector(connector.url, 'POST', activitiesPath('19:other@thread.v2'), cardActivity('elsewhere'));

    expect([sent.status, replied.status, updated.status]).toEqual([201, 201, 200]);
    expect(updated.body).toEqual({ id: sentId });
    expect(connector.activities(conversationId).map((a) => [a.kind, a.activityId])).toEqual([
      ['send', sentId],
      ['reply', (replied.body as { id: string }).id],
      ['update', sentId],
    ]);
    const titles = (cards: Record<string, unknown>[]) => cards.map((c) => (c.body as { text: string }[])[0]?.text);
    expect(titles(connector.cards(conversationId))).toEqual(['Step 1', 'Step 2']);
    expect(titles(connector.cards())).toEqual(['Step 1', 'Step 2', 'elsewhere']);
    expect(connector.received()[0]).toEqual(
      expect.objectContaining({ method: 'POST', operation: 'send', conversationId, activityId: sentId, status: 201 }),
    );
    expect(connector.stats()).toEqual(expect.objectContaining({ sends: 3, updates: 1 }));
  });

  it('decodes channel and group chat ids with ; @ and : in them', async () => {
    const thread = '19:0b7f32667e064dd9b25d7969801541f4@thread.tacv2;messageid=1759881511856';
    const encoded = await callConnector(connector.url, 'POST', activitiesPath(thread), text('encoded'));
    const raw = await callConnector(connector.url, 'POST', `v3/conversations/${thread}/activities`, text('raw'));

    expect([encoded.status, raw.status]).toEqual([201, 201]);
    expect(connector.activities(thread).map((a) => a.activity.text)).toEqual(['encoded', 'raw']);
  });

  it('answers 404 ActivityNotFoundInConversation when updating an activity that was never sent', async () => {
    const conversationId = personalConversationId(BOT_ID, USER);
    await callConnector(connector.url, 'POST', activitiesPath(conversationId), text('hello'));
    const answer = await callConnector(connector.url, 'PUT', activitiesPath(conversationId, '1700000000000'), text('edit'));

    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({ error: { code: 'ActivityNotFoundInConversation', message: expect.any(String) } });
    expect(connector.activities(conversationId).map((a) => a.kind)).toEqual(['send']);
  });

  it('deletes an activity, after which updating it is a 404', async () => {
    const conversationId = personalConversationId(BOT_ID, USER);
    const sent = await callConnector(connector.url, 'POST', activitiesPath(conversationId), text('hello'));
    const id = (sent.body as { id: string }).id;

    expect((await callConnector(connector.url, 'DELETE', activitiesPath(conversationId, id))).status).toBe(200);
    expect((await callConnector(connector.url, 'PUT', activitiesPath(conversationId, id), text('edit'))).status).toBe(404);
  });

  it('answers 403 ConversationBlockedByUser for a user who blocked the bot, until unblocked', async () => {
    const created = await callConnector(connector.url, 'POST', 'v3/conversations', oneToOne(USER));
    const conversationId = (created.body as { id: string }).id;
    connector.blockUser(USER);

    const create = await callConnector(connector.url, 'POST', 'v3/conversations', oneToOne(USER));
    const send = await callConnector(connector.url, 'POST', activitiesPath(conversationId), text('nudge'));
    const blockedBody = { error: { code: 'ConversationBlockedByUser', message: 'User blocked the conversation with the bot.' } };
    expect([create.status, create.body]).toEqual([403, blockedBody]);
    expect([send.status, send.body]).toEqual([403, blockedBody]);
    expect(connector.activities()).toEqual([]);
    expect(connector.stats().forbidden).toBe(2);

    connector.unblockUser(USER);
    expect((await callConnector(connector.url, 'POST', activitiesPath(conversationId), text('nudge'))).status).toBe(201);
  });

  it('knows whose 1:1 chat it is from the outgoing activity when the conversation came from an incoming message', async () => {
    connector.blockUser(teamsUserId(USER));
    const conversationId = personalConversationId(BOT_ID, USER);
    const answer = await callConnector(connector.url, 'POST', activitiesPath(conversationId), {
      ...text('reply to an incoming message'),
      recipient: { id: teamsUserId(USER), aadObjectId: USER },
    });

    expect(answer.status).toBe(403);
    expect((answer.body as { error: { code: string } }).error.code).toBe('ConversationBlockedByUser');
  });

  it('answers 403 ForbiddenOperationException to createConversation when the app is not installed for the user', async () => {
    connector.markNotInstalled(USER);
    const answer = await callConnector(connector.url, 'POST', 'v3/conversations', oneToOne(USER));

    expect(answer.status).toBe(403);
    expect(answer.body).toEqual({
      error: { code: 'ForbiddenOperationException', message: "Bot is not installed in user's personal scope" },
    });

    connector.markInstalled(USER);
    expect((await callConnector(connector.url, 'POST', 'v3/conversations', oneToOne(USER))).status).toBe(201);
  });

  it('answers 403 BotNotInConversationRoster to a send into the chat of a user who uninstalled the app', async () => {
    const created = await callConnector(connector.url, 'POST', 'v3/conversations', oneToOne(USER));
    connector.markNotInstalled(USER);
    const answer = await callConnector(connector.url, 'POST', activitiesPath((created.body as { id: string }).id), text('hi'));

    expect(answer.status).toBe(403);
    expect((answer.body as { error: { code: string } }).error.code).toBe('BotNotInConversationRoster');
  });

  it('answers 413 MessageSizeTooBig beyond the message size limit', async () => {
    const small = await startConnectorEmulator({ maxMessageBytes: 2000 });
    try {
      const answer = await callConnector(small.url, 'POST', activitiesPath('a:1x'), text('x'.repeat(1000)));
      expect(answer.status).toBe(413);
      expect((answer.body as { error: { code: string } }).error.code).toBe('MessageSizeTooBig');
    } finally {
      await small.close();
    }
  });

  it('returns the known member of a 1:1 chat from members and pagedmembers', async () => {
    const created = await callConnector(connector.url, 'POST', 'v3/conversations', oneToOne(USER));
    const id = encodeURIComponent((created.body as { id: string }).id);
    const member = { id: teamsUserId(USER), aadObjectId: USER, tenantId: TENANT, userRole: 'user' };

    expect((await callConnector(connector.url, 'GET', `v3/conversations/${id}/members`)).body).toEqual([member]);
    expect((await callConnector(connector.url, 'GET', `v3/conversations/${id}/pagedmembers`)).body).toEqual({ members: [member] });
    expect((await callConnector(connector.url, 'GET', `v3/conversations/${id}/members/${USER}`)).body).toEqual(member);
    expect((await callConnector(connector.url, 'GET', `v3/conversations/${id}/members/nobody`)).status).toBe(404);
  });

  it('answers unknown routes 501, naming the route in the body and on the log', async () => {
    const answer = await callConnector(connector.url, 'GET', 'v3/teams/19%3Aabc%40thread.tacv2/conversations');
    const history = await callConnector(connector.url, 'GET', 'v3/conversations/a%3A1/activities/history');

    expect(answer.status).toBe(501);
    expect((answer.body as { error: { message: string } }).error.message).toContain('GET /v3/teams/19%3Aabc%40thread.tacv2/conversations');
    expect(history.status).toBe(501);
    expect(printed).toEqual([expect.stringContaining('GET /v3/teams/'), expect.stringContaining('/activities/history')]);
    expect(connector.stats().unimplemented).toBe(2);
  });

  it('answers 400 to a body that is not JSON', async () => {
    const answer = await fetch(new URL(activitiesPath('a:1x'), connector.url), { method: 'POST', body: '{not json' });
    expect(answer.status).toBe(400);
    expect(connector.received()[0]?.body).toBe('{not json');
  });

  describe('waitFor', () => {
    it('resolves with a request that arrives later', async () => {
      const waiting = connector.waitFor((r) => r.operation === 'send' && r.status === 201, 2000);
      await callConnector(connector.url, 'POST', 'v3/conversations', oneToOne(USER));
      await callConnector(connector.url, 'POST', activitiesPath('a:1x'), text('hello'));

      await expect(waiting).resolves.toEqual(expect.objectContaining({ operation: 'send', conversationId: 'a:1x', body: text('hello') }));
    });

    it('resolves at once with a request already received', async () => {
      await callConnector(connector.url, 'POST', activitiesPath('a:1x'), text('hello'));
      await expect(connector.waitFor((r) => r.conversationId === 'a:1x', 10)).resolves.toEqual(expect.objectContaining({ seq: 1 }));
    });

    it('rejects after the timeout, saying what it did receive', async () => {
      await callConnector(connector.url, 'POST', activitiesPath('a:1x'), text('hello'));
      await expect(connector.waitFor((r) => r.operation === 'update', 50)).rejects.toThrow(
        /no matching request within 50 ms.*POST \/v3\/conversations\/a%3A1x\/activities → 201/,
      );
    });

    it('rejects pending waits when the emulator closes', async () => {
      const other = await startConnectorEmulator();
      const waiting = other.waitFor(() => true, 5000);
      await other.close();
      await expect(waiting).rejects.toThrow(/closed/);
    });
  });

  it('clear() forgets requests, activities and stats but keeps conversations', async () => {
    const conversationId = personalConversationId(BOT_ID, USER);
    const sent = await callConnector(connector.url, 'POST', activitiesPath(conversationId), text('hello'));
    connector.clear();

    expect(connector.received()).toEqual([]);
    expect(connector.activities()).toEqual([]);
    expect(connector.stats().requests).toBe(0);
    const update = await callConnector(
      connector.url,
      'PUT',
      activitiesPath(conversationId, (sent.body as { id: string }).id),
      text('edit'),
    );
    expect(update.status).toBe(200);
  });
});

describe('Connector emulator: authentication', () => {
  let connector: ConnectorEmulator;
  beforeEach(async () => {
    connector = await startConnectorEmulator({ requireAuth: true });
  });
  afterEach(() => connector.close());

  it('answers 401 without a bearer token and accepts any non-empty one', async () => {
    const none = await callConnector(connector.url, 'POST', activitiesPath('a:1x'), text('hi'));
    const empty = await callConnector(connector.url, 'POST', activitiesPath('a:1x'), text('hi'), { authorization: 'Bearer ' });
    const basic = await callConnector(connector.url, 'POST', activitiesPath('a:1x'), text('hi'), { authorization: 'Basic dXNlcjpwYXNz' });
    const bearer = await callConnector(connector.url, 'POST', activitiesPath('a:1x'), text('hi'), { authorization: 'Bearer secret-token' });

    expect([none.status, empty.status, basic.status, bearer.status]).toEqual([401, 401, 401, 201]);
    expect(connector.activities()).toHaveLength(1);
  });

  it('records the Authorization header reduced to its scheme', async () => {
    await callConnector(connector.url, 'POST', activitiesPath('a:1x'), text('hi'), { authorization: 'Bearer secret-token' });
    const [request] = connector.received();
    expect(request?.headers.authorization).toBe('Bearer');
    expect(JSON.stringify(connector.received())).not.toContain('secret-token');
  });

  it('lets anonymous bots through when auth is not required', async () => {
    const open = await startConnectorEmulator();
    try {
      expect((await callConnector(open.url, 'POST', activitiesPath('a:1x'), text('hi'))).status).toBe(201);
    } finally {
      await open.close();
    }
  });
});

describe('Connector emulator: injected faults', () => {
  let connector: ConnectorEmulator;
  beforeEach(async () => {
    connector = await startConnectorEmulator();
  });
  afterEach(() => connector.close());

  it('fails the next N matching requests with the status and a Teams error code, then recovers', async () => {
    connector.injectFaults({ count: 2, status: 503, path: /\/activities$/ });
    const create = await callConnector(connector.url, 'POST', 'v3/conversations', oneToOne(USER));
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1)
      statuses.push((await callConnector(connector.url, 'POST', activitiesPath('a:1x'), text(`try ${i}`))).status);

    expect(create.status).toBe(201);
    expect(statuses).toEqual([503, 503, 201]);
    expect(connector.received()[1]?.response).toEqual({ error: { code: 'ServiceUnavailable', message: expect.any(String) } });
    expect(connector.activities().map((a) => a.activity.text)).toEqual(['try 2']);
    expect(connector.stats().injectedFaults).toBe(2);
  });

  it('injects 429 with Retry-After and counts it as throttled', async () => {
    connector.injectFaults({ count: 1, status: 429, retryAfterSeconds: 3 });
    const answer = await callConnector(connector.url, 'POST', activitiesPath('a:1x'), text('hi'));

    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBe('3');
    expect(answer.headers.get('retry-after-ms')).toBe('3000');
    expect((answer.body as { error: { code: string } }).error.code).toBe('Throttled');
    expect(connector.stats().throttled).toBe(1);
  });

  it('injects 412 for one method only', async () => {
    connector.injectFaults({ count: 1, status: 412, method: 'PUT' });
    const sent = await callConnector(connector.url, 'POST', activitiesPath('a:1x'), text('hi'));
    const id = (sent.body as { id: string }).id;
    const first = await callConnector(connector.url, 'PUT', activitiesPath('a:1x', id), text('edit'));
    const second = await callConnector(connector.url, 'PUT', activitiesPath('a:1x', id), text('edit'));

    expect([sent.status, first.status, second.status]).toEqual([201, 412, 200]);
    expect((first.body as { error: { code: string } }).error.code).toBe('PreconditionFailed');
  });

  it('rejects a fault without a positive count', () => {
    expect(() => connector.injectFaults({ count: 0, status: 502 })).toThrow(/count/);
  });
});

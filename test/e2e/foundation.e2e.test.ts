import type { ConnectorEmulator, TeamsUser } from '../../emulators/connector';
import { demoPersonas, generateDemoTenant } from '../../emulators/demo-tenant';
import type { GraphEmulator } from '../../emulators/graph';
import { OTHER_TENANT_ID, databaseChoices, type TestApp } from '../support/app-harness';
import { startEndToEnd, type EndToEnd } from '../support/end-to-end';

const BOT_ID = '00000000-0000-0000-0000-00000000b07e';
const tenant = generateDemoTenant({ users: 60 });
const person = demoPersonas(tenant).employee;
// Teams shows the display name; the directory knows the given name the welcome uses.
const employee: TeamsUser = { aadObjectId: person.id, name: `${person.displayName} (Teams)` };

type Card = { body?: { type: string; text?: string; facts?: { title: string; value: string }[] }[] };
const cardText = (card: Record<string, unknown>): string => JSON.stringify(card);

describe.each(databaseChoices())('MFA Coach end to end (%s)', (database) => {
  let connector: ConnectorEmulator;
  let graph: GraphEmulator;
  let harness: TestApp;
  let teams: EndToEnd['teams'];
  let e2e: EndToEnd | undefined;

  beforeAll(async () => {
    e2e = await startEndToEnd({ tenant, database, botId: BOT_ID });
    ({ connector, graph, harness, teams } = e2e);
  });

  afterAll(() => e2e?.stop());

  beforeEach(() => connector.clear());

  it('welcomes a new personal install with a card and stores the conversation reference', async () => {
    const install = teams.anInstallationUpdate({ action: 'add', scope: 'personal', user: employee });
    expect((await harness.post(install)).status).toBe(200);

    const conversationId = teams.personalConversationId(employee);
    const cards = connector.cards(conversationId);
    expect(cards).toHaveLength(1);
    expect(cardText(cards[0]!)).toContain(`Hi ${person.givenName}, I'm MFA Coach`);
    expect(graph.stats().requests).toBeGreaterThan(0);

    const rows = await harness.app.database.query<{ user_aad_object_id: string; scope: string }>(
      'SELECT user_aad_object_id, scope FROM conversation_references WHERE conversation_id = $1',
      [conversationId],
    );
    expect(rows).toEqual([{ user_aad_object_id: employee.aadObjectId, scope: 'personal' }]);
  });

  it('still welcomes, by the Teams name, when Microsoft Graph is down', async () => {
    graph.injectFaults({ count: 10, status: 503 });
    const other: TeamsUser = { aadObjectId: demoPersonas(tenant).admin.id, name: 'Megan Bowen' };
    await harness.post(teams.anInstallationUpdate({ action: 'add', scope: 'personal', user: other }));
    expect(cardText(connector.cards(teams.personalConversationId(other))[0]!)).toContain("Hi Megan, I'm MFA Coach");
    expect(harness.logs.text()).toContain('directory lookup failed');
    graph.reset();
  });

  it.each([
    ['team', 'channel'],
    ['groupChat', 'groupChat'],
  ] as const)('welcomes a %s install in that conversation and stores it', async (scope, conversationType) => {
    const install = teams.anInstallationUpdate({ action: 'add', scope, user: employee });
    await harness.post(install);
    const conversationId = (install.conversation as { id: string }).id;
    expect((install.conversation as { conversationType: string }).conversationType).toBe(conversationType);
    const [card] = connector.cards(conversationId);
    expect(cardText(card!)).toContain('mention me (@MFA Coach) before a command');
    expect(cardText(card!)).not.toContain(person.givenName);
    const rows = await harness.app.database.query<{ scope: string; user_aad_object_id: string | null }>(
      'SELECT scope, user_aad_object_id FROM conversation_references WHERE conversation_id = $1',
      [conversationId],
    );
    expect(rows).toEqual([{ scope, user_aad_object_id: null }]);
  });

  it('answers a card action on the welcome card with the help card, in place', async () => {
    const invoke = teams.anAdaptiveCardInvoke({ verb: 'help.show', user: employee });
    const { status, body } = await harness.post(invoke);
    expect(status).toBe(200);
    const response = JSON.parse(body) as { type: string; value: unknown };
    expect(response.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(response.value)).toContain('What MFA Coach can do');
  });

  it('refuses a card action from another tenant', async () => {
    const invoke = teams.anAdaptiveCardInvoke({ verb: 'help.show', user: employee, tenantId: OTHER_TENANT_ID });
    const { status, body } = await harness.post(invoke);
    expect(status).not.toBe(200);
    expect(body).not.toContain('What MFA Coach can do');
    expect(connector.received()).toHaveLength(0);
  });

  it('does not welcome twice when Teams also sends the conversationUpdate for the same install', async () => {
    await harness.post(teams.aConversationUpdateBotAdded({ scope: 'personal', user: employee }));
    expect(connector.cards()).toHaveLength(0);
  });

  it.each(['help', '/help', 'HELP', '  /Help '])('answers %j with the help card', async (text) => {
    await harness.post(teams.aMessage({ text, user: employee }));
    const [card] = connector.cards(teams.personalConversationId(employee)) as Card[];
    expect(card).toBeDefined();
    const facts = card!.body!.find((b) => b.type === 'FactSet')!.facts!;
    expect(facts.map((f) => f.title)).toContain('help');
    expect(cardText(card!)).toContain('What MFA Coach can do');
  });

  it('answers help in a team channel when mentioned, in that channel', async () => {
    const message = teams.aMessage({ text: 'help', user: employee, conversationType: 'channel' });
    await harness.post(message);
    const conversationId = (message.conversation as { id: string }).id;
    expect(connector.cards(conversationId)).toHaveLength(1);
    expect(cardText(connector.cards(conversationId)[0]!)).toContain('mention me first');
  });

  it('says plainly it does not know what it cannot answer, and points to help', async () => {
    await harness.post(teams.aMessage({ text: 'how tall is a giraffe', user: employee }));
    const [card] = connector.cards(teams.personalConversationId(employee));
    expect(cardText(card!)).toContain("Sorry, I don't know the answer to that.");
    expect(cardText(card!)).toContain('type **help**');
  });

  it('refuses an activity from another tenant before any handler runs, and keeps no data', async () => {
    const stranger: TeamsUser = { aadObjectId: '6f1c2d3e-0000-4000-8000-0000000000ff', name: 'Mallory' };
    const before = await harness.app.database.query<{ n: string }>('SELECT count(*)::text AS n FROM bot_state');
    await harness.post(teams.anInstallationUpdate({ action: 'add', scope: 'personal', user: stranger, tenantId: OTHER_TENANT_ID }));
    await harness.post(teams.aMessage({ text: 'help', user: stranger, tenantId: OTHER_TENANT_ID }));

    expect(connector.received()).toHaveLength(0);
    const refs = await harness.app.database.query('SELECT 1 FROM conversation_references WHERE user_aad_object_id = $1', [
      stranger.aadObjectId,
    ]);
    expect(refs).toHaveLength(0);
    const after = await harness.app.database.query<{ n: string }>('SELECT count(*)::text AS n FROM bot_state');
    expect(after).toEqual(before);
    expect(harness.logs.text()).toContain('refused an activity from another tenant');
  });

  it('marks the reference as uninstalled when the bot is removed', async () => {
    await harness.post(teams.anInstallationUpdate({ action: 'remove', scope: 'personal', user: employee }));
    const rows = await harness.app.database.query<{ uninstalled_at: Date | null }>(
      'SELECT uninstalled_at FROM conversation_references WHERE conversation_id = $1',
      [teams.personalConversationId(employee)],
    );
    expect(rows[0]?.uninstalled_at).not.toBeNull();
    expect(connector.received()).toHaveLength(0);
  });
});

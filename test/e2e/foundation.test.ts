import type { TeamsUser } from '../../emulators/connector';
import { demoPersonas, generateDemoTenant } from '../../emulators/demo-tenant';
import { OTHER_TENANT_ID, databaseChoices } from '../support/app-harness';
import { useEndToEnd } from '../support/end-to-end';

const BOT_ID = '00000000-0000-0000-0000-00000000b07e';
const tenant = generateDemoTenant({ users: 60 });
const person = demoPersonas(tenant).employee;
// Teams shows the display name; the directory knows the given name the welcome uses.
const employee: TeamsUser = { aadObjectId: person.id, name: `${person.displayName} (Teams)` };

type Card = { body?: { type: string; text?: string; facts?: { title: string; value: string }[] }[] };
const cardText = (card: Record<string, unknown>): string => JSON.stringify(card);

describe.each(databaseChoices())('MFA Coach end to end (%s)', (database) => {
  const e2e = useEndToEnd({ tenant, database, botId: BOT_ID });

  it('welcomes a new personal install with a card and stores the conversation reference', async () => {
    const install = e2e.teams.anInstallationUpdate({ action: 'add', scope: 'personal', user: employee });
    expect((await e2e.harness.post(install)).status).toBe(200);

    const conversationId = e2e.personal(employee);
    const cards = e2e.connector.cards(conversationId);
    expect(cards).toHaveLength(1);
    expect(cardText(cards[0]!)).toContain(`Hi ${person.givenName}, I'm MFA Coach`);
    expect(e2e.graph.stats().requests).toBeGreaterThan(0);

    const stored = await e2e.stores.conversations.findByConversation(conversationId);
    expect(stored && { userAadObjectId: stored.userAadObjectId, scope: stored.scope }).toEqual({
      userAadObjectId: employee.aadObjectId,
      scope: 'personal',
    });
  });

  it('still welcomes, by the Teams name, when Microsoft Graph is down', async () => {
    e2e.graph.injectFaults({ count: 10, status: 503 });
    const other: TeamsUser = { aadObjectId: demoPersonas(tenant).admin.id, name: 'Megan Bowen' };
    await e2e.harness.post(e2e.teams.anInstallationUpdate({ action: 'add', scope: 'personal', user: other }));
    expect(cardText(e2e.cardsTo(other)[0]!)).toContain("Hi Megan, I'm MFA Coach");
    expect(e2e.harness.logs.text()).toContain('directory lookup failed');
    e2e.graph.reset();
  });

  it.each([
    ['team', 'channel'],
    ['groupChat', 'groupChat'],
  ] as const)('welcomes a %s install in that conversation and stores it', async (scope, conversationType) => {
    const install = e2e.teams.anInstallationUpdate({ action: 'add', scope, user: employee });
    await e2e.harness.post(install);
    const conversationId = (install.conversation as { id: string }).id;
    expect((install.conversation as { conversationType: string }).conversationType).toBe(conversationType);
    const [card] = e2e.connector.cards(conversationId);
    expect(cardText(card!)).toContain('mention me (@MFA Coach) before a command');
    expect(cardText(card!)).not.toContain(person.givenName);
    const stored = await e2e.stores.conversations.findByConversation(conversationId);
    expect(stored && { scope: stored.scope, userAadObjectId: stored.userAadObjectId ?? null }).toEqual({ scope, userAadObjectId: null });
  });

  it('answers a card action on the welcome card with the help card, in place', async () => {
    const invoke = e2e.teams.anAdaptiveCardInvoke({ verb: 'help.show', user: employee });
    const { status, body } = await e2e.harness.post(invoke);
    expect(status).toBe(200);
    const response = JSON.parse(body) as { type: string; value: unknown };
    expect(response.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(response.value)).toContain('What MFA Coach can do');
  });

  it('refuses a card action from another tenant', async () => {
    const invoke = e2e.teams.anAdaptiveCardInvoke({ verb: 'help.show', user: employee, tenantId: OTHER_TENANT_ID });
    const { status, body } = await e2e.harness.post(invoke);
    expect(status).not.toBe(200);
    expect(body).not.toContain('What MFA Coach can do');
    expect(e2e.connector.received()).toHaveLength(0);
  });

  it('does not welcome twice when Teams also sends the conversationUpdate for the same install', async () => {
    await e2e.harness.post(e2e.teams.aConversationUpdateBotAdded({ scope: 'personal', user: employee }));
    expect(e2e.connector.cards()).toHaveLength(0);
  });

  it.each(['help', '/help', 'HELP', '  /Help '])('answers %j with the help card', async (text) => {
    await e2e.say(employee, text);
    const [card] = e2e.cardsTo(employee) as Card[];
    expect(card).toBeDefined();
    const facts = card!.body!.find((b) => b.type === 'FactSet')!.facts!;
    expect(facts.map((f) => f.title)).toContain('help');
    expect(cardText(card!)).toContain('What MFA Coach can do');
  });

  it('answers help in a team channel when mentioned, in that channel', async () => {
    const message = e2e.teams.aMessage({ text: 'help', user: employee, conversationType: 'channel' });
    await e2e.harness.post(message);
    const conversationId = (message.conversation as { id: string }).id;
    expect(e2e.connector.cards(conversationId)).toHaveLength(1);
    expect(cardText(e2e.connector.cards(conversationId)[0]!)).toContain('mention me first');
  });

  it('says plainly it does not know what it cannot answer, and points to help', async () => {
    await e2e.say(employee, 'how tall is a giraffe');
    const [card] = e2e.cardsTo(employee);
    expect(cardText(card!)).toContain("Sorry, I don't know the answer to that.");
    expect(cardText(card!)).toContain('type **help**');
  });

  it('refuses an activity from another tenant before any handler runs, and keeps no data', async () => {
    const stranger: TeamsUser = { aadObjectId: '6f1c2d3e-0000-4000-8000-0000000000ff', name: 'Mallory' };
    const activities = [
      e2e.teams.anInstallationUpdate({ action: 'add', scope: 'personal', user: stranger, tenantId: OTHER_TENANT_ID }),
      e2e.teams.aMessage({ text: 'help', user: stranger, tenantId: OTHER_TENANT_ID }),
    ];
    for (const activity of activities) await e2e.harness.post(activity);

    expect(e2e.connector.received()).toHaveLength(0);
    // No chat with them is known, by them or by its id.
    const refs = [
      await e2e.stores.conversations.findPersonalByUser(stranger.aadObjectId),
      await e2e.stores.conversations.findByConversation(e2e.personal(stranger)),
    ];
    expect(refs.filter(Boolean)).toHaveLength(0);
    expect(e2e.harness.logs.text()).toContain('refused an activity from another tenant');
  });

  it('marks the reference as uninstalled when the bot is removed', async () => {
    const { conversations } = e2e.stores;
    const installed = await conversations.findByConversation(e2e.personal(employee));
    await e2e.harness.post(e2e.teams.anInstallationUpdate({ action: 'remove', scope: 'personal', user: employee }));
    // No longer installed: the bot finds the chat neither by its id nor by the person, so it writes there no more.
    expect({
      before: installed?.conversationId,
      byChat: await conversations.findByConversation(e2e.personal(employee)),
      byPerson: await conversations.findPersonalByUser(employee.aadObjectId),
    }).toEqual({ before: e2e.personal(employee), byChat: undefined, byPerson: undefined });
    expect(e2e.connector.received()).toHaveLength(0);
  });
});

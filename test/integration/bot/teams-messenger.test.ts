import type { Activity } from 'botbuilder';
import { activityFactory, startConnectorEmulator, type ConnectorEmulator } from '../../../emulators/connector';
import { toStoredReference } from '../../../src/adapters/bot/conversation-reference-mapper';
import { createTeamsAdapter } from '../../../src/adapters/bot/teams-adapter-factory';
import { TeamsMessenger } from '../../../src/adapters/bot/teams-messenger';
import type { StoredConversationReference } from '../../../src/domain/ports/conversation-reference-store';
import type { NudgeCard } from '../../../src/domain/nudges/nudge-card';

const TENANT = '0f6d5c4b-3a29-4817-9e6d-5c4b3a291807';
const BOT = '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const card: NudgeCard = { kind: 'enrolled', nudgeId: '9887a63a-8318-4a1d-98cf-812f6c9f2e04', name: 'Adele', methods: ['authenticatorPush'] };

/** A messenger on an anonymous adapter, and the stored reference of a person who installed the bot. */
function messengerInstalledFor(connector: ConnectorEmulator, user: { aadObjectId: string; name: string }) {
  const adapter = createTeamsAdapter({ kind: 'anonymous' }, TENANT, {});
  const messenger = new TeamsMessenger(adapter, { botAppId: '', tenantId: TENANT, endpoint: async () => ({ serviceUrl: connector.url, botId: `28:${BOT}` }) });
  const teams = activityFactory({ serviceUrl: connector.url, botId: BOT, tenantId: TENANT });
  const installed = teams.anInstallationUpdate({ action: 'add', scope: 'personal', user });
  return { messenger, reference: toStoredReference(installed as unknown as Activity, TENANT) };
}

/** The card's last step before its request: what a campaign uses to mark its delivery as on its way. */
describe('the Teams messenger, against the Connector emulator', () => {
  let connector: ConnectorEmulator;
  let messenger: TeamsMessenger;
  let reference: StoredConversationReference;
  const cardsReceived = () => connector.received().filter((request) => request.operation === 'send' || request.operation === 'reply').length;

  beforeAll(async () => {
    connector = await startConnectorEmulator();
    ({ messenger, reference } = messengerInstalledFor(connector, { aadObjectId: '5d1e2f3a-0000-4000-8000-000000000007', name: 'Adele Vance' }));
  });
  afterAll(() => connector.close());
  beforeEach(() => connector.clear());

  it('runs the last step right before the request, once the card is ready, and sends when it says go', async () => {
    let receivedAtStep = -1;
    const outcome = await messenger.send(reference, card, async () => {
      receivedAtStep = cardsReceived();
      return true;
    });
    expect(outcome).toMatchObject({ kind: 'sent', conversationId: reference.conversationId });
    expect(receivedAtStep).toBe(0);
    expect(cardsReceived()).toBe(1);
  });

  it('sends nothing when the last step says stop, and says so as a passing failure', async () => {
    expect(await messenger.send(reference, card, async () => false)).toEqual({ kind: 'failed', reason: 'stopped before sending', transient: true });
    expect(cardsReceived()).toBe(0);
  });

  it("throws on the last step's own error (it is not Teams' answer), sending nothing", async () => {
    await expect(messenger.send(reference, card, async () => {
      throw new Error('the database is gone');
    })).rejects.toThrow('the database is gone');
    expect(cardsReceived()).toBe(0);
  });
});


/**
 * Known gaps (issue 15, items 3 and 5), kept as tests that are expected to fail until they are fixed: when they
 * start passing, jest reports it, and `.failing` comes off. botbuilder's Connector client has Azure's default retry
 * policy, which resends a POST that Teams answered 502/504 after delivering it, and no deadline of its own.
 */
describe('the Teams messenger when Teams fails after accepting, or never answers', () => {
  let connector: ConnectorEmulator;
  let messenger: TeamsMessenger;
  let reference: StoredConversationReference;

  beforeAll(async () => {
    connector = await startConnectorEmulator({ log: () => undefined });
    ({ messenger, reference } = messengerInstalledFor(connector, { aadObjectId: '5d1e2f3a-0000-4000-8000-000000000008', name: 'Alex Wilber' }));
  });
  afterAll(() => connector.close());
  beforeEach(() => connector.clear());

  it.failing('delivers the card once when Teams answers 502 after delivering it, and does not call it sent', async () => {
    connector.injectFaults({ count: 1, status: 502, afterAccepting: true, path: /\/activities/ });
    const outcome = await messenger.send(reference, card, async () => true);
    expect(connector.activities(reference.conversationId)).toHaveLength(1);
    expect(outcome.kind).not.toBe('sent');
  });

  it.failing('gives up on a Bot Connector that never answers within a deadline', async () => {
    connector.injectFaults({ count: 1, status: 504, afterAccepting: true, hang: true, path: /\/activities/ });
    const outcome = await Promise.race([
      messenger.send(reference, card, async () => true),
      new Promise((resolve) => setTimeout(() => resolve('still waiting'), 3000)),
    ]);
    expect(outcome).not.toBe('still waiting');
  });
});

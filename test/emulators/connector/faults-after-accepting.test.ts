import { performance } from 'node:perf_hooks';
import { ConnectorEmulator, startConnectorEmulator } from '../../../emulators/connector';
import { activitiesPath, callConnector, oneToOne, text, USER } from './call-connector';

/**
 * Faults a sender cannot tell from "not sent": Teams delivers the card and then answers 502/504 (or nothing at
 * all). Tests of "never twice" need them; a fault that only ever came before delivery would let a resend pass.
 */
describe('Connector emulator: faults after accepting', () => {
  let connector: ConnectorEmulator;
  let conversationId: string;

  beforeEach(async () => {
    connector = await startConnectorEmulator({ log: () => undefined });
    conversationId = ((await callConnector(connector.url, 'POST', 'v3/conversations', oneToOne(USER))).body as { id: string }).id;
  });
  afterEach(() => connector.close());

  /** Sends a message as a sender that gives up after `ms`: 'answered', or the name of the error that ended it. */
  const sendGivingUpAfter = (ms: number): Promise<string> =>
    fetch(new URL(activitiesPath(conversationId), connector.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(text('hello')),
      signal: AbortSignal.timeout(ms),
    }).then(
      () => 'answered',
      (error: Error) => error.name,
    );

  it.each([502, 504])('delivers the activity, then answers %i', async (status) => {
    connector.injectFaults({ count: 1, status, afterAccepting: true, path: /\/activities/ });
    const answer = await callConnector(connector.url, 'POST', activitiesPath(conversationId), text('hello'));
    expect(answer.status).toBe(status);
    expect(connector.activities(conversationId)).toHaveLength(1);
    expect(connector.stats().injectedFaults).toBe(1);
  });

  it('a fault before accepting delivers nothing', async () => {
    connector.injectFaults({ count: 1, status: 502, path: /\/activities/ });
    expect((await callConnector(connector.url, 'POST', activitiesPath(conversationId), text('hello'))).status).toBe(502);
    expect(connector.activities(conversationId)).toHaveLength(0);
  });

  it('can deliver and never answer, until the client gives up', async () => {
    connector.injectFaults({ count: 1, status: 504, afterAccepting: true, hang: true, path: /\/activities/ });
    const started = performance.now();
    const outcome = await sendGivingUpAfter(500);
    expect(outcome).toBe('TimeoutError');
    expect(performance.now() - started).toBeGreaterThanOrEqual(450);
    expect(connector.activities(conversationId)).toHaveLength(1);
  });

  it('can hang without delivering', async () => {
    connector.injectFaults({ count: 1, status: 504, hang: true, path: /\/activities/ });
    const outcome = await sendGivingUpAfter(300);
    expect(outcome).toBe('TimeoutError');
    expect(connector.activities(conversationId)).toHaveLength(0);
  });
});

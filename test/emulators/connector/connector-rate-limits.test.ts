import { ConnectorEmulator, ConnectorEmulatorOptions, startConnectorEmulator } from '../../../emulators/connector';
import { letTimePass } from '../../support/eventually';
import { activitiesPath, callConnector, ConnectorAnswer, oneToOne, text } from './call-connector';

const send = (connector: ConnectorEmulator, conversationId: string, label = 'nudge'): Promise<ConnectorAnswer> =>
  callConnector(connector.url, 'POST', activitiesPath(conversationId), text(label));

async function sendMany(connector: ConnectorEmulator, conversationId: string, count: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i += 1) statuses.push((await send(connector, conversationId, `#${i}`)).status);
  return statuses;
}

describe('Connector emulator: Teams rate limits', () => {
  const started: ConnectorEmulator[] = [];
  const start = async (options: ConnectorEmulatorOptions = {}): Promise<ConnectorEmulator> => {
    const connector = await startConnectorEmulator(options);
    started.push(connector);
    return connector;
  };
  afterEach(async () => {
    await Promise.all(started.splice(0).map((c) => c.close()));
  });

  it('allows 7 sends per second to one conversation; the 8th gets 429 Throttled with Retry-After', async () => {
    const connector = await start();
    const statuses = await sendMany(connector, 'a:1alice', 7);
    const eighth = await send(connector, 'a:1alice');

    expect(statuses).toEqual([201, 201, 201, 201, 201, 201, 201]);
    expect(eighth.status).toBe(429);
    expect(eighth.headers.get('retry-after')).toBe('1');
    const waitMs = Number(eighth.headers.get('retry-after-ms'));
    expect(waitMs).toBeGreaterThan(0);
    expect(waitMs).toBeLessThanOrEqual(1000);
    expect(eighth.body).toEqual({ error: { code: 'Throttled', message: expect.stringContaining('per-conversation') } });
    expect(connector.activities('a:1alice')).toHaveLength(7);
    expect(connector.stats()).toEqual(expect.objectContaining({ sends: 7, throttled: 1 }));
  });

  it('leaves other conversations unaffected by one conversation being throttled', async () => {
    const connector = await start();
    await sendMany(connector, 'a:1alice', 8);
    const bob = await sendMany(connector, 'a:1bob', 7);

    expect(bob).toEqual([201, 201, 201, 201, 201, 201, 201]);
  });

  it('counts createConversation against its own per-thread limit', async () => {
    const connector = await start();
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1)
      statuses.push(
        (await callConnector(connector.url, 'POST', 'v3/conversations', oneToOne('c33aafc4-646d-4543-9d4c-abd28e4d2110'))).status,
      );

    expect(statuses).toEqual([201, 201, 201, 201, 201, 201, 201, 429]);
  });

  it('enforces the global rate per app per tenant across conversations', async () => {
    const connector = await start({ globalRatePerSecond: 5 });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await send(connector, `a:1user${i}`)).status);
    const rejected = connector.received()[5];

    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
    expect(rejected?.response).toEqual({ error: { code: 'Throttled', message: expect.stringContaining('global') } });
    expect(connector.stats().peakRequestsPerSecond).toBe(6);
  });

  // timeScale 0.5: the 9th must come within 2 scaled seconds (1 s) of the first; after the wait of at most 0.5 s, a
  // busy machine still has half a second to spare.
  it('accepts the 8th send once Retry-After has passed (timeScale shrinks the wait, the header stays ≥ 1 s)', async () => {
    const connector = await start({ timeScale: 0.5 });
    await sendMany(connector, 'a:1alice', 7);
    const eighth = await send(connector, 'a:1alice');
    expect(eighth.status).toBe(429);
    expect(eighth.headers.get('retry-after')).toBe('1');
    const waitMs = Number(eighth.headers.get('retry-after-ms'));
    expect(waitMs).toBeLessThanOrEqual(500);

    await letTimePass(waitMs + 5, 'the Retry-After the emulator asked for');
    expect((await send(connector, 'a:1alice')).status).toBe(201);
    // 8 accepted within 2 scaled seconds (1 s): the 2-second window now refuses the 9th.
    const ninth = await send(connector, 'a:1alice');
    expect(ninth.status).toBe(429);
    expect(Number(ninth.headers.get('retry-after-ms'))).toBeLessThanOrEqual(1000);
  });

  // Each window alone (the others out of reach), scaled to about two to four real seconds.
  it.each([
    ['per2Seconds', { perSecond: 100, per2Seconds: 3, per30Seconds: 100, per3600Seconds: 100 }, 2, 2000, 1],
    ['per30Seconds', { perSecond: 100, per2Seconds: 100, per30Seconds: 3, per3600Seconds: 100 }, 30, 30_000, 0.1],
    ['per3600Seconds', { perSecond: 100, per2Seconds: 100, per30Seconds: 100, per3600Seconds: 3 }, 3600, 3_600_000, 0.001],
  ])('enforces the %s window', async (_name, perConversation, retryAfterSeconds, windowMs, timeScale) => {
    const connector = await start({ perConversation, timeScale });
    const statuses = await sendMany(connector, 'a:1alice', 4);
    const fourth = connector.received()[3];

    expect(statuses).toEqual([201, 201, 201, 429]);
    const answer = await send(connector, 'a:1alice');
    expect(answer.status).toBe(429);
    // The wait is the rest of the window, real-time in Retry-After and scaled in retry-after-ms.
    expect(Number(answer.headers.get('retry-after'))).toBeLessThanOrEqual(retryAfterSeconds);
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(retryAfterSeconds / 2);
    expect(Number(answer.headers.get('retry-after-ms'))).toBeLessThanOrEqual(windowMs * timeScale);
    expect(fourth?.status).toBe(429);
  });

  it('does not count throttled requests against the window', async () => {
    const WINDOW_MS = 1000; // one second, unscaled: room for the calls below on a busy machine
    const perConversation = { perSecond: 2, per2Seconds: 100, per30Seconds: 100, per3600Seconds: 100 };
    const connector = await start({ perConversation });
    expect(await sendMany(connector, 'a:1alice', 3)).toEqual([201, 201, 429]);
    const acceptedLeaveAt = performance.now() + WINDOW_MS;
    // The sender goes on later in the window: were these sends counted, they would hold the window past its end.
    await letTimePass(WINDOW_MS * 0.3, 'a later part of the window');
    expect(await sendMany(connector, 'a:1alice', 10)).toEqual(Array.from({ length: 10 }, () => 429));

    await letTimePass(acceptedLeaveAt + 5 - performance.now(), 'the accepted sends to leave the window');
    expect((await send(connector, 'a:1alice')).status).toBe(201);
  });
});

describe('Connector emulator: one write at a time per conversation', () => {
  const started: ConnectorEmulator[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((c) => c.close()));
  });
  const start = async (options: ConnectorEmulatorOptions): Promise<ConnectorEmulator> => {
    const connector = await startConnectorEmulator(options);
    started.push(connector);
    return connector;
  };

  it('counts overlapping sends to one conversation and still delivers them', async () => {
    const connector = await start({ latencyMs: 40 });
    const answers = await Promise.all([send(connector, 'a:1alice', 'one'), send(connector, 'a:1alice', 'two')]);

    expect(answers.map((a) => a.status)).toEqual([201, 201]);
    expect(connector.stats().concurrentPerConversationViolations).toBe(1);
  });

  it('answers 412 PreconditionFailed to the overlapping send when strictConcurrency is on', async () => {
    const connector = await start({ latencyMs: 40, strictConcurrency: true });
    const answers = await Promise.all([send(connector, 'a:1alice', 'one'), send(connector, 'a:1alice', 'two')]);

    expect(answers.map((a) => a.status).sort()).toEqual([201, 412]);
    const refused = answers.find((a) => a.status === 412);
    expect(refused?.body).toEqual({ error: { code: 'PreconditionFailed', message: expect.any(String) } });
    expect(connector.activities()).toHaveLength(1);
  });

  it('does not count parallel sends to different conversations, or sends one after another', async () => {
    const connector = await start({ latencyMs: 20, strictConcurrency: true });
    await Promise.all([send(connector, 'a:1alice'), send(connector, 'a:1bob'), send(connector, 'a:1carol')]);
    await send(connector, 'a:1alice');
    await send(connector, 'a:1alice');

    expect(connector.stats().concurrentPerConversationViolations).toBe(0);
    expect(connector.activities()).toHaveLength(5);
  });
});

import pino from 'pino';
import { createHttpServer, type HttpServer, type HttpServices } from '../../../src/app/server';
import type { MetricsAccess } from '../../../src/app/metrics-config';

const TOKEN = 'f'.repeat(64);
/** The served figures; the route itself is under test, not the registry. */
const services = {
  bot: {},
  readiness: { database: async () => true, jobs: async () => true },
  metrics: { text: async () => 'mfa_coach_turns_total{route="help"} 3\n', contentType: 'text/plain; version=0.0.4; charset=utf-8' },
} as unknown as HttpServices;

describe('GET /metrics', () => {
  let server: HttpServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const start = async (access: MetricsAccess, open = true) => {
    server = createHttpServer(pino({ level: 'silent' }), { metrics: access });
    const { url } = await server.listen('127.0.0.1', 0);
    if (open) server.open(services);
    return (headers: Record<string, string> = {}) => fetch(`${url}/metrics`, { headers });
  };

  it('answers 404 when metrics are off (production without a token)', async () => {
    const get = await start({ kind: 'off' });
    const response = await get({ Authorization: `Bearer ${TOKEN}` });
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('mfa_coach_turns_total');
  });

  it('refuses a request without the token, or with another, and serves the one that carries it', async () => {
    const get = await start({ kind: 'token', token: TOKEN });
    const refusedHeaders: Record<string, string>[] = [
      {},
      { Authorization: `Bearer ${'e'.repeat(64)}` },
      { Authorization: TOKEN },
      { Authorization: `Basic ${TOKEN}` },
    ];
    for (const headers of refusedHeaders) {
      const refused = await get(headers);
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await refused.text()).not.toContain('mfa_coach_turns_total');
    }
    const served = await get({ Authorization: `Bearer ${TOKEN}` });
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await served.text()).toContain('mfa_coach_turns_total{route="help"} 3');
  });

  it('refuses before saying whether the bot has started, and says "starting" to the token holder', async () => {
    const get = await start({ kind: 'token', token: TOKEN }, false);
    expect((await get()).status).toBe(401);
    const starting = await get({ Authorization: `Bearer ${TOKEN}` });
    expect(starting.status).toBe(503);
    expect(starting.headers.get('retry-after')).toBe('5');
  });

  it('serves the demo without a token', async () => {
    const get = await start({ kind: 'open' });
    expect((await get()).status).toBe(200);
  });
});

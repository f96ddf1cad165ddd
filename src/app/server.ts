import * as restify from 'restify';
import type { Logger } from 'pino';
import type { TeamsBot } from '../adapters/bot/teams-bot';

export interface Readiness {
  database(): Promise<boolean>;
  jobs(): Promise<boolean>;
}

export interface HttpServer {
  listen(host: string, port: number): Promise<{ port: number; url: string }>;
  /** Stops taking turns (503 + Retry-After) and waits for the running ones, up to the timeout. */
  drain(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

export function createHttpServer(bot: TeamsBot, readiness: Readiness, logger: Logger): HttpServer {
  const server = restify.createServer({ name: 'mfa-coach', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ mapParams: false }));
  let draining = false;
  let inFlight = 0;
  let drained: (() => void) | undefined;

  server.post('/api/messages', async (req, res) => {
    if (draining) {
      res.header('Retry-After', '5');
      res.send(503, { error: 'shutting down' });
      return;
    }
    inFlight++;
    try {
      await bot.adapter.process(req, res, (context) => bot.handleTurn(context));
    } catch (error) {
      logger.error({ err: { message: (error as Error).message } }, 'request failed outside a turn');
      if (!res.headersSent) res.send(500);
    } finally {
      inFlight--;
      if (inFlight === 0) drained?.();
    }
  });

  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'up' });
  });

  server.get('/readyz', async (_req, res) => {
    const [database, jobs] = await Promise.all([readiness.database().catch(() => false), readiness.jobs().catch(() => false)]);
    const ready = database && jobs && !draining;
    res.send(ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', database, jobs, draining });
  });

  return {
    listen: (host, port) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address();
          const display = host.includes(':') ? `[${host}]` : host;
          resolve({ port: address.port, url: `http://${display}:${address.port}` });
        });
      }),
    drain: async (timeoutMs) => {
      draining = true;
      if (inFlight === 0) return true;
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), timeoutMs);
        drained = () => {
          clearTimeout(timer);
          resolve(true);
        };
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

import * as restify from 'restify';
import type { Logger } from 'pino';
import { DEFAULT_ACTIVITY_REQUEST_LIMITS, type ActivityRequestLimits } from './activity-request';
import { registerExportRoutes } from './export-routes';
import { ServingState, type HttpServices } from './http-serving';
import { registerMessagesRoute } from './messages-route';
import type { MetricsAccess } from './metrics-config';
import { registerMetricsRoute } from './metrics-route';

export type { DownloadSource } from './export-routes';
export type { HttpServices, Readiness } from './http-serving';

export interface HttpServer {
  listen(host: string, port: number): Promise<{ port: number; url: string }>;
  /**
   * Starts taking turns, answering readiness and serving export links. The server listens first, so that the
   * app knows its own address before it is wired; until it opens, those routes answer 503 with Retry-After and
   * /readyz says "starting" (/healthz answers from the first moment: the process is alive).
   */
  open(services: HttpServices): void;
  /** Stops taking turns (503 + Retry-After) and waits for the running ones, up to the timeout. */
  drain(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

export interface HttpServerOptions {
  /** Limits on `POST /api/messages` (production sets requireBearer). */
  activityLimits?: Partial<ActivityRequestLimits>;
  /** Who may read GET /metrics (default: nobody, the route answers 404). */
  metrics?: MetricsAccess;
}

export function createHttpServer(logger: Logger, options: HttpServerOptions = {}): HttpServer {
  const limits: ActivityRequestLimits = { ...DEFAULT_ACTIVITY_REQUEST_LIMITS, ...options.activityLimits };
  // No body parser at all: no route but /api/messages takes a body, and that one reads its own under limits
  // (restify's parser inflates gzip, has no size cap, and writes multipart uploads to disk).
  const server = restify.createServer({ name: 'mfa-coach', handleUncaughtExceptions: false });
  const state = new ServingState();
  registerMessagesRoute(server, state, limits, logger);
  registerExportRoutes(server, state, (message, error) => logger.warn({ err: { message: (error as Error)?.message } }, message));
  registerHealthRoutes(server, state);
  registerMetricsRoute(server, state, options.metrics ?? { kind: 'off' });
  return {
    open: (services) => state.open(services),
    listen: (host, port) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address();
          const display = host.includes(':') ? `[${host}]` : host;
          resolve({ port: address.port, url: `http://${display}:${address.port}` });
        });
      }),
    drain: (timeoutMs) => state.drain(timeoutMs),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** `/healthz`: the process answers. `/readyz`: it is wired, its database and jobs answer, and delivery progresses. */
function registerHealthRoutes(server: restify.Server, state: ServingState): void {
  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'up' });
  });
  server.get('/readyz', async (_req, res) => {
    const services = state.wired;
    if (!services) {
      res.send(503, { status: 'starting' });
      return;
    }
    const { readiness } = services;
    const [database, jobs] = await Promise.all([readiness.database().catch(() => false), readiness.jobs().catch(() => false)]);
    const delivery = readiness.delivery?.();
    const draining = state.draining;
    const ready = database && jobs && !draining && (delivery?.healthy ?? true);
    // The doctor's last report is told, not judged: a missing permission is the operator's to fix, not a reason to
    // take the instance out of rotation, and /readyz must not send Graph requests each time it is polled.
    const doctor = readiness.doctor?.();
    res.send(ready ? 200 : 503, {
      status: ready ? 'ready' : 'not ready',
      database,
      jobs,
      draining,
      ...(delivery ? { delivery } : {}),
      ...(doctor ? { doctor } : {}),
    });
  });
}

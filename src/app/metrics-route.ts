import { createHash, timingSafeEqual } from 'node:crypto';
import type * as restify from 'restify';
import type { ServingState } from './http-serving';
import type { MetricsAccess } from './metrics-config';

/**
 * GET /metrics: the figures in Prometheus' text format, for a scraper. Off in production unless a token is set;
 * then only a request carrying it as a Bearer token is answered. The check runs before anything is read, so a
 * refused request costs nothing.
 */
export function registerMetricsRoute(server: restify.Server, state: ServingState, access: MetricsAccess): void {
  server.get('/metrics', async (req, res) => {
    if (access.kind === 'off') {
      res.send(404, { error: 'metrics are off: set METRICS_TOKEN to serve them to a scraper that sends it' });
      return;
    }
    if (access.kind === 'token' && !carriesToken(req.header('authorization'), access.token)) {
      res.header('WWW-Authenticate', 'Bearer realm="metrics"');
      res.send(401, { error: 'metrics need the METRICS_TOKEN as a Bearer token' });
      return;
    }
    const metrics = state.wired?.metrics;
    if (!metrics) {
      res.header('Retry-After', '5');
      res.send(503, { error: 'starting' });
      return;
    }
    const body = await metrics.text();
    res.writeHead(200, { 'Content-Type': metrics.contentType, 'Cache-Control': 'no-store' });
    res.end(body);
  });
}

/** Compares digests of equal length in constant time, so the answer's timing tells nothing of the token. */
function carriesToken(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(match[1] as string), digest(token));
}

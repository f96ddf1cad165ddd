import { createHttpServer, type HttpServer } from '../server';
import type { TeamsBot } from '../../adapters/bot/teams-bot';
import type { Doctor } from '../../use-cases/run-doctor';
import type { CampaignSlice } from './campaigns';
import type { Platform } from './platform';
import { SqlOperationalFigures } from '../../adapters/storage/sql-operational-figures';
import type { PostureSlice } from './posture';
import { downloadSource } from './downloads';

/**
 * The HTTP side, listening before anything is wired so that the app knows its own address (the demo's export
 * links use it); it takes turns once opened.
 */
export async function listenHttp({
  config,
  logger,
}: Platform): Promise<{ http: HttpServer; port: number; url: string; publicUrl?: string }> {
  // Production bots always get a token from the Bot Connector: no Bearer header, no reading of the body.
  const http = createHttpServer(logger, { activityLimits: { requireBearer: config.mode === 'production' }, metrics: config.metrics });
  const { port, url } = await http.listen(config.server.host, config.server.port);
  // The demo's browser is on this machine, so its own address works for download links.
  const publicUrl = config.server.publicUrl ?? (config.mode === 'demo' ? url : undefined);
  return { http, port, url, ...(publicUrl ? { publicUrl } : {}) };
}

/** Teams' activities, readiness and the export links, served from now on. */
export function openHttp(
  http: HttpServer,
  platform: Platform,
  bot: TeamsBot,
  app: { posture: PostureSlice; campaigns: CampaignSlice; doctor: Doctor },
  url: string,
): void {
  const { config, db, jobs, logger, now, metrics } = platform;
  const { posture, campaigns, doctor } = app;
  const figures = new SqlOperationalFigures(db);
  metrics.watch({
    now,
    deliveries: () => figures.deliveries(now()),
    latestCompletedScanAt: () => figures.latestCompletedScanAt(),
    ...(db.poolFigures ? { pool: db.poolFigures.bind(db) } : {}),
  });
  http.open({
    bot,
    readiness: {
      database: () => db.isReady(),
      jobs: () => jobs.isReady(),
      delivery: () => campaigns.engine.health(),
      doctor: () => doctor.summary(),
    },
    metrics,
    downloads: downloadSource(platform, posture, campaigns),
  });
  logger.info({ url, mode: config.mode }, 'MFA Coach is listening');
}

import type { DestinationStream } from 'pino';
import type { ServiceClientCredentialsFactory } from 'botframework-connector';
import { createTeamsAdapter } from '../adapters/bot/teams-adapter-factory';
import { createTeamsBot } from '../adapters/bot/teams-bot';
import { openDatabase } from '../adapters/storage/open-database';
import { migrate } from '../adapters/storage/migrate';
import { SqlBotStorage } from '../adapters/storage/sql-bot-storage';
import { SqlConversationReferenceStore } from '../adapters/storage/sql-conversation-reference-store';
import { createGraphClient, tokenSourceFor } from '../adapters/graph/graph-client';
import { GraphDirectory } from '../adapters/graph/graph-directory';
import { PgBossJobEngine } from '../adapters/jobs/pg-boss-job-engine';
import { registerHeartbeatJob } from '../adapters/jobs/heartbeat-job';
import type { Database } from '../adapters/storage/database';
import type { AppConfig } from './config';
import { createLogger, type Logger } from './logger';
import { createHttpServer } from './server';

/** Test seams only: production wiring uses the defaults. */
export interface AppOverrides {
  /** Outbound Bot Connector credentials (tests point replies at a local connector without signing in). */
  botCredentialsFactory?: ServiceClientCredentialsFactory;
  logDestination?: DestinationStream;
  logger?: Logger;
}

export interface RunningApp {
  url: string;
  port: number;
  logger: Logger;
  /** The app's own database, for operators' checks and tests; the app keeps ownership (stop() closes it). */
  database: Database;
  /** Graceful stop: no new turns, running turns and jobs finish (or are released), then the database closes. */
  stop(options?: { timeoutMs?: number }): Promise<void>;
}

/** The composition root: the only place that knows every concrete class. */
export async function startApp(config: AppConfig, overrides: AppOverrides = {}): Promise<RunningApp> {
  const logger = overrides.logger ?? createLogger(config.log.level, overrides.logDestination);
  const db = await openDatabase({ url: config.database.url, dataDir: config.database.dataDir });
  let jobs: PgBossJobEngine | undefined;
  try {
    const { applied } = await migrate(db);
    if (applied.length > 0) logger.info({ applied }, 'database migrated');

    jobs = new PgBossJobEngine(db, { logger });
    await jobs.start();
    const engine = jobs;
    await registerHeartbeatJob(engine, db);

    const adapter = createTeamsAdapter(config.bot.credential, config.tenantId, config.bot.tokenValidation, overrides.botCredentialsFactory);
    const bot = createTeamsBot(adapter, new SqlBotStorage(db), {
      botName: config.bot.displayName,
      tenantId: config.tenantId,
      references: new SqlConversationReferenceStore(db),
      // Turns wait on this client, so it retries once, briefly; background jobs get their own, more patient one.
      directory: new GraphDirectory(createGraphClient(config.graph.baseUrl, tokenSourceFor(config.graph.credential, config.tenantId), { delaySeconds: 1, maxRetries: 1 })),
      logger,
      now: () => new Date(),
    }, config.bot.credential.kind === 'anonymous' ? undefined : config.bot.credential.appId);

    const http = createHttpServer(bot, { database: () => db.isReady(), jobs: () => engine.isReady() }, logger);
    const { port, url } = await http.listen(config.server.host, config.server.port);
    logger.info({ url, mode: config.mode }, 'MFA Coach is listening');

    return {
      url,
      port,
      logger,
      database: db,
      async stop({ timeoutMs = 10_000 } = {}) {
        const drained = await http.drain(timeoutMs);
        if (!drained) logger.warn('stopping with turns still running');
        await http.close();
        await engine.stop({ graceful: true, timeoutMs });
        await db.close();
        logger.info('MFA Coach stopped');
      },
    };
  } catch (error) {
    // A failed start must not leave the job engine polling a database that is about to close.
    await jobs?.stop({ graceful: false, timeoutMs: 1000 }).catch(() => undefined);
    await db.close().catch(() => undefined);
    throw error;
  }
}

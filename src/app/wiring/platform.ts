import { openDatabase } from '../../adapters/storage/open-database';
import { migrate } from '../../adapters/storage/migrate';
import type { Database } from '../../adapters/storage/database';
import { PgBossJobEngine } from '../../adapters/jobs/pg-boss-job-engine';
import { registerHeartbeatJob } from '../../adapters/jobs/heartbeat-job';
import { whileDatabaseStarts } from '../database-start';
import type { AppConfig } from '../config';
import type { Logger } from '../logger';
import type { AppOverrides } from './overrides';
import { ProductMetrics } from '../../adapters/metrics/product-metrics';

/** What every capability stands on: the configuration, the log, the database, migrated, and the job engine working on it. */
export interface Platform {
  config: AppConfig;
  logger: Logger;
  overrides: AppOverrides;
  db: Database;
  jobs: PgBossJobEngine;
  /** The figures /metrics serves: each capability counts what it does into them. */
  metrics: ProductMetrics;
  /** The clock every capability reads (a test's, or the system's). */
  now: () => Date;
  /** Undoes a start that failed later on: the job engine stops polling, the database closes. */
  abandon(): Promise<void>;
}

export async function startPlatform(config: AppConfig, logger: Logger, overrides: AppOverrides): Promise<Platform> {
  const db = await openDatabase({ url: config.database.url, dataDir: config.database.dataDir });
  const metrics = new ProductMetrics();
  let jobs: PgBossJobEngine | undefined;
  const abandon = async () => {
    // A failed start must not leave the job engine polling a database that is about to close.
    await jobs?.stop({ graceful: false, timeoutMs: 1000 }).catch(() => undefined);
    await db.close().catch(() => undefined);
  };
  try {
    const { applied } = await whileDatabaseStarts(() => migrate(db), logger, overrides.databaseStartWaitMs);
    if (applied.length > 0) logger.info({ applied }, 'database migrated');
    jobs = await whileDatabaseStarts(() => startJobEngine(db, logger, metrics), logger, overrides.databaseStartWaitMs);
    await registerHeartbeatJob(jobs, db);
    return { config, logger, overrides, db, jobs, metrics, now: overrides.now ?? (() => new Date()), abandon };
  } catch (error) {
    await abandon();
    throw error;
  }
}

/** A fresh engine for each try: pg-boss does not start again after a start that failed half-way. */
async function startJobEngine(db: Database, logger: Logger, metrics: ProductMetrics): Promise<PgBossJobEngine> {
  const attempt = new PgBossJobEngine(db, { logger, observeFailure: (job) => metrics.jobFailures.inc({ job }) });
  await attempt.start();
  return attempt;
}

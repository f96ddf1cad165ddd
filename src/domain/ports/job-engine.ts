/**
 * Background work (scans, campaign runs, deliveries, rechecks) as named queues of jobs, durable across
 * restarts and shared by every bot instance on one database.
 */
export interface Job<T extends object = object> {
  id: string;
  name: string;
  data: T;
}

export interface SendJobOptions {
  /** The job's own id (a UUID): a second send with the same id, while the job is kept, queues nothing. */
  id?: string;
  /** Throttling: at most one job per singletonKey (or per queue without a key) in each window of this many seconds; a second send in the window answers null. */
  singletonSeconds?: number;
  /** Groups jobs for singletonSeconds (alone it does nothing). */
  singletonKey?: string;
  /** Not before this time. */
  startAfter?: Date;
  /** Retries after a failure (default 2). */
  retryLimit?: number;
  /** Seconds before a retry (default 0). */
  retryDelaySeconds?: number;
  /** Doubles the retry delay each time. */
  retryBackoff?: boolean;
  /** A job still running after this long counts as failed (default 15 minutes). */
  expireInSeconds?: number;
}

export interface WorkOptions {
  /** How often an idle worker looks for jobs (at least 0.5). */
  pollingIntervalSeconds?: number;
}

export interface BatchWorkOptions extends WorkOptions {
  /** Most jobs handed to the handler at once. */
  batchSize: number;
}

export interface JobEngine {
  /** Queues a job; answers its id, or null when a singleton rule kept it out. */
  send<T extends object>(name: string, data: T, options?: SendJobOptions): Promise<string | null>;
  /** Runs `name` on a cron expression in a time zone (IANA, e.g. 'Europe/Paris'); one schedule per name. */
  schedule<T extends object>(name: string, cron: string, timeZone: string, data?: T): Promise<void>;
  unschedule(name: string): Promise<void>;
  /** One job at a time; a throw fails that job, which is retried per its retry options. */
  work<T extends object>(name: string, handler: (job: Job<T>) => Promise<void>, options?: WorkOptions): Promise<void>;
  /** Several jobs at a time; the batch succeeds or fails (and is retried) as a whole. */
  workBatch<T extends object>(name: string, handler: (jobs: Job<T>[]) => Promise<void>, options: BatchWorkOptions): Promise<void>;
  /** True when started and its database answers. */
  isReady(): Promise<boolean>;
}

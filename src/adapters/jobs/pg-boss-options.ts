import type PgBoss from 'pg-boss';
import type { SendJobOptions } from '../../domain/ports/job-engine';

/** The product's job options as pg-boss 10 names them (see its types.d.ts). */
export function toPgBossSendOptions(options: SendJobOptions = {}): PgBoss.SendOptions {
  return definedOnly({
    id: options.id,
    singletonKey: options.singletonKey,
    singletonSeconds: options.singletonSeconds,
    startAfter: options.startAfter,
    retryLimit: options.retryLimit,
    retryDelay: options.retryDelaySeconds,
    retryBackoff: options.retryBackoff,
    expireInSeconds: options.expireInSeconds,
  });
}

/** pg-boss validates options with `'key' in options`: a key present with `undefined` fails its checks. */
export function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}

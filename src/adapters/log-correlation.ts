import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';

/**
 * One id on every log line of one piece of work, however deep the line is written: a turn (`turn:…`), a job
 * (`job:<queue>:<id>`: a scan, a campaign run's start, a weekly report), or a campaign run's deliveries and its
 * summary (`campaign-run:<run id>`). The logger adds it to each line (app/logger.ts), so no code has to pass a
 * child logger down; an operator filters the logs on it to follow one piece of work across its lines.
 */
export interface Correlation {
  correlationId: string;
  [field: string]: string;
}

const current = new AsyncLocalStorage<Correlation>();

/** Runs `work` with `correlation` on every line it logs, including lines of anything it awaits. */
export function withCorrelation<T>(correlation: Correlation, work: () => T): T {
  return current.run(correlation, work);
}

/** The fields of the work running now, if any. */
export function currentCorrelation(): Correlation | undefined {
  return current.getStore();
}

/** A fresh id for work that has none of its own (a turn): short, and unique enough to search for. */
export function newCorrelationId(kind: string): string {
  return `${kind}:${randomBytes(6).toString('hex')}`;
}

import type { HealthCheck, HealthResult } from '../../domain/ports/health-check';
import type { SqlExecutor } from '../storage/database';
import { heartbeatAgeSeconds } from './heartbeat-job';

/** The heartbeat job runs every minute; pg-boss turns a due schedule into a job within 30 s. Past this, jobs have stopped. */
export const HEARTBEAT_STALE_SECONDS = 180;

export interface JobEngineCheckParts {
  db: SqlExecutor;
  /**
   * The running bot's own engine and when it started. Absent when the doctor runs from the command line: the
   * engine is then in the bot's process, and only its heartbeats in the database tell whether it works.
   */
  engine?: { isReady(): Promise<boolean>; startedAt: Date };
  /** The bot's clock, for how long the engine has been up (default: the system clock). */
  now?: () => Date;
}

const STOPPED_IMPACT = 'scheduled scans, queued nudges and snoozed reminders, and campaign runs do not happen';

/** Doctor: the job engine works, as the heartbeat it records every minute shows (the chain /readyz relies on). */
export function jobEngineCheck(parts: JobEngineCheckParts): HealthCheck {
  return {
    name: 'Job engine',
    run: async () => {
      if (parts.engine && !(await parts.engine.isReady()))
        return {
          status: 'fail',
          summary: 'the job engine is not running in this bot',
          impact: STOPPED_IMPACT,
          fix: 'look in the log for "job engine error", then restart the bot',
        };
      let age: number | undefined;
      try {
        age = await heartbeatAgeSeconds(parts.db);
      } catch (error) {
        if ((error as { code?: string }).code !== '42P01') throw error;
        // No table: the bot never migrated this database (only the command-line doctor can meet this).
        return neverRan('the bot has not run on this database yet');
      }
      if (age !== undefined && age <= HEARTBEAT_STALE_SECONDS) return { status: 'ok', summary: `last heartbeat ${Math.round(age)} s ago` };
      return parts.engine ? inThisBot(parts.engine.startedAt, (parts.now ?? (() => new Date()))(), age) : fromOutside(age);
    },
  };
}

function inThisBot(startedAt: Date, now: Date, age: number | undefined): HealthResult {
  const upSeconds = (now.getTime() - startedAt.getTime()) / 1000;
  if (age === undefined && upSeconds <= HEARTBEAT_STALE_SECONDS)
    return { status: 'ok', summary: `started ${Math.round(upSeconds)} s ago; the first heartbeat is due within two minutes` };
  return {
    status: 'fail',
    summary: age === undefined ? 'no heartbeat since the bot started' : `no heartbeat for ${minutes(age)}`,
    impact: STOPPED_IMPACT,
    fix: 'look in the log for "job engine error" (the database may refuse pg-boss), then restart the bot',
  };
}

function fromOutside(age: number | undefined): HealthResult {
  if (age === undefined) return neverRan('no heartbeat recorded: no bot has worked jobs on this database yet');
  return {
    status: 'warn',
    summary: `no bot has worked the job queue for ${minutes(age)}`,
    impact: `while no bot runs, ${STOPPED_IMPACT}`,
    fix: 'start the bot (npm start), or look in its log for "job engine error"',
  };
}

function neverRan(summary: string): HealthResult {
  return {
    status: 'warn',
    summary,
    impact: 'nothing yet: jobs start with the bot',
    fix: 'start the bot (npm start); its heartbeat comes within two minutes',
  };
}

function minutes(seconds: number): string {
  const whole = Math.round(seconds / 60);
  return whole === 1 ? '1 minute' : `${whole} minutes`;
}

import pino, { type Logger } from 'pino';
import { currentCorrelation } from '../adapters/log-correlation';

export type { Logger };

/**
 * Field names whose values never belong in a log line, whatever their case and however deep they sit: secrets,
 * tokens, credentials, and what people wrote or were sent (message text, card attachments). pino's own `redact`
 * takes fixed paths only, so a token nested two levels down, or spelt `Authorization` or `ACCESS_TOKEN`, slipped
 * through; this walks every object logged instead.
 */
const SENSITIVE_KEY =
  /password|secret|authorization|cookie|credential|api[-_]?key|(^|[-_])token$|^(access|refresh|id|bearer)[-_]?token$|^(text|attachments)$/i;
const CENSOR = '[redacted]';
const MAX_DEPTH = 8;

export function redactSensitive(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return redactSensitive({ ...value, type: value.name, message: value.message }, depth, seen);
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[deep]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redactSensitive(item, depth + 1, seen));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = SENSITIVE_KEY.test(key) ? CENSOR : redactSensitive(item, depth + 1, seen);
  return copy;
}

/**
 * Structured JSON logs; every object logged passes through redactSensitive, a last line of defence. Each line
 * written during a turn, a job or a campaign run's delivery carries that work's correlationId (log-correlation.ts).
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'mfa-coach' },
      // A copy: pino merges each line's own fields into the object mixin returns, which would otherwise be the
      // work's shared correlation and carry one line's fields onto every later line of that work.
      mixin: () => ({ ...currentCorrelation() }),
      formatters: { log: (object) => redactSensitive(object) as Record<string, unknown> },
    },
    destination,
  );
}

import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Secrets and personal data never belong in a log line; the redaction list is a
 * last line of defence for fields that could carry them by accident (tokens, passwords, card contents).
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'mfa-coach' },
      redact: {
        paths: [
          'password', '*.password', 'secret', '*.secret', 'token', '*.token', 'authorization', '*.authorization',
          'headers.authorization', 'req.headers.authorization', '*.attachments', 'attachments', 'text', '*.text',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

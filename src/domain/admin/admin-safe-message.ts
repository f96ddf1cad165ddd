/**
 * An error's message, made fit to show an admin in a card or a log: first line only, short, and with
 * anything shaped like a credential removed (bearer tokens, JWTs, passwords in URLs or key=value pairs),
 * since driver and HTTP errors sometimes echo what they were given.
 */
export function adminSafeMessage(error: unknown, maxLength = 300): string {
  const raw = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  const firstLine = raw.split(/\r?\n/, 1)[0]?.trim() ?? '';
  const redacted = firstLine
    .replace(/\bbearer\s+[\w.~+/=-]+/gi, 'Bearer [redacted]')
    .replace(/\beyJ[\w-]+\.[\w-]+\.[\w-]*/g, '[redacted]')
    .replace(/(\/\/[^/\s:@]+):[^@\s/]+@/g, '$1:[redacted]@')
    .replace(
      /\b(password|passwd|pwd|secret|client_secret|token|access_token|refresh_token|api[_-]?key|sig)(\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s&;,]+)/gi,
      '$1$2[redacted]',
    );
  if (redacted === '') return 'an unexpected error';
  return redacted.length > maxLength ? `${redacted.slice(0, maxLength - 1)}…` : redacted;
}

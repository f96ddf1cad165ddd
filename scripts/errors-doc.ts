/**
 * Writes docs/errors.md from the error catalogue (src/domain/errors.ts): `npm run docs:errors`. A test fails
 * when the page and the catalogue differ, so the page an operator reads is always the code's.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CATALOGUE, type ErrorEntry } from '../src/domain/errors';

const cell = (text: string) => text.replace(/\|/g, '\\|');

export function errorsPage(catalogue: Record<string, ErrorEntry> = ERROR_CATALOGUE): string {
  const rows = Object.entries(catalogue).map(
    ([code, entry]) =>
      `| \`${code}\` | ${cell(entry.title)} | ${entry.retryable ? 'yes' : 'no'} | ${cell(entry.person)} | ${cell(entry.operator)} |`,
  );
  return [
    '# Error codes',
    '',
    'Generated from `src/domain/errors.ts` by `npm run docs:errors`; do not edit by hand.',
    '',
    'When a turn fails, the person sees an apology card with a reference and one of these codes; the log line',
    '"turn failed" carries the same reference, the code, whether trying again can help, and the action below.',
    'An error without a code is a bug and reads `INTERNAL`.',
    '',
    '| code | what happened | try again? | what the person is told | what the operator should do |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

if (require.main === module) {
  writeFileSync(join(__dirname, '..', 'docs', 'errors.md'), errorsPage());
}

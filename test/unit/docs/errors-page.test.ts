import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorsPage } from '../../../scripts/errors-doc';
import { ERROR_CATALOGUE, errorCodeOf, isErrorCode } from '../../../src/domain/errors';

describe('docs/errors.md', () => {
  it('is the catalogue as it is in the code (run `npm run docs:errors` after changing it)', () => {
    expect(readFileSync(join(__dirname, '..', '..', '..', 'docs', 'errors.md'), 'utf8')).toBe(errorsPage());
  });

  it('lists every code once, each with words for the person and an action for the operator', () => {
    const page = errorsPage();
    for (const [code, entry] of Object.entries(ERROR_CATALOGUE)) {
      expect(page.split(`| \`${code}\` |`)).toHaveLength(2);
      expect(entry.person.length).toBeGreaterThan(10);
      expect(entry.operator.length).toBeGreaterThan(10);
    }
  });
});

describe('errorCodeOf', () => {
  it('reads the code an error carries, and calls anything else INTERNAL', () => {
    expect(errorCodeOf(Object.assign(new Error('x'), { errorCode: 'GRAPH-THROTTLED' }))).toBe('GRAPH-THROTTLED');
    expect(errorCodeOf(Object.assign(new Error('x'), { errorCode: 'NOT-A-CODE' }))).toBe('INTERNAL');
    expect(errorCodeOf(new Error('x'))).toBe('INTERNAL');
    expect(errorCodeOf(undefined)).toBe('INTERNAL');
    expect(errorCodeOf('a string')).toBe('INTERNAL');
    expect(isErrorCode('toString')).toBe(false);
  });
});

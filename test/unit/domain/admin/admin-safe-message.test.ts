import { adminSafeMessage } from '../../../../src/domain/admin/admin-safe-message';

describe('adminSafeMessage', () => {
  it.each([
    [
      'a plain message',
      new Error('Insufficient privileges to complete the operation.'),
      'Insufficient privileges to complete the operation.',
    ],
    ['only the first line', new Error('Request failed\n    at GraphCaller.call (graph-caller.ts:12)'), 'Request failed'],
    ['a bearer token', new Error('401 for Authorization: Bearer abc.DEF-123_x'), '401 for Authorization: Bearer [redacted]'],
    ['a bare JWT', new Error('token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig was refused'), 'token [redacted] was refused'],
    [
      'a password in a URL',
      new Error('cannot reach postgres://bot:pa55word@db.internal:5432/mfa'),
      'cannot reach postgres://bot:[redacted]@db.internal:5432/mfa',
    ],
    [
      'key=value secrets',
      new Error('AADSTS7000215: client_secret=abc123 password: "x y" api-key=k'),
      'AADSTS7000215: client_secret=[redacted] password: [redacted] api-key=[redacted]',
    ],
    ['a string thrown', 'timed out', 'timed out'],
    ['something that is not an error', { code: 42 }, 'an unexpected error'],
    ['an empty message', new Error(''), 'an unexpected error'],
  ])('keeps %s fit for an admin', (_name, error, expected) => {
    expect(adminSafeMessage(error)).toBe(expected);
  });

  it('shortens long messages', () => {
    const message = adminSafeMessage(new Error('x'.repeat(1000)), 20);

    expect(message).toHaveLength(20);
    expect(message.endsWith('…')).toBe(true);
  });
});

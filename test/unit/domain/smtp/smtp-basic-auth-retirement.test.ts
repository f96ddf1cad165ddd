import { passwordSendersLine, smtpBasicAuthCountdown } from '../../../../src/domain/smtp/smtp-basic-auth-retirement';

// Dates are given, never read from the clock: the wording turns in December 2026 and again after its last day.
const at = (iso: string) => new Date(iso);

describe('the end of SMTP AUTH with a password', () => {
  it.each([
    ['2026-11-30T23:59:59Z', 'before', 31, 'SMTP AUTH with a password is switched off by default at the end of December 2026 (31 days)'],
    ['2026-12-01T00:00:00Z', 'december', 30, 'SMTP AUTH with a password is switched off by default at the end of this month (30 days)'],
    ['2026-12-30T12:00:00Z', 'december', 1, 'SMTP AUTH with a password is switched off by default at the end of this month (1 day)'],
    ['2026-12-31T23:00:00Z', 'december', 0, 'SMTP AUTH with a password is switched off by default today, at the end of December 2026'],
    [
      '2027-01-01T00:00:00Z',
      'after',
      1,
      'Since the end of December 2026, SMTP AUTH with a password is off by default (1 day ago): admins can still turn it back on until the final date, which Microsoft announces in the second half of 2027',
    ],
  ] as const)('at %s it is %s, %d days, and says so', (iso, phase, days, headline) => {
    expect(smtpBasicAuthCountdown(at(iso))).toEqual({ phase, days, headline });
  });

  it('counts in UTC calendar days, whatever the hour', () => {
    expect(smtpBasicAuthCountdown(at('2026-12-04T00:00:01Z')).days).toBe(27);
    expect(smtpBasicAuthCountdown(at('2026-12-04T23:59:59Z')).days).toBe(27);
  });

  it('says on posture how many accounts MFA cannot protect, and nothing alarming when there are none', () => {
    expect(passwordSendersLine(12)).toBe('12 accounts still send mail with a password: MFA cannot protect them');
    expect(passwordSendersLine(1)).toBe('1 account still sends mail with a password: MFA cannot protect it');
    expect(passwordSendersLine(0)).toBe('No account sent mail with a password in the period read');
  });
});

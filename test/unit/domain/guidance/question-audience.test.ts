import { audienceOf } from '../../../../src/domain/guidance/question-audience';

describe('audienceOf', () => {
  it.each([
    ['how do we enforce MFA for all users', 'admin'],
    ['which of our staff still use sms', 'admin'],
    ['my phone was stolen', 'employee'],
    ["I can't get the code on my phone", 'employee'],
    ['best time to roll out mfa', 'admin'],
    ['when should mfa be rolled-out', 'admin'],
  ] as const)('reads %j as an %s question, whoever asks', (question, audience) => {
    expect(audienceOf(question, 'admin')).toBe(audience);
    expect(audienceOf(question, 'employee')).toBe(audience);
  });

  it('falls back on who asks when the words do not say, and says nothing when neither does', () => {
    expect(audienceOf('sms', 'admin')).toBe('admin');
    expect(audienceOf('sms', 'employee')).toBe('employee');
    expect(audienceOf('sms')).toBeUndefined();
  });
});
